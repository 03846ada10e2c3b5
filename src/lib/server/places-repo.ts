/** Place rows: the pack's open data seeded at start, and (later) people's registrations. */
import { createHash } from 'node:crypto';
import { isPublicPlace, publicPlaceView, type Place } from '#lib/domain/model.js';
import type { Database, Queryable } from './db/database';

export interface SeedResult {
	packId: string;
	changed: boolean;
	placeCount: number;
}

export function contentHash(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * Brings the pack's places up to date in one transaction. Idempotent: the same pack content
 * is a no-op, so every start can call it. Only rows of origin 'pack' are touched; places
 * people registered are never overwritten or removed by a pack update.
 */
export async function seedPackPlaces(
	db: Database,
	packId: string,
	places: readonly Place[]
): Promise<SeedResult> {
	const hash = contentHash(places);
	return db.transaction(async (tx) => {
		const [current] = await tx.query<{ content_hash: string }>(
			'select content_hash from packs where id = $1',
			[packId]
		);
		if (current?.content_hash === hash)
			return { packId, changed: false, placeCount: places.length };
		for (const [ordinal, place] of places.entries()) {
			await upsertPlace(tx, packId, place, ordinal);
		}
		await tx.query(
			`delete from places where pack_id = $1 and origin = 'pack' and not (id = any($2::text[]))`,
			[packId, places.map((p) => p.id)]
		);
		await tx.query(
			`insert into packs (id, content_hash) values ($1, $2)
			 on conflict (id) do update set content_hash = excluded.content_hash, seeded_at = now()`,
			[packId, hash]
		);
		return { packId, changed: true, placeCount: places.length };
	});
}

async function upsertPlace(tx: Queryable, packId: string, place: Place, ordinal: number) {
	await tx.query(
		`insert into places (id, pack_id, origin, status, moderation, ordinal, data, published)
		 values ($1, $2, $3, $4, $5, $6, $7, case when $5 = 'approved' then $7::jsonb end)
		 on conflict (id) do update set origin = excluded.origin, status = excluded.status,
		   moderation = excluded.moderation, ordinal = excluded.ordinal, data = excluded.data,
		   published = excluded.published, updated_at = now()`,
		[place.id, packId, place.origin, place.status, place.moderation, ordinal, JSON.stringify(place)]
	);
}

/**
 * Places a resident may see: their published version (the one last approved, with the live
 * fields: sync/place-review.ts), not closed, not an internal record (isPublicPlace). A change
 * waiting for review is not in it.
 */
export async function listPublicPlaces(db: Queryable, packId: string): Promise<Place[]> {
	const rows = await db.query<{ data: Place }>(
		`select published as data from places
		 where pack_id = $1 and published is not null and status <> 'closed'
		 order by origin = 'pack' desc, ordinal, id`,
		[packId]
	);
	return rows.filter((r) => isPublicPlace(r.data)).map((r) => publicPlaceView(r.data));
}

export async function findPublicPlace(db: Queryable, id: string): Promise<Place | null> {
	const [row] = await db.query<{ data: Place }>(
		`select published as data from places
		 where id = $1 and published is not null and status <> 'closed'`,
		[id]
	);
	return row && isPublicPlace(row.data) ? publicPlaceView(row.data) : null;
}

/**
 * A short token that changes whenever what `listPublicPlaces` returns can have changed: the
 * pack's seeded content plus the count and latest change of its rows. Devices use it to skip
 * rewriting an unchanged pack.
 */
export async function packRevision(db: Queryable, packId: string): Promise<string> {
	const [row] = await db.query<{ hash: string | null; n: number; latest: string | null }>(
		`select (select content_hash from packs where id = $1) as hash,
		   count(*)::int as n, max(updated_at)::text as latest
		 from places where pack_id = $1`,
		[packId]
	);
	return contentHash([row?.hash, row?.n, row?.latest]).slice(0, 16);
}

/** Which pack (city) holds a place, or null when no place has that id. */
export async function packIdOfPlace(db: Queryable, id: string): Promise<string | null> {
	const [row] = await db.query<{ pack_id: string }>(`select pack_id from places where id = $1`, [
		id
	]);
	return row?.pack_id ?? null;
}
