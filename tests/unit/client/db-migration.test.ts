import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { IbashoDb, SCHEMA_HISTORY } from '$lib/client/db/ibasho-db';
import { readPackBundle } from '$lib/client/db/pack-store';
import { makePlace } from '../factories';

const names: string[] = [];
afterEach(async () => {
	while (names.length) await Dexie.delete(names.pop()!);
});

describe('Dexie schema history', () => {
	it('is in order, starting at 1, with no gaps', () => {
		expect(SCHEMA_HISTORY.map((s) => s.version)).toEqual(SCHEMA_HISTORY.map((_, i) => i + 1));
	});

	it('upgrading a version-1 database to the current one keeps every row', async () => {
		const name = `migration-${Math.random()}`;
		names.push(name);
		// A device that installed the first release: only version 1 is known to it.
		const v1 = new Dexie(name);
		v1.version(1).stores(SCHEMA_HISTORY[0]!.stores);
		await v1.open();
		const places = Array.from({ length: 50 }, (_, i) =>
			makePlace({ id: `p-${String(i).padStart(3, '0')}`, districtIds: [i % 2 ? 'fuji' : 'sakae'] })
		);
		await v1
			.table('places')
			.bulkPut(places.map((p, ordinal) => ({ ...p, packId: 'test', ordinal })));
		await v1.table('packs').put({
			id: 'test',
			meta: { id: 'test', districts: [], towns: [], attributions: [] },
			config: { tiles: { url: null, attribution: '', maxZoom: 18, allowPrefetch: false } },
			savedAt: 1
		});
		v1.close();

		const current = new IbashoDb(name);
		await current.open();
		expect(current.verno).toBe(SCHEMA_HISTORY.at(-1)!.version);
		expect(await current.packs.count()).toBe(1);
		// Version 4 moved the downloaded places into chunks: every one is still there, in order.
		expect(await current.packChunks.count()).toBe(1);
		const bundle = await readPackBundle(current, 'test');
		expect(bundle?.pack.places.map((p) => p.id)).toEqual(places.map((p) => p.id));
		expect(bundle?.pack.places.filter((p) => p.districtIds.includes('fuji'))).toHaveLength(25);
		expect(bundle?.pack.places[0]).toEqual(places[0]);
		current.close();
	});
});
