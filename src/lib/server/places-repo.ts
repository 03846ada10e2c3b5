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

/** One pack's places, as seeding takes them. */
export interface PackPlaces {
	id: string;
	places: readonly Place[];
}

/**
 * A pack whose places are read only if seeding needs them (its content changed): the server
 * keeps no city's places in memory after start (1,741 cities' places took about 240 MB of
 * heap), only their hash (`contentHash` of the places), taken when the pack was read and
 * validated. The loader has checked its ids against the other packs'.
 */
export interface LazyPackPlaces {
	id: string;
	hash: string;
	placeCount: number;
	places(): readonly Place[];
}

const isLazy = (p: PackPlaces | LazyPackPlaces): p is LazyPackPlaces =>
	typeof p.places === 'function';

/**
 * Rows per insert: each statement sends its rows as one JSON parameter, so the parameter count
 * stays one whatever the batch size (PostgreSQL caps a statement at 65,535 parameters, which
 * one value per column per row would reach at 8,191 rows); the size only bounds each message
 * (about 1.5 MB for 2,000 places).
 */
const ROWS_PER_STATEMENT = 2000;
/** Whole packs are committed together up to about this many rows, each with its hash. */
const ROWS_PER_TRANSACTION = 20_000;

/**
 * Brings one pack's places up to date: `seedPacks` for a single pack (tests, tools).
 */
export async function seedPackPlaces(
	db: Database,
	packId: string,
	places: readonly Place[]
): Promise<SeedResult> {
	const [result] = await seedPacks(db, [{ id: packId, places }]);
	return result!;
}

/**
 * Brings every pack's places up to date, as each start does. Idempotent: a pack whose content
 * hash is the one recorded at its last seeding is skipped without touching its rows, so a
 * restart with unchanged packs reads one small table. Changed packs are written in batches
 * (one insert per ROWS_PER_STATEMENT rows instead of one per row: 145,641 places took 201 s row
 * by row), whole packs per transaction together with their new hash, so a start cut short
 * leaves every pack either seeded or still marked as needing it.
 *
 * Only rows of origin 'pack' are touched; places people registered are never overwritten or
 * removed by a pack update. A pack's rows that its new content no longer lists are removed.
 */
export async function seedPacks(
	db: Database,
	given: readonly (PackPlaces | LazyPackPlaces)[],
	/** Batch sizes; tests make them small to cross every boundary with few rows. */
	{ rowsPerStatement = ROWS_PER_STATEMENT, rowsPerTransaction = ROWS_PER_TRANSACTION } = {}
): Promise<SeedResult[]> {
	refuseDuplicateIds(given.flatMap((p) => (isLazy(p) ? [] : [p])));
	const packs: LazyPackPlaces[] = given.map((p) =>
		isLazy(p)
			? p
			: {
					id: p.id,
					hash: contentHash(p.places),
					placeCount: p.places.length,
					places: () => p.places
				}
	);
	const hashes = packs.map((p) => p.hash);
	const stored = new Map(
		(
			await db.query<{ id: string; content_hash: string }>(
				'select id, content_hash from packs where id = any($1::text[])',
				[packs.map((p) => p.id)]
			)
		).map((r) => [r.id, r.content_hash])
	);
	const changed = packs
		.map((pack, i) => ({ pack, hash: hashes[i]! }))
		.filter(({ pack, hash }) => stored.get(pack.id) !== hash);

	for (const chunk of chunkPacks(changed, rowsPerTransaction)) {
		await db.transaction(async (tx) => {
			// Read here, one transaction's packs at a time, and dropped after it.
			const rows = chunk.flatMap(({ pack }) =>
				pack.places().map((place, ordinal) => ({ packId: pack.id, place, ordinal }))
			);
			for (let i = 0; i < rows.length; i += rowsPerStatement) {
				await upsertPlaces(tx, rows.slice(i, i + rowsPerStatement));
			}
			// A pack never seeded has no rows of origin 'pack' (its rows and its hash commit
			// together), so only packs seeded before can hold rows their content dropped; on a
			// first start this skips a scan of the whole table per transaction.
			const reseeded = rows.filter((r) => stored.has(r.packId));
			const reseededPacks = chunk.filter(({ pack }) => stored.has(pack.id));
			if (reseededPacks.length > 0) {
				await tx.query(
					`delete from places p
					 where p.pack_id = any($1::text[]) and p.origin = 'pack'
					   and not exists (select 1 from unnest($2::text[], $3::text[]) as k(pack_id, id)
					                   where k.pack_id = p.pack_id and k.id = p.id)`,
					[
						reseededPacks.map(({ pack }) => pack.id),
						reseeded.map((r) => r.packId),
						reseeded.map((r) => r.place.id)
					]
				);
			}
			await tx.query(
				`insert into packs (id, content_hash)
				 select * from unnest($1::text[], $2::text[])
				 on conflict (id) do update set content_hash = excluded.content_hash, seeded_at = now()`,
				[chunk.map(({ pack }) => pack.id), chunk.map(({ hash }) => hash)]
			);
		});
	}
	const written = new Set(changed.map(({ pack }) => pack.id));
	return packs.map((p) => ({
		packId: p.id,
		changed: written.has(p.id),
		placeCount: p.placeCount
	}));
}

