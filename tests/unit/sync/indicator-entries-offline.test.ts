/**
 * Two staff phones enter the same indicator's figure offline; after both sync, both show the
 * entry made last, the server keeps both as history, and a value that does not fit the
 * indicator comes back as a refusal with its reason — nothing typed is lost.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import { recordIndicator } from '#lib/client/db/local-writes.js';
import { syncOnce } from '#lib/client/sync/sync-runner.js';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { loadEntryHistory } from '#lib/server/indicators-repo.js';
import { account, syncContext } from '../server/sync-helpers';
import { inProcessTransport } from './in-process-transport';

let ctx: AppContext;
let staffA: Account;
let staffB: Account;
const dbs: IbashoDb[] = [];
const device = () => {
	const db = new IbashoDb(`device-${Math.random()}`);
	dbs.push(db);
	return db;
};

beforeAll(async () => {
	ctx = await syncContext('pglite');
	staffA = await account(ctx, 'staff');
	staffB = await account(ctx, 'staff');
}, 30_000);
afterAll(async () => {
	for (const db of dbs) {
		db.close();
		await Dexie.delete(db.name);
	}
	await ctx.db.close();
});

const input = (value: number) => ({
	planId: 'tsurugashima',
	indicatorNumber: 14,
	fiscalYear: 2024,
	value: { kind: 'number' as const, value },
	activities: '協議会の加入団体を集計（テスト入力）',
	source: { kind: 'reported' as const, by: '障害者福祉課' },
	note: null
});

it('converges on the entry made last, and keeps both on the server', async () => {
	const a = device();
	const b = device();
	const clock = Date.now() - 120_000;
	const wa = { db: a, userId: staffA.userId, now: () => clock };
	const wb = { db: b, userId: staffB.userId, now: () => clock + 60_000 };
	await recordIndicator(wa, input(32), staffA.email);
	await recordIndicator(wb, input(33), staffB.email);
	expect((await a.indicatorEntries.get('tsurugashima/14/2024'))?.syncState).toBe('pending');

	// B syncs first, then A whose entry is older: A's phone ends showing B's figure.
	await syncOnce(b, inProcessTransport(ctx, staffB), { userId: staffB.userId });
	await syncOnce(a, inProcessTransport(ctx, staffA), { userId: staffA.userId });
	await syncOnce(b, inProcessTransport(ctx, staffB), { userId: staffB.userId });
	for (const phone of [a, b]) {
		const row = await phone.indicatorEntries.get('tsurugashima/14/2024');
		expect(row?.value).toEqual({ kind: 'number', value: 33 });
		expect(row?.recordedBy).toBe(staffB.email);
		expect(row?.syncState).toBe('sent');
		expect(await phone.outbox.count()).toBe(0);
	}
	const history = await loadEntryHistory(ctx.db, 'tsurugashima', 14, 2024);
	expect(history.map((h) => h.recordedBy)).toEqual([staffB.email, staffA.email]);
});

it('keeps a refused entry on the phone with its reason', async () => {
	const phone = device();
	const w = { db: phone, userId: staffA.userId };
	await recordIndicator(w, { ...input(31.5) }, staffA.email);
	await syncOnce(phone, inProcessTransport(ctx, staffA), { userId: staffA.userId });
	const [problem] = await phone.outbox.toArray();
	expect(problem).toMatchObject({ status: 'rejected', reason: 'invalid_value' });
	const row = await phone.indicatorEntries.get('tsurugashima/14/2024');
	// The refused figure stays visible to its author, marked, until they correct it.
	expect(row?.syncState).toBe('rejected');
	expect(row?.value).toEqual({ kind: 'number', value: 31.5 });
});
