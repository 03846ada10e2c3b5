import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import {
	observePlaces,
	readPackBundle,
	readPlace,
	savePackBundle
} from '#lib/client/db/pack-store.js';
import { StorageFullError } from '#lib/client/db/storage-errors.js';
import type { PackBundle } from '#lib/client/pack-source.js';
import { OSM_TILES } from '#lib/config.js';
import type { Place } from '#lib/domain/model.js';
import { makePlace } from '../factories';

const dbs: IbashoDb[] = [];
function freshDb() {
	const db = new IbashoDb(`store-${Math.random()}`);
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

function bundle(places: Place[]): PackBundle {
	return {
		pack: {
			id: 'test',
			municipality: 'テスト市',
			municipalityCode: '00000',
			bbox: [139.3, 35.9, 139.5, 36],
			center: { lng: 139.4, lat: 35.95 },
			districts: [],
			towns: [],
			places,
			attributions: []
		},
		config: { tiles: OSM_TILES }
	};
}

describe('pack snapshot on the device', () => {
	it('reads back what the server sent, in the server order', async () => {
		const db = freshDb();
		const places = [makePlace({ id: 'z-last' }), makePlace({ id: 'a-first' })];
		await savePackBundle(db, bundle(places));
		const read = await readPackBundle(db);
		expect(read?.pack.places.map((p) => p.id)).toEqual(['z-last', 'a-first']);
		expect(await readPlace(db, 'a-first')).toEqual(places[1]);
	});

	it('drops places the server no longer lists, atomically with the new ones', async () => {
		const db = freshDb();
		await savePackBundle(db, bundle([makePlace({ id: 'old' }), makePlace({ id: 'kept' })]));
		await savePackBundle(db, bundle([makePlace({ id: 'kept' }), makePlace({ id: 'new' })]));
		expect((await readPackBundle(db))?.pack.places.map((p) => p.id)).toEqual(['kept', 'new']);
	});

	it('tells live observers about a refresh', async () => {
		const db = freshDb();
		await savePackBundle(db, bundle([makePlace({ id: 'one' })]));
		const seen: string[][] = [];
		const sub = observePlaces(db, 'test').subscribe((places) => seen.push(places.map((p) => p.id)));
		await vi.waitFor(() => expect(seen).toHaveLength(1));
		await savePackBundle(db, bundle([makePlace({ id: 'one' }), makePlace({ id: 'two' })]));
		await vi.waitFor(() => expect(seen.at(-1)).toEqual(['one', 'two']));
		sub.unsubscribe();
	});

	it('turns a full disk into StorageFullError and keeps the previous snapshot whole', async () => {
		const db = freshDb();
		await savePackBundle(db, bundle([makePlace({ id: 'before' })]));
		const spy = vi.spyOn(db.packChunks, 'bulkPut').mockImplementation(() => {
			throw new DOMException('quota', 'QuotaExceededError');
		});
		await expect(savePackBundle(db, bundle([makePlace({ id: 'after' })]))).rejects.toBeInstanceOf(
			StorageFullError
		);
		spy.mockRestore();
		expect((await readPackBundle(db))?.pack.places.map((p) => p.id)).toEqual(['before']);
	});

	it('stores 2,500 places in three chunks and reads them back in order', async () => {
		const db = freshDb();
		const many = Array.from({ length: 2500 }, (_, i) => makePlace({ id: `p-${i}` }));
		await savePackBundle(db, bundle(many));
		expect(await db.packChunks.count()).toBe(3);
		expect((await readPackBundle(db))?.pack.places.map((p) => p.id)).toEqual(many.map((p) => p.id));
		expect((await readPlace(db, 'p-2499'))?.id).toBe('p-2499');
	});

	it('skips rewriting a pack whose revision has not changed', async () => {
		const db = freshDb();
		await savePackBundle(db, { ...bundle([makePlace({ id: 'one' })]), revision: 'r1' });
		const spy = vi.spyOn(db.packChunks, 'bulkPut');
		await savePackBundle(db, { ...bundle([makePlace({ id: 'one' })]), revision: 'r1' }, 5);
		expect(spy).not.toHaveBeenCalled();
		expect((await db.packs.get('test'))?.savedAt).toBe(5);
		await savePackBundle(db, { ...bundle([makePlace({ id: 'two' })]), revision: 'r2' });
		expect(spy).toHaveBeenCalledTimes(1);
		expect((await readPackBundle(db))?.pack.places.map((p) => p.id)).toEqual(['two']);
	});

	it('lays places from the signed-in sync over the download', async () => {
		const db = freshDb();
		await savePackBundle(
			db,
			bundle([makePlace({ id: 'a', name: '古い名前' }), makePlace({ id: 'b' })])
		);
		await db.places.put({
			...makePlace({ id: 'a', name: '新しい名前' }),
			packId: 'test',
			ordinal: 0,
			via: 'sync'
		});
		await db.places.put({
			...makePlace({ id: 'mine', moderation: 'pending' }),
			packId: 'test',
			ordinal: 0,
			via: 'sync'
		});
		const read = (await readPackBundle(db))!.pack.places;
		expect(read.map((p) => [p.id, p.name])).toEqual([
			['a', '新しい名前'],
			['b', read[1]!.name],
			['mine', read[2]!.name]
		]);
	});
});
