/**
 * The pack snapshot on the device: written when the server sends a fresh pack, read when the
 * network is gone, observed by the UI through liveQuery.
 */
import { liveQuery, type Observable } from 'dexie';
import type { PackBundle } from '$lib/client/pack-source';
import type { PackGeometry, Place } from '$lib/domain/model';
import type { IbashoDb, PlaceRow } from './ibasho-db';
import { guardQuota } from './storage-errors';

const toPlace = ({
	packId: _packId,
	ordinal: _ordinal,
	via: _via,
	fields: _fields,
	...place
}: PlaceRow): Place => place;
const inServerOrder = (rows: PlaceRow[]): Place[] =>
	rows.sort((a, b) => a.ordinal - b.ordinal).map(toPlace);

/**
 * Replaces the pack download's places and metadata in one transaction: readers never see half.
 * Rows that came through the signed-in sync are newer and carry field state: left alone.
 */
export async function savePackBundle(db: IbashoDb, bundle: PackBundle, now = Date.now()) {
	const { places, ...meta } = bundle.pack;
	await guardQuota(() =>
		db.transaction('rw', db.places, db.packs, async () => {
			const existing = await db.places.where('packId').equals(meta.id).toArray();
			const synced = new Set(existing.filter((r) => r.via === 'sync').map((r) => r.id));
			const keep = new Set(places.map((p) => p.id));
			const stale = existing.filter((r) => r.via !== 'sync' && !keep.has(r.id)).map((r) => r.id);
			await db.places.bulkDelete(stale);
			await db.places.bulkPut(
				places
					.map((p, ordinal) => ({ ...p, packId: meta.id, ordinal, via: 'pack' as const }))
					.filter((p) => !synced.has(p.id))
			);
			await db.packs.put({ id: meta.id, meta, config: bundle.config, savedAt: now });
		})
	);
}

/** The saved pack (the first one when no id is given), or null on a device never online. */
export async function readPackBundle(
	db: IbashoDb,
	packId?: string
): Promise<(PackBundle & { savedAt: number }) | null> {
	const row = packId ? await db.packs.get(packId) : await db.packs.toCollection().first();
	if (!row) return null;
	const places = inServerOrder(await db.places.where('packId').equals(row.id).toArray());
	return { pack: { ...row.meta, places }, config: row.config, savedAt: row.savedAt };
}

export async function readPlace(db: IbashoDb, id: string): Promise<Place | null> {
	const row = await db.places.get(id);
	return row ? toPlace(row) : null;
}

export function observePlaces(db: IbashoDb, packId: string): Observable<Place[]> {
	return liveQuery(async () =>
		inServerOrder(await db.places.where('packId').equals(packId).toArray())
	);
}

export async function saveGeometry(db: IbashoDb, geometry: PackGeometry) {
	await guardQuota(() => db.geometry.put({ packId: geometry.packId, geometry }));
}

export async function readGeometry(db: IbashoDb, packId?: string): Promise<PackGeometry | null> {
	const row = packId ? await db.geometry.get(packId) : await db.geometry.toCollection().first();
	return row?.geometry ?? null;
}

export async function readFlag(db: IbashoDb, key: string): Promise<unknown> {
	return (await db.kv.get(key))?.value;
}

export async function writeFlag(db: IbashoDb, key: string, value: unknown) {
	await guardQuota(() => db.kv.put({ key, value }));
}
