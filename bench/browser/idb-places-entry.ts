/**
 * Page side of the `idb-places` section, bundled by bench/bundle-browser.ts and injected into a
 * blank page on the app's origin. It drives the app's real storage code (`IbashoDb`,
 * `savePackBundle`, `readPackBundle`) and exposes `window.__benchIdb` to the section.
 *
 * The 150,000 places are generated here, in the page, by the same seeded generator the node
 * sections use (same count + seed ⇒ the same places): cheaper and simpler than serialising
 * 150,000 objects through the DevTools protocol, and not part of any timing either way.
 *
 * Every timing is `performance.now()` in the page around one awaited call, so it includes the
 * IndexedDB transaction's commit (Dexie resolves a transaction on its `complete` event).
 */
import { IbashoDb } from '../../src/lib/client/db/ibasho-db';
import { readPackBundle, savePackBundle } from '../../src/lib/client/db/pack-store';
import type { PackBundle } from '../../src/lib/client/pack-source';
import type { Place } from '../../src/lib/domain/model';
import { DEFAULT_CENTER, GENERATED_DISTRICTS, generatePlaces } from '../fixtures/generate-places';

export interface IdbBenchApi {
	/** Generates `count` places in the page (kept for `seed`); returns the milliseconds taken. */
	generate(count: number, seed: number): number;
	/** Closes the connection and deletes the database: the next `seed` writes into nothing. */
	reset(): Promise<void>;
	/** `savePackBundle` with all generated places, on an open connection; milliseconds. */
	seed(): Promise<number>;
	/** `readPackBundle` on a freshly opened connection; milliseconds and places read. */
	readAll(): Promise<{ ms: number; count: number }>;
	/** `navigator.storage.estimate()`, in bytes. */
	estimate(): Promise<{ usage: number; quota: number }>;
}

const BENCH_PACK_ID = 'gen-pack';

let places: Place[] = [];
let db: IbashoDb | null = null;

/** A pack as the server would send it, around the generated places (all fake, 生成市). */
function bundle(): PackBundle {
	const pad = 0.1;
	return {
		pack: {
			id: BENCH_PACK_ID,
			municipality: '生成市',
			municipalityCode: '00000',
			bbox: [
				DEFAULT_CENTER.lng - pad,
				DEFAULT_CENTER.lat - pad,
				DEFAULT_CENTER.lng + pad,
				DEFAULT_CENTER.lat + pad
			],
			center: DEFAULT_CENTER,
			districts: GENERATED_DISTRICTS.map((d) => ({
				id: d.id,
				name: d.name,
				schoolName: `${d.name}（生成）`,
				schoolAddress: '生成市',
				areaKm2: 50
			})),
			towns: [],
			places,
			attributions: []
		},
		config: { tiles: { url: null, attribution: '', maxZoom: 19, allowPrefetch: false } }
	};
}

async function openDb(): Promise<IbashoDb> {
	db?.close();
	db = new IbashoDb();
	await db.open();
	return db;
}

const api: IdbBenchApi = {
	generate(count, seed) {
		const start = performance.now();
		places = generatePlaces({ count, seed });
		return performance.now() - start;
	},
	async reset() {
		db?.close();
		db = null;
		await new IbashoDb().delete();
	},
	async seed() {
		// The app writes on a connection it already has open: opening is not part of a save.
		const open = await openDb();
		const pack = bundle();
		const start = performance.now();
		await savePackBundle(open, pack);
		return performance.now() - start;
	},
	async readAll() {
		// A cold start reads on a new connection; opening it is not part of the read.
		const open = await openDb();
		const start = performance.now();
		const saved = await readPackBundle(open);
		return { ms: performance.now() - start, count: saved?.pack.places.length ?? 0 };
	},
	async estimate() {
		const { usage = 0, quota = 0 } = await navigator.storage.estimate();
		return { usage, quota };
	}
};

Object.assign(window, { __benchIdb: api });