/** Whole packs grouped up to `maxRows` rows (a larger pack goes alone). */
function chunkPacks<T extends { pack: LazyPackPlaces }>(
	items: readonly T[],
	maxRows: number
): T[][] {
	const chunks: T[][] = [];
	let current: T[] = [];
	let rows = 0;
	for (const item of items) {
		if (current.length > 0 && rows + item.pack.placeCount > maxRows) {
			chunks.push(current);
			current = [];
			rows = 0;
		}
		current.push(item);
		rows += item.pack.placeCount;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

/**
 * One insert cannot update the same row twice, and a place id names one place across all
 * cities: a duplicate is a broken pack, named here rather than as a database error.
 */
function refuseDuplicateIds(packs: readonly PackPlaces[]): void {
	const packOf = new Map<string, string>();
	const seenPacks = new Set<string>();
	for (const pack of packs) {
		if (seenPacks.has(pack.id)) throw new Error(`Pack ${pack.id} is listed twice`);
		seenPacks.add(pack.id);
		for (const place of pack.places) {
			const other = packOf.get(place.id);
			if (other !== undefined) {
				throw new Error(`Place id ${place.id} is in pack ${other} and in pack ${pack.id}`);
			}
			packOf.set(place.id, pack.id);
		}
	}
}

async function upsertPlaces(
	tx: Queryable,
	rows: readonly { packId: string; place: Place; ordinal: number }[]
) {
	// The batch goes as one JSON text that the database parses once, each place's data straight
	// into its jsonb column: no per-row text parameter to escape into an array literal (that
	// escaping and the second parse took about a quarter of the seeding's CPU time on PGlite).
	const batch = rows.map((r) => ({
		id: r.place.id,
		pack_id: r.packId,
		ordinal: r.ordinal,
		data: r.place
	}));
	await tx.query(
		`insert into places (id, pack_id, origin, status, moderation, ordinal, data, published)
		 select id, pack_id, data->>'origin', data->>'status', data->>'moderation', ordinal, data,
		   case when data->>'moderation' = 'approved' then data end
		 from jsonb_to_recordset($1::jsonb) as t(id text, pack_id text, ordinal int, data jsonb)
		 on conflict (id) do update set origin = excluded.origin, status = excluded.status,
		   moderation = excluded.moderation, ordinal = excluded.ordinal, data = excluded.data,
		   published = excluded.published, updated_at = now()`,
		[JSON.stringify(batch)]
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
 * pack's seeded content plus every published row's id and last change. Devices use it to skip
 * rewriting an unchanged pack, and the server to reuse a city's built answer (pack-service.ts).
 * It reads only the city's published rows (the `places_pack_published` index), never other
 * cities'. Every row's time is in it, not just the latest: a transaction that started earlier
 * but commits later writes an older `updated_at` than one already counted, which a maximum
 * would miss.
 */
export async function packRevision(db: Queryable, packId: string): Promise<string> {
	const [row] = await db.query<{ hash: string | null; n: number; rows: string | null }>(
		`select (select content_hash from packs where id = $1) as hash, count(*)::int as n,
		   md5(string_agg(id || ' ' || updated_at::text, ',' order by id)) as rows
		 from places where pack_id = $1 and published is not null`,
		[packId]
	);
	return contentHash([row?.hash, row?.n, row?.rows]).slice(0, 16);
}

/** Which pack (city) holds a place, or null when no place has that id. */
export async function packIdOfPlace(db: Queryable, id: string): Promise<string | null> {
	const [row] = await db.query<{ pack_id: string }>(`select pack_id from places where id = $1`, [
		id
	]);
	return row?.pack_id ?? null;
}
