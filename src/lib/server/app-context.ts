/**
 * The server's one database and its packs, opened once per process. Routes get it through
 * `appContext()`; the `init` server hook opens it at start so a bad DATA_DIR or a locked
 * directory stops the server with a clear message instead of failing the first request.
 */
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { tsurugashimaPlan } from '#lib/packs/tsurugashima-plan.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import type { PackGeometry, PlacePack } from '#lib/domain/model.js';
import type { Database } from './db/database';
import { openDatabase, type DatabaseConfig } from './db/open-database';
import { DatabaseWatchdog, watchdogSecondsFrom, type Health } from './db/watchdog';
import { seedPackPlaces } from './places-repo';
import { createAccount, findAccountByEmail } from './auth/accounts-repo';
import { describePasswordRule, passwordProblem } from './auth/password-policy';
import { retentionDaysFrom, startTombstonePurge, type PurgeSchedule } from './sync/tombstone-purge';
import { LiveFeed } from './sync/live-feed';

/**
 * A fresh deployment has no accounts: BOOTSTRAP_ADMIN_EMAIL / _PASSWORD create the first admin
 * at start (only if that email has no account yet), who then adds everyone else.
 */
async function ensureAdmin(db: Database, admin: BootstrapAdmin) {
	if (await findAccountByEmail(db, admin.email)) return;
	await createAccount(db, { ...admin, role: 'admin' });
}

export interface LoadedPack {
	pack: PlacePack;
	geometry: PackGeometry;
}

export interface BootstrapAdmin {
	email: string;
	password: string;
}

export interface AppContext {
	db: Database;
	packs: ReadonlyMap<string, LoadedPack>;
	defaultPackId: string;
	/** Welfare plans by id; a plan's id is the id of the place pack of its city. */
	plans: ReadonlyMap<string, PlanPack>;
}

let context: Promise<AppContext> | null = null;
let purgeSchedule: PurgeSchedule | null = null;
let watchdog: DatabaseWatchdog | null = null;
let live: LiveFeed | null = null;

/** The process's live notices of the change feed (sync/live-feed.ts), on its database. */
export async function liveFeed(): Promise<LiveFeed> {
	const { db } = await appContext();
	return (live ??= new LiveFeed(db));
}

/** The server process's health (`GET /healthz`); healthy until its watchdog says otherwise. */
export function serverHealth(): Health {
	return watchdog?.health() ?? { healthy: true, reason: null, details: null };
}

export async function createAppContext(
	config: DatabaseConfig & {
		bootstrapAdmin?: BootstrapAdmin | null;
		/** Watches every database call (the server process; tests and benchmarks go without). */
		watchdog?: DatabaseWatchdog;
	}
): Promise<AppContext> {
	// Before opening anything: a weak bootstrap password stops the start with its message.
	if (config.bootstrapAdmin) refuseWeakBootstrapPassword(config.bootstrapAdmin);
	const tsurugashima = tsurugashimaPack();
	const { watchdog } = config;
	const start = async () => {
		const opened = await openDatabase(config);
		const db = watchdog ? watchdog.watch(opened) : opened;
		await seedPackPlaces(db, tsurugashima.pack.id, tsurugashima.pack.places);
		if (config.bootstrapAdmin) await ensureAdmin(db, config.bootstrapAdmin);
		// PGlite has no autovacuum: without it the yearly session sums cannot use their
		// index-only scan (bench: 1M records, 482 → 280 ms median). PostgreSQL vacuums on its own.
		if (db.engine === 'pglite') await db.exec('vacuum (analyze) session_records');
		return db;
	};
	const db = watchdog ? await watchdog.opening(start) : await start();
	return {
		db,
		packs: new Map([[tsurugashima.pack.id, tsurugashima]]),
		defaultPackId: tsurugashima.pack.id,
		plans: new Map([[tsurugashima.pack.id, tsurugashimaPlan()]])
	};
}

/**
 * The process's context, opened on first use. The server process also purges old sync
 * tombstones from here on (at start, then periodically: sync/tombstone-purge.ts) and runs the
 * database watchdog (db/watchdog.ts); contexts made with createAppContext (tests, benchmarks)
 * do neither.
 */
export function appContext(): Promise<AppContext> {
	const { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password } = process.env;
	context ??= (async () => {
		// Read before opening anything: a bad value stops the server at start, with its message.
		const retentionDays = retentionDaysFrom(process.env.TOMBSTONE_RETENTION_DAYS);
		const timeoutMs = watchdogSecondsFrom(process.env.DB_WATCHDOG_SECONDS) * 1000;
		watchdog = new DatabaseWatchdog({ timeoutMs });
		const ctx = await createAppContext({
			databaseUrl: process.env.DATABASE_URL || undefined,
			dataDir: process.env.DATA_DIR || '.data',
			bootstrapAdmin: email && password ? { email, password } : null,
			watchdog
		});
		purgeSchedule = startTombstonePurge(ctx.db, { retentionDays });
		return ctx;
	})();
	return context;
}

/**
 * A weak BOOTSTRAP_ADMIN_PASSWORD stops the start, even when the admin exists already: the
 * setting is a password for the most powerful account, and it should be changed or unset.
 */
function refuseWeakBootstrapPassword({ email, password }: BootstrapAdmin): void {
	const rule = passwordProblem(password, email);
	if (rule) {
		throw new Error(
			`BOOTSTRAP_ADMIN_PASSWORD is refused: ${describePasswordRule(rule)} ` +
				'Choose another (or unset BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD once the admin exists).'
		);
	}
}

/** Closes the database (releasing the PGlite directory lock) on shutdown. */
export async function closeAppContext(): Promise<void> {
	if (!context) return;
	const { db } = await context;
	context = null;
	// First: the listening responses end (Ctrl-C is prompt) and nothing queries a closed database.
	live?.close();
	live = null;
	await purgeSchedule?.stop();
	purgeSchedule = null;
	await db.close();
	await watchdog?.stop();
	watchdog = null;
}
