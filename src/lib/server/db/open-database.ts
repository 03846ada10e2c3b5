/**
 * Opens the database the environment asks for and brings its schema up to date.
 * DATABASE_URL → PostgreSQL server; otherwise PGlite in DATA_DIR (default `.data/`),
 * or in memory when DATA_DIR is `memory://` (tests).
 */
import { join, resolve } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { pgliteDatabase, postgresDatabase, type Database } from './database';
import { migrate } from './migrations';

export interface DatabaseConfig {
	databaseUrl?: string | undefined;
	dataDir?: string | undefined;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
	const db = config.databaseUrl
		? await openPostgres(config.databaseUrl)
		: await openPglite(config.dataDir ?? '.data');
	await migrate(db);
	return db;
}

async function openPostgres(url: string): Promise<Database> {
	const { default: pg } = await import('pg');
	// int8 (bigint) columns carry sync sequence numbers; they stay far below 2^53.
	pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
	return postgresDatabase(new pg.Pool({ connectionString: url, max: 10 }));
}

async function openPglite(dataDir: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	if (dataDir.startsWith('memory://')) return pgliteDatabase(await PGlite.create('memory://'));
	const dir = resolve(dataDir);
	const release = await lockDataDir(dir);
	try {
		return pgliteDatabase(await PGlite.create(join(dir, 'pglite')), release);
	} catch (error) {
		await release();
		throw error;
	}
}
