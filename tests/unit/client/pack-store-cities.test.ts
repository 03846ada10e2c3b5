/**
 * A phone that looked at two cities keeps both offline: each city's pack and outlines are
 * saved under its own id, the root page reads the default city's, a place page finds its own
 * city's. The cities and places are generated test data.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import {
	packIdOfPlace,
	readGeometry,
	readPackBundle,
	saveGeometry,
	savePackBundle
} from '#lib/client/db/pack-store.js';
import type { PackBundle } from '#lib/client/pack-source.js';
import type { CityList } from '#lib/cities.js';
import { OSM_TILES } from '#lib/config.js';
import type { Place } from '#lib/domain/model.js';
import { makePlace } from '../factories';

let db: IbashoDb;
afterEach(async () => {
	db.close();
	await Dexie.delete(db.name);
});

const cities: CityList = {
	defaultCity: 'gen-b',
	cities: [
		{ id: 'gen-a', name: '生成A市（テスト用）' },
		{ id: 'gen-b', name: '生成B市（テスト用）' }
	]
};

function bundle(id: string, places: Place[]): PackBundle {
	return {
		pack: {
			id,
			municipality: `${id}（テスト用）`,
			municipalityCode: '99999',
			bbox: [150, 40, 150.02, 40.02],
			center: { lng: 150.01, lat: 40.01 },
			districts: [],
			towns: [],
			places,
			attributions: []
		},
		config: { tiles: OSM_TILES, cities },
		revision: `${id}-1`
	};
}

describe('packs of several cities on one device', () => {
	it('keeps each city apart; without a city, the default one', async () => {
		db = new IbashoDb(`cities-${Math.random()}`);
		// Saved in this order: the first row is not the default city.
		await savePackBundle(db, bundle('gen-a', [makePlace({ id: 'gen-a-1' })]));
		await savePackBundle(db, bundle('gen-b', [makePlace({ id: 'gen-b-1' })]));
		expect((await readPackBundle(db, 'gen-a'))?.pack.places.map((p) => p.id)).toEqual(['gen-a-1']);
		expect((await readPackBundle(db, 'gen-b'))?.pack.places.map((p) => p.id)).toEqual(['gen-b-1']);
		expect((await readPackBundle(db))?.pack.id).toBe('gen-b');
		expect(await readPackBundle(db, 'gen-c')).toBeNull();

		expect(await packIdOfPlace(db, 'gen-a-1')).toBe('gen-a');
		expect(await packIdOfPlace(db, 'nowhere')).toBeNull();

		// Refreshing one city leaves the other as it was.
		await savePackBundle(db, { ...bundle('gen-a', []), revision: 'gen-a-2' });
		expect((await readPackBundle(db, 'gen-b'))?.pack.places).toHaveLength(1);
	});

	it("keeps each city's outlines; without a city, the default one's", async () => {
		db = new IbashoDb(`cities-${Math.random()}`);
		await savePackBundle(db, bundle('gen-a', []));
		await savePackBundle(db, bundle('gen-b', []));
		await saveGeometry(db, { packId: 'gen-a', boundary: [], districts: [] });
		await saveGeometry(db, { packId: 'gen-b', boundary: [], districts: [] });
		expect((await readGeometry(db, 'gen-a'))?.packId).toBe('gen-a');
		expect((await readGeometry(db))?.packId).toBe('gen-b');
	});
});
