/**
 * The device's copy of each city's plan (client/db/plan-cache.ts): what the staff screens open
 * with no signal. A copy reads back as the plan the server sent; a copy the current model
 * refuses (saved by an older app) reads as absent instead of half a plan.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import { lastPlanCity, readPlanCopy, savePlanCopy } from '#lib/client/db/plan-cache.js';
import { REPO_ROOT } from '../indicators/seed-text';

const planJson = (city: string): unknown =>
	JSON.parse(readFileSync(path.join(REPO_ROOT, `packs/${city}/plan.json`), 'utf8'));

const dbs: IbashoDb[] = [];
function freshDb() {
	const db = new IbashoDb(`plan-cache-${Math.random()}`);
	dbs.push(db);
	return db;
}
afterEach(async () => {
	while (dbs.length) {
		const db = dbs.pop()!;
		db.close();
		await Dexie.delete(db.name);
	}
});

describe('plan copies on the device', () => {
	it('keeps each city’s plan apart and remembers the city saved last', async () => {
		const db = freshDb();
		expect(await readPlanCopy(db, 'tsurugashima')).toBeNull();
		expect(await lastPlanCity(db)).toBeNull();
		await savePlanCopy(db, 'tsurugashima', planJson('tsurugashima'));
		await savePlanCopy(db, 'tokorozawa', planJson('tokorozawa'));
		expect((await readPlanCopy(db, 'tsurugashima'))?.municipality).toBe('鶴ヶ島市');
		const tokorozawa = await readPlanCopy(db, 'tokorozawa');
		expect(tokorozawa?.municipality).toBe('所沢市');
		expect(tokorozawa?.indicators).toHaveLength(47);
		expect(await lastPlanCity(db)).toBe('tokorozawa');
	});

	it('treats a copy the model refuses as absent', async () => {
		const db = freshDb();
		// The shape before schema 2: one priority measure, no evaluation words, no table headings.
		const old = planJson('tsurugashima') as Record<string, unknown>;
		const { evaluation: _e, table: _t, ...rest } = old;
		await savePlanCopy(db, 'tsurugashima', { ...rest, schemaVersion: 1 });
		expect(await readPlanCopy(db, 'tsurugashima')).toBeNull();
	});
});
