/**
 * The pack snapshot on the device: written when the server sends a fresh pack, read when the
 * network is gone, observed by the UI through liveQuery.
 */
import { liveQuery, type Observable } from 'dexie';
import type { PackBundle } from '#lib/client/pack-source.js';
import type { PackGeometry, Place } from '#lib/domain/model.js';
import { placeView } from '#lib/domain/sync/place-fields.js';
import { PACK_CHUNK_SIZE, type IbashoDb, type PlaceRow } from './ibasho-db';
import { guardQuota } from './storage-errors';

const toPlace = ({
	packId: _packId,
	ordinal: _ordinal,
	via: _via,
	fields: _fields,
	publishedFields: _published,
	...place
}: PlaceRow): Place => place;

/**
 * A place as residents see it: a change waiting for review (sync/place-review.ts) shows only on
 * the work screens; the find list and place pages keep the version last approved.
 */
function toPublicPlace(row: PlaceRow): Place {
	if (!row.publishedFields || row.moderation === 'approved') return toPlace(row);
	const { stamps: _s, ...shown } = placeView({
		id: row.id,
		ownerId: row.ownerId ?? null,
		moderation: 'approved',
		moderationNote: null,
		fields: row.publishedFields
	});
	return { ...shown, ownerId: row.ownerId };
}

/**
 * Replaces the pack download in one transaction (readers never see half), stored as chunks of
 * PACK_CHUNK_SIZE places. An unchanged revision only refreshes the timestamp: no rewrite.
 */
export async function savePackBundle(db: IbashoDb, bundle: PackBundle, now = Date.now()) {
	const { places, ...meta } = bundle.pack;
	await guardQuota(() =>
		db.transaction('rw', db.packChunks, db.packs, async () => {
			const current = await db.packs.get(meta.id);
			if (bundle.revision && current?.revision === bundle.revision) {
				await db.packs.update(meta.id, { savedAt: now });
				return;
			}
			await db.packChunks.where('packId').equals(meta.id).delete();
			const chunks = [];
			for (let i = 0; i * PACK_CHUNK_SIZE < places.length; i++) {
				chunks.push({
					packId: meta.id,
					index: i,
					places: places.slice(i * PACK_CHUNK_SIZE, (i + 1) * PACK_CHUNK_SIZE)
				});
			}
			await db.packChunks.bulkPut(chunks);
			await db.packs.put({
				id: meta.id,
				meta,
				config: bundle.config,
				savedAt: now,
				revision: bundle.revision
			});
		})
	);
}

/**
 * The pack's places as this device knows them: the download, with places that came through
 * the signed-in sync laid over it (newer, and including the person's own unpublished ones).
 */
async function readPlaces(db: IbashoDb, packId: string): Promise<Place[]> {
	const [chunks, synced] = await Promise.all([
		db.packChunks.where('packId').equals(packId).sortBy('index'),
		db.places.where('packId').equals(packId).toArray()
	]);
	const overlay = new Map(synced.map((r) => [r.id, toPublicPlace(r)]));
	const places: Place[] = [];
	for (const chunk of chunks) {
		for (const place of chunk.places) {
			const newer = overlay.get(place.id);
			places.push(newer ?? place);
			overlay.delete(place.id);
		}
	}
	return [...places, ...overlay.values()];
}

/**
 * The saved pack of a city; without an id, the default city's (as the server last named it,
 * else the one saved first). Null when this device never saw it. A device keeps every city it
 * was shown, each under its own id, so a phone that looked at two cities has both offline.
 */
export async function readPackBundle(
	db: IbashoDb,
	packId?: string
): Promise<(PackBundle & { savedAt: number }) | null> {
	const row = packId ? await db.packs.get(packId) : await defaultPackRow(db);
	if (!row) return null;
	const places = await readPlaces(db, row.id);
	return {
		pack: { ...row.meta, places },
		config: row.config,
		savedAt: row.savedAt,
		revision: row.revision
	};
}

async function defaultPackRow(db: IbashoDb) {
	const rows = await db.packs.toArray();
	const latest = rows.reduce<(typeof rows)[number] | undefined>(
		(a, b) => (!a || b.savedAt > a.savedAt ? b : a),
		undefined
	);
	const named = latest?.config.cities?.defaultCity;
	return rows.find((r) => r.id === named) ?? rows[0];
}

/** The city (pack id) a place belongs to on this device, or null when it knows no such place. */
export async function packIdOfPlace(db: IbashoDb, id: string): Promise<string | null> {
	const row = await db.places.get(id);
	if (row) return row.packId;
	let found: string | null = null;
	await db.packChunks.each((chunk) => {
		if (!found && chunk.places.some((p) => p.id === id)) found = chunk.packId;
	});
	return found;
}

export async function readPlace(db: IbashoDb, id: string): Promise<Place | null> {
	const row = await db.places.get(id);
	if (row) return toPublicPlace(row);
	// Not synced: look in the download (a place page opened offline from a shared link).
	let found: Place | null = null;
	await db.packChunks.each((chunk) => {
		found ??= chunk.places.find((p) => p.id === id) ?? null;
	});
	return found;
}

export function observePlaces(db: IbashoDb, packId: string): Observable<Place[]> {
	return liveQuery(() => readPlaces(db, packId));
}

export async function saveGeometry(db: IbashoDb, geometry: PackGeometry) {
	await guardQuota(() => db.geometry.put({ packId: geometry.packId, geometry }));
}

export async function readGeometry(db: IbashoDb, packId?: string): Promise<PackGeometry | null> {
	const id = packId ?? (await defaultPackRow(db))?.id;
	const row = id ? await db.geometry.get(id) : await db.geometry.toCollection().first();
	return row?.geometry ?? null;
}

export async function readFlag(db: IbashoDb, key: string): Promise<unknown> {
	return (await db.kv.get(key))?.value;
}

export async function writeFlag(db: IbashoDb, key: string, value: unknown) {
	await guardQuota(() => db.kv.put({ key, value }));
}
