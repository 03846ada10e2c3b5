/**
 * Migration 10 (approved-place-review) on a database as migrations 1–9 left it, on PGlite and on
 * PostgreSQL: places approved before it publish what they are, pending ones nothing, and
 * residents see exactly what they saw before. Every place here is generated test data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/database.js';
import { migrate, MIGRATIONS } from '#lib/server/db/migrations.js';
import { listPublicPlaces } from '#lib/server/places-repo.js';
import { makePlace } from '../factories';
import { ENGINES, openUnmigratedTestDatabase } from './test-database';

const REVIEW_VERSION = MIGRATIONS.find((m) => m.name === 'approved-place-review')!.version;

describe.each(ENGINES)('%s', (engine) => {
	let db: Database;
	const stamps = { name: { value: 'テスト用サロン（生成）', at: '0000000000001-0000-x' } };

	beforeAll(async () => {
		db = await openUnmigratedTestDatabase(engine);
		await migrate(
			db,
			MIGRATIONS.filter((m) => m.version < REVIEW_VERSION)
		);
		const rows = [
			makePlace({ id: 'pack-1', origin: 'pack' }),
			makePlace({ id: 'user-approved', origin: 'user', name: 'テスト用サロン（生成）' }),
			makePlace({ id: 'user-pending', origin: 'user', moderation: 'pending' })
		];
		for (const p of rows) {
			await db.query(
				`insert into places (id, pack_id, origin, status, moderation, data, stamps)
				 values ($1, 'test', $2, $3, $4, $5, $6)`,
				[p.id, p.origin, p.status, p.moderation, JSON.stringify(p), JSON.stringify(stamps)]
			);
		}
		await migrate(db);
	});
	afterAll(() => db.close());

	it('publishes the places approved before it as they are, and nothing else', async () => {
		const rows = await db.query<{
			id: string;
			published: { name: string } | null;
			published_fields: unknown;
		}>('select id, published, published_fields from places order by id');
		expect(rows.map((r) => [r.id, r.published?.name ?? null, r.published_fields])).toEqual([
			['pack-1', expect.any(String), null],
			['user-approved', 'テスト用サロン（生成）', stamps],
			['user-pending', null, null]
		]);
		expect((await listPublicPlaces(db, 'test')).map((p) => p.id)).toEqual([
			'pack-1',
			'user-approved'
		]);
	});
});
