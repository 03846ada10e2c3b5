import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDatabase, postgresDatabase, type Database } from '#lib/server/db/database.js';
import { MIGRATIONS, migrate } from '#lib/server/db/migrations.js';
import { createEmptyPostgresDatabase } from './test-database';

const ALL_VERSIONS = MIGRATIONS.map((m) => m.version);
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	while (cleanup.length) await cleanup.pop()!();
});

async function recordedVersions(db: Database): Promise<number[]> {
	const rows = await db.query<{ version: number }>(
		'select version from schema_migrations order by version'
	);
	return rows.map((r) => r.version);
}

describe('migrate on PostgreSQL', () => {
	/** A server process's own pool on the shared, empty database. */
	async function instances(n: number): Promise<Database[]> {
		const empty = await createEmptyPostgresDatabase();
		const dbs = Array.from({ length: n }, () =>
			postgresDatabase(new pg.Pool({ connectionString: empty.url, max: 2 }))
		);
		cleanup.push(async () => {
			await Promise.all(dbs.map((db) => db.close()));
			await empty.drop();
		});
		return dbs;
	}

	it('two instances starting together both succeed and apply each migration once', async () => {
		const [a, b] = await instances(2);
		const [appliedA, appliedB] = await Promise.all([migrate(a!), migrate(b!)]);
		// Between them, every migration exactly once.
		expect([...appliedA!, ...appliedB!].sort((x, y) => x - y)).toEqual(ALL_VERSIONS);
		expect(await recordedVersions(a!)).toEqual(ALL_VERSIONS);
		// And the schema is there: a table from the last migration is usable.
		await expect(a!.query('select lost_at from changes limit 1')).resolves.toEqual([]);
	});

	it('four instances at once, then a restart that finds nothing to do', async () => {
		const dbs = await instances(4);
		const applied = await Promise.all(dbs.map((db) => migrate(db)));
		expect(applied.flat().sort((x, y) => x - y)).toEqual(ALL_VERSIONS);
		expect(await migrate(dbs[0]!)).toEqual([]);
		expect(await recordedVersions(dbs[0]!)).toEqual(ALL_VERSIONS);
	});
});

describe('migrate on PGlite', () => {
	it('takes the same lock, and two calls at once apply each migration once', async () => {
		const db = pgliteDatabase(await PGlite.create('memory://'));
		cleanup.push(() => db.close());
		const [first, second] = await Promise.all([migrate(db), migrate(db)]);
		expect([...first!, ...second!].sort((x, y) => x - y)).toEqual(ALL_VERSIONS);
		expect(await recordedVersions(db)).toEqual(ALL_VERSIONS);
	});
});
