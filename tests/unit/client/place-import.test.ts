/**
 * The import's commit on a device (client/db/place-import.ts): the planned rows go through the
 * place ops into the places table and the outbox together; the same file committed again adds
 * no op; a changed row is one edit of its place. A staff account's places are approved at once.
 * The list is GENERATED (invented names); towns and points are the Tsurugashima pack's.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import type { Writer } from '#lib/client/db/local-writes.js';
import {
	commitImport,
	exportablePlaces,
	importContext,
	loadImportMapping,
	saveImportMapping
} from '#lib/client/db/place-import.js';
import { planImport, type ImportCity } from '#lib/domain/import/salon-rows.js';
import { guessMapping } from '#lib/domain/import/salon-template.js';
import { buildPackDir } from '../pack-files';

const { pack } = buildPackDir(path.resolve('packs/tsurugashima'));
const city: ImportCity = {
	packId: pack.id,
	municipality: pack.municipality,
	towns: pack.towns,
	districts: pack.districts,
	districtLevel: pack.districtLevel?.ja ?? null
};
const STAFF = '00000000-0000-7000-8000-0000000000aa';

const dbs: IbashoDb[] = [];
afterEach(async () => {
	while (dbs.length) {
		const db = dbs.pop()!;
		db.close();
		await Dexie.delete(db.name);
	}
});

const list = (end: string) => [
	['番号', '名称', '住所', '開催日', '開始', '終了'],
	['1', '生成サロンあおば', '鶴ヶ島市脚折町1-2-3', '毎月第2火曜', '10:00', end],
	['2', '生成サロンみどり', '鶴ヶ島市富士見3丁目4-5', '毎週木曜', '13:30', '15:30'],
	['3', '', '鶴ヶ島市南町一丁目', '', '', '']
];

async function plan(db: IbashoDb, end: string) {
	const table = list(end);
	return planImport(table, 0, guessMapping(table[0]!), city, await importContext(db, pack.id));
}

it('commits the good rows once, and a changed row as one edit', async () => {
	const db = new IbashoDb(`import-${Math.random()}`);
	dbs.push(db);
	const w: Writer = { db, userId: STAFF, actor: { userId: STAFF, role: 'staff', districtIds: [] } };

	const first = await plan(db, '12:00');
	expect(await commitImport(w, pack.id, first.rows)).toEqual({ added: 2, updated: 0 });
	expect(await db.outbox.count()).toBe(2);
	const places = await db.places.toArray();
	expect(places.map((p) => p.moderation)).toEqual(['approved', 'approved']);
	expect(places.find((p) => p.name === '生成サロンあおば')?.point).toEqual(
		pack.towns.find((t) => t.name === '脚折町一丁目')!.point
	);

	// The same file again: nothing to commit, and committing the stale plan adds no op either.
	const again = await plan(db, '12:00');
	expect(again.counts).toMatchObject({ add: 0, update: 0, same: 2 });
	expect(await commitImport(w, pack.id, first.rows)).toEqual({ added: 0, updated: 0 });
	expect(await db.outbox.count()).toBe(2);

	const changed = await plan(db, '12:30');
	expect(await commitImport(w, pack.id, changed.rows)).toEqual({ added: 0, updated: 1 });
	const ops = await db.outbox.toArray();
	expect(ops).toHaveLength(3);
	expect(ops[2]!.op).toMatchObject({
		kind: 'place.upsert',
		fields: {
			scheduleRule: { kind: 'monthly', nths: [2], weekday: 2, start: '10:00', end: '12:30' }
		}
	});
	expect(Object.keys((ops[2]!.op as { fields: object }).fields)).toEqual(['scheduleRule']);
	expect(await db.places.count()).toBe(2);
	expect((await exportablePlaces(db, pack.id)).map((p) => p.fields.name).sort()).toEqual([
		'生成サロンあおば',
		'生成サロンみどり'
	]);
});

it('remembers the column mapping per city', async () => {
	const db = new IbashoDb(`import-${Math.random()}`);
	dbs.push(db);
	expect(await loadImportMapping(db, pack.id)).toEqual({});
	await saveImportMapping(db, pack.id, { name: 'サロン名' });
	expect(await loadImportMapping(db, pack.id)).toEqual({ name: 'サロン名' });
	expect(await loadImportMapping(db, 'tokorozawa')).toEqual({});
});
