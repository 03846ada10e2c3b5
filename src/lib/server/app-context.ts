/**
 * The server's one database and its packs, opened once per process. Routes get it through
 * `appContext()`; the `init` server hook opens it at start so a bad DATA_DIR or a locked
 * directory stops the server with a clear message instead of failing the first request.
 */
import { tsurugashimaPack } from '$lib/packs/tsurugashima';
import type { PackGeometry, PlacePack } from '$lib/domain/model';
import type { Database } from './db/database';
import { openDatabase, type DatabaseConfig } from './db/open-database';
import { seedPackPlaces } from './places-repo';

export interface LoadedPack {
	pack: PlacePack;
	geometry: PackGeometry;
}

export interface AppContext {
	db: Database;
	packs: ReadonlyMap<string, LoadedPack>;
	defaultPackId: string;
}

let context: Promise<AppContext> | null = null;

export async function createAppContext(config: DatabaseConfig): Promise<AppContext> {
	const db = await openDatabase(config);
	const tsurugashima = tsurugashimaPack();
	await seedPackPlaces(db, tsurugashima.pack.id, tsurugashima.pack.places);
	return {
		db,
		packs: new Map([[tsurugashima.pack.id, tsurugashima]]),
		defaultPackId: tsurugashima.pack.id
	};
}

export function appContext(): Promise<AppContext> {
	context ??= createAppContext({
		databaseUrl: process.env.DATABASE_URL || undefined,
		dataDir: process.env.DATA_DIR || '.data'
	});
	return context;
}

/** Closes the database (releasing the PGlite directory lock) on shutdown. */
export async function closeAppContext(): Promise<void> {
	if (!context) return;
	const { db } = await context;
	context = null;
	await db.close();
}
