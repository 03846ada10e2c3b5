/**
 * The two engines every server test runs on: PGlite in memory and the real PostgreSQL cluster
 * started by tests/postgres/start-postgres.ts (vitest globalSetup).
 *
 * Contract: each call returns a fresh, migrated, empty database of its own (PGlite `memory://`,
 * or a new `t_<random>` database on the test cluster), so test files and engines never share
 * state. Its `close()` also drops the PostgreSQL database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createAppContext, type AppContext } from '#lib/server/app-context.js';
import { pgliteDatabase, postgresDatabase, type Database } from '#lib/server/db/database.js';
import { openDatabase } from '#lib/server/db/open-database.js';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export async function openTestDatabase(engine: Engine): Promise<Database> {
	if (engine === 'pglite') return openDatabase({ dataDir: 'memory://' });
	const created = await createPostgresDatabase();
	return withDrop(
		created,
		await openOrDrop(created, () => openDatabase({ databaseUrl: created.url }))
	);
}

/** A fresh database with no schema at all: for tests of the migrations themselves. */
export async function openUnmigratedTestDatabase(engine: Engine): Promise<Database> {
	if (engine === 'pglite') {
		const { PGlite } = await import('@electric-sql/pglite');
		return pgliteDatabase(await PGlite.create('memory://'));
	}
	const created = await createPostgresDatabase();
	return withDrop(
		created,
		postgresDatabase(new pg.Pool({ connectionString: created.url, max: 2 }))
	);
}

/**
 * What the server builds at start (database plus seeded packs: Tsurugashima's, or `options`'),
 * on `engine`.
 */
export async function testAppContext(
	engine: Engine,
	options: Pick<Parameters<typeof createAppContext>[0], 'packs' | 'plans' | 'defaultCity'> = {}
): Promise<AppContext> {
	if (engine === 'pglite') return createAppContext({ dataDir: 'memory://', ...options });
	const created = await createPostgresDatabase();
	const ctx = await openOrDrop(created, () =>
		createAppContext({ databaseUrl: created.url, ...options })
	);
	return { ...ctx, db: withDrop(created, ctx.db) };
}

/**
 * A new, empty (not migrated) database on the PostgreSQL test cluster, for tests of what
 * happens before the schema exists; `drop` removes it. Close every pool on it first.
 */
export async function createEmptyPostgresDatabase(): Promise<{
	url: string;
	drop: () => Promise<void>;
}> {
	const created = await createPostgresDatabase();
	return { url: created.url, drop: () => dropPostgresDatabase(created.name) };
}

interface CreatedDatabase {
	name: string;
	url: string;
}

/** The cluster's admin URL; the global setup fails the run before tests if it is missing. */
function adminUrl(): string {
	const url = inject('TEST_POSTGRES_URL') ?? process.env.TEST_POSTGRES_URL;
	if (!url)
		throw new Error(
			'TEST_POSTGRES_URL is not set: is tests/postgres/start-postgres.ts a vitest globalSetup?'
		);
	return url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl() });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

async function createPostgresDatabase(): Promise<CreatedDatabase> {
	// Lowercase hex only, so the name needs no quoting.
	const name = `t_${randomBytes(8).toString('hex')}`;
	await admin((c) => c.query(`create database ${name}`));
	const url = new URL(adminUrl());
	url.pathname = `/${name}`;
	return { name, url: url.toString() };
}

async function dropPostgresDatabase(name: string): Promise<void> {
	await admin(async (c) => {
		try {
			// Waits (up to 5 s) for the connections a closed pool is still shutting down.
			await c.query(`drop database if exists ${name}`);
		} catch (error) {
			// 55006 object_in_use: a test left a connection open; end it rather than leak the database.
			if ((error as { code?: string }).code !== '55006') throw error;
			await c.query(`drop database if exists ${name} with (force)`);
		}
	});
}

async function openOrDrop<T>(created: CreatedDatabase, open: () => Promise<T>): Promise<T> {
	try {
		return await open();
	} catch (error) {
		await dropPostgresDatabase(created.name).catch(() => {});
		throw error;
	}
}

function withDrop(created: CreatedDatabase, db: Database): Database {
	return {
		...db,
		async close() {
			try {
				await db.close();
			} finally {
				await dropPostgresDatabase(created.name);
			}
		}
	};
}
