/**
 * Many cities at start (#13): every pack is seeded in batches (seedPacks), which must leave
 * exactly the rows the former one-upsert-per-row seeding left; an unchanged pack is skipped by
 * its content hash; a changed one is brought up to date without touching people's places or
 * other cities. All places and the second city here are generated test data (テスト用, 生成).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, packRevision, seedPacks, type PackPlaces } from '#lib/server/places-repo.js';
import type { Database, Queryable } from '#lib/server/db/database.js';
import type { Place } from '#lib/domain/model.js';
import { makePlace } from '../factories';
import { ENGINES, openTestDatabase } from './test-database';

/**
 * The seeding this project shipped before batching (one upsert per row, one pack per
 * transaction), kept here as the reference the batched one must equal.
 */
async function seedRowByRow(db: Database, packId: string, places: readonly Place[]) {
	const hash = contentHash(places);
	await db.transaction(async (tx) => {
		const [current] = await tx.query<{ content_hash: string }>(
			'select content_hash from packs where id = $1',
			[packId]
		);
		if (current?.content_hash === hash) return;
		for (const [ordinal, place] of places.entries()) {
			await tx.query(
				`insert into places (id, pack_id, origin, status, moderation, ordinal, data, published)
				 values ($1, $2, $3, $4, $5, $6, $7, case when $5 = 'approved' then $7::jsonb end)
				 on conflict (id) do update set origin = excluded.origin, status = excluded.status,
				   moderation = excluded.moderation, ordinal = excluded.ordinal, data = excluded.data,
				   published = excluded.published, updated_at = now()`,
				[
					place.id,
					packId,
					place.origin,
					place.status,
					place.moderation,
					ordinal,
					JSON.stringify(place)
				]
			);
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
	});
}

/**
 * Every column seeding writes, in a stable order, of the packs whose ids start with `prefix`
 * (the tests of one engine share two databases, each test with its own city ids).
 */
async function seededRows(db: Queryable, prefix: string) {
	return db.query(
		`select id, pack_id, origin, status, moderation, ordinal, data, published from places
		 where starts_with(pack_id, $1) order by pack_id, ordinal, id`,
		[prefix]
	);
}
const hashes = (db: Queryable, prefix: string) =>
	db.query('select id, content_hash from packs where starts_with(id, $1) order by id', [prefix]);
const updatedAt = (db: Queryable, prefix: string) =>
	db.query<{ id: string; updated_at: string }>(
		'select id, updated_at::text from places where starts_with(pack_id, $1) order by id',
		[prefix]
	);

/** A generated city: `count` places of origin 'pack', some pending, closed or paused. */
function generatedCity(city: string, count: number): PackPlaces {
	return {
		id: city,
		places: Array.from({ length: count }, (_, i) =>
			makePlace({
				id: `${city}-place-${i}`,
				name: `テスト用サロン（生成）${city} ${i}`,
				origin: 'pack',
				moderation: i % 7 === 3 ? 'pending' : 'approved',
				status: i % 11 === 5 ? 'closed' : i % 13 === 2 ? 'paused' : 'active'
			})
		)
	};
}

/** Small batches so a few dozen rows cross statement and transaction boundaries. */
const SMALL = { rowsPerStatement: 7, rowsPerTransaction: 25 };

describe.each(ENGINES)('%s', (engine) => {
	let db: Database;
	/** A second database, seeded row by row. */
	let reference: Database;
	beforeAll(async () => {
		[db, reference] = await Promise.all([openTestDatabase(engine), openTestDatabase(engine)]);
	});
	afterAll(async () => {
		await Promise.all([db.close(), reference.close()]);
	});

	it('leaves exactly the rows, order and data of row-by-row seeding', async () => {
		const cities = [
			generatedCity('eq-a', 30),
			generatedCity('eq-b', 3),
			generatedCity('eq-c', 0),
			generatedCity('eq-d', 19)
		];
		const results = await seedPacks(db, cities, SMALL);
		for (const city of cities) await seedRowByRow(reference, city.id, city.places);

		expect(results.map((r) => [r.packId, r.changed, r.placeCount])).toEqual([
			['eq-a', true, 30],
			['eq-b', true, 3],
			['eq-c', true, 0],
			['eq-d', true, 19]
		]);
		const rows = await seededRows(db, 'eq-');
		expect(rows).toHaveLength(52);
		expect(rows).toEqual(await seededRows(reference, 'eq-'));
		expect(await hashes(db, 'eq-')).toEqual(await hashes(reference, 'eq-'));

		// A changed city afterwards, both ways: the same rows again.
		const changed: PackPlaces = {
			id: 'eq-a',
			places: [
				{ ...cities[0]!.places[4]!, name: 'テスト用サロン（生成）改名' },
				...cities[0]!.places.slice(10, 20),
				makePlace({ id: 'eq-a-new', origin: 'pack' })
			]
		};
		await seedPacks(db, [changed, ...cities.slice(1)], SMALL);
		await seedRowByRow(reference, changed.id, changed.places);
		expect(await seededRows(db, 'eq-')).toEqual(await seededRows(reference, 'eq-'));
		expect(await hashes(db, 'eq-')).toEqual(await hashes(reference, 'eq-'));
	});

	it('does nothing on a restart with unchanged packs', async () => {
		const cities = [generatedCity('same-a', 12), generatedCity('same-b', 9)];
		await seedPacks(db, cities, SMALL);
		const before = await updatedAt(db, 'same-');
		const revisions = await Promise.all(cities.map((c) => packRevision(db, c.id)));

		const again = await seedPacks(db, cities, SMALL);
		expect(again.map((r) => r.changed)).toEqual([false, false]);
		expect(await updatedAt(db, 'same-')).toEqual(before);
		expect(await Promise.all(cities.map((c) => packRevision(db, c.id)))).toEqual(revisions);
	});

	it('brings a changed pack up to date and leaves other cities and people’s places alone', async () => {
		const [a, b] = [generatedCity('chg-a', 12), generatedCity('chg-b', 9)];
		await seedPacks(db, [a, b], SMALL);
		await db.query(
			`insert into places (id, pack_id, origin, status, moderation, data, published)
			 values ('chg-a-user', 'chg-a', 'user', 'active', 'approved', $1, $1)`,
			[JSON.stringify(makePlace({ id: 'chg-a-user', origin: 'user' }))]
		);
		const bBefore = await updatedAt(db, 'chg-b');
		const bRevision = await packRevision(db, 'chg-b');
		const aRevision = await packRevision(db, 'chg-a');

		const renamed = { ...a.places[0]!, name: 'テスト用サロン（生成）新しい名前' };
		const next = { id: 'chg-a', places: [renamed, ...a.places.slice(1, 5)] };
		const results = await seedPacks(db, [next, b], SMALL);

		expect(results.map((r) => r.changed)).toEqual([true, false]);
		const aRows = await db.query<{ id: string; data: Place; ordinal: number }>(
			`select id, data, ordinal from places where pack_id = 'chg-a' order by origin, ordinal`
		);
		expect(aRows.map((r) => r.id)).toEqual([
			...next.places.map((p) => p.id),
			'chg-a-user' // people's place: kept, though the pack never listed it
		]);
		expect(aRows[0]!.data.name).toBe('テスト用サロン（生成）新しい名前');
		expect(await packRevision(db, 'chg-a')).not.toBe(aRevision);
		expect(await updatedAt(db, 'chg-b')).toEqual(bBefore);
		expect(await packRevision(db, 'chg-b')).toBe(bRevision);
	});

	it('refuses a place id listed by two packs, naming both', async () => {
		const shared = makePlace({ id: 'dup-twice', origin: 'pack' });
		await expect(
			seedPacks(db, [
				{ id: 'dup-a', places: [shared] },
				{ id: 'dup-b', places: [shared] }
			])
		).rejects.toThrow('Place id dup-twice is in pack dup-a and in pack dup-b');
		expect(await seededRows(db, 'dup-')).toEqual([]);
	});
});
