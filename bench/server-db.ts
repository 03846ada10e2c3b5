/**
 * The server's own database, in-process, for sections that run server code (sync, indicators):
 * an in-memory PGlite context, or a context on a fresh database of a throwaway PostgreSQL
 * cluster (the test suite's tests/postgres/start-postgres.ts: trust auth, durability off).
 * Either way it is exactly what the server builds at start: migrated, Tsurugashima pack seeded.
 *
 * Importing this module registers a loader hook for Vite's `?raw` imports (the pack's GeoJSON
 * sources), which Node does not know: such an import becomes a module whose default export is
 * the file's text. Server modules must therefore be imported dynamically, after this module.
 */
import { register } from 'node:module';
import pg from 'pg';
import type { AppContext } from '../src/lib/server/app-context';
import { setup, teardown } from '../tests/postgres/start-postgres';

const RAW_LOADER = `
import { readFile } from 'node:fs/promises';
export async function load(url, context, nextLoad) {
	if (url.startsWith('file:') && url.endsWith('?raw')) {
		const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
		return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
	}
	return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(RAW_LOADER)}`);

export type Engine = 'PGlite' | 'PostgreSQL';

/** A fresh in-memory PGlite database, as `DATA_DIR=memory://`. */
export async function pgliteContext(): Promise<AppContext> {
	const { createAppContext } = await import('../src/lib/server/app-context');
	return createAppContext({ dataDir: 'memory://' });
}

/**
 * Starts the cluster and returns its admin URL (user and database `postgres`). Throws with the
 * install hint when PostgreSQL binaries are missing; callers report that as a failed row.
 * Always pair with stopPostgresCluster (it is also stopped when the process exits).
 */
export async function startPostgresCluster(): Promise<string> {
	// The test suite's global setup sets process.env.TEST_POSTGRES_URL; provide() is unused here.
	await setup({ provide: () => {} } as unknown as Parameters<typeof setup>[0]);
	return process.env.TEST_POSTGRES_URL!;
}

export async function stopPostgresCluster(): Promise<void> {
	await teardown();
}

/** A new database `name` (lowercase, unquoted) on the cluster, opened as the server would. */
export async function postgresContext(adminUrl: string, name: string): Promise<AppContext> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const { createAppContext } = await import('../src/lib/server/app-context');
	return createAppContext({ databaseUrl: url.toString() });
}

export const errorMessage = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);
