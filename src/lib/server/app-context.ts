/**
 * The server's one database and its packs, opened once per process. Routes get it through
 * `appContext()`; the `init` server hook opens it at start so a bad DATA_DIR or a locked
 * directory stops the server with a clear message instead of failing the first request.
 */
import type { PlanPack } from '#lib/domain/indicators/model.js';
import type { Database } from './db/database';
import { openDatabase, type DatabaseConfig } from './db/open-database';
import { DatabaseWatchdog, watchdogSecondsFrom, type Health } from './db/watchdog';
import { seedPacks } from './places-repo';
import { createAccount, findAccountByEmail } from './auth/accounts-repo';
import { describePasswordRule, passwordProblem } from './auth/password-policy';
import {
	CollisionCheck,
	defaultCityOf,
	PackLoadError,
	packSource,
	packSourcesOfDirectory,
	packsDirFrom,
	type CityInfo,
	type CitySource,
	type LoadedPack,
	type PackProblem,
	type PackSource
} from './packs/load-packs';
import { retentionDaysFrom, startTombstonePurge, type PurgeSchedule } from './sync/tombstone-purge';
import { LiveFeed } from './sync/live-feed';

/**
 * A fresh deployment has no accounts: BOOTSTRAP_ADMIN_EMAIL / _PASSWORD create the first admin
 * at start (only if that email has no account yet), who then adds everyone else.
 */
async function ensureAdmin(db: Database, admin: BootstrapAdmin, cityIds: string[]) {
	if (await findAccountByEmail(db, admin.email)) return;
	// The deployer's own admin holds every city loaded at its creation; cities added later are
	// given to it (or another admin) with `npm run user -- set --city`.
	await createAccount(db, { ...admin, role: 'admin', cityIds });
}

export type { CityInfo, LoadedPack } from './packs/load-packs';

export interface BootstrapAdmin {
	email: string;
	password: string;
}

export interface AppContext {
	db: Database;
	/**
	 * Every city's pack by city id (= pack id = its directory under PACKS_DIR), without its
	 * places: those are in the database (places-repo), seeded at start.
	 */
	packs: ReadonlyMap<string, CityInfo>;
	/** The default city: what `/` and an API without `?city=` show. */
	defaultPackId: string;
	/** Welfare plans by id; a plan's id is the id of the place pack of its city. */
	plans: ReadonlyMap<string, PlanPack>;
}

let context: Promise<AppContext> | null = null;
let purgeSchedule: PurgeSchedule | null = null;
let watchdog: DatabaseWatchdog | null = null;
let live: LiveFeed | null = null;
let prewarm: { stop: AbortController; done: Promise<unknown> } | null = null;

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
		/**
		 * Already-built packs (tests, benchmarks), or functions building one each: those are
		 * called one at a time and again only if seeding needs the places, so the caller need
		 * not hold every city at once (the national benchmark). Without them the packs directory
		 * (PACKS_DIR, default `packs`) is read and validated, with the plan.json beside each pack.
		 */
		packs?: readonly (LoadedPack | (() => LoadedPack))[];
		/**
		 * Plans for the given `packs` (ignored without them): each belongs to the pack whose id
		 * or municipality it names. Given packs without plans have no indicators.
		 */
		plans?: PlanPack[];
		/** The default city; else DEFAULT_CITY, else Tsurugashima when loaded, else the first id. */
		defaultCity?: string;
	}
): Promise<AppContext> {
	// Before opening anything: a weak bootstrap password or a bad pack stops the start with its message.
	if (config.bootstrapAdmin) refuseWeakBootstrapPassword(config.bootstrapAdmin);
	const { sources, plans } = config.packs
		? givenPacks(config.packs, config.plans)
		: directoryPacks(packsDirFrom());
	const packs = new Map<string, CityInfo>(
		[...sources].map(([id, { pack, geometry }]) => [id, { pack, geometry }])
	);
	const defaultPackId = defaultCityOf(
		[...packs.keys()],
		config.defaultCity ?? process.env.DEFAULT_CITY
	);
	const ids = [...packs.keys()].sort();
	const { watchdog } = config;
	const start = async () => {
		const opened = await openDatabase(config);
		const db = watchdog ? watchdog.watch(opened) : opened;
		// One call for every city: unchanged packs are skipped by their content hash.
		await seedPacks(
			db,
			[...sources.values()].map((s) => ({
				id: s.pack.id,
				hash: s.hash,
				placeCount: s.placeCount,
				places: s.places
			}))
		);
		if (config.bootstrapAdmin) await ensureAdmin(db, config.bootstrapAdmin, ids);
		// PGlite has no autovacuum: without it the yearly session sums cannot use their
		// index-only scan (bench: 1M records, 482 → 280 ms median). PostgreSQL vacuums on its own.
		if (db.engine === 'pglite') await db.exec('vacuum (analyze) session_records');
		return db;
	};
	const db = watchdog ? await watchdog.opening(start) : await start();
	return { db, packs, defaultPackId, plans };
}

type CityMaps = { sources: Map<string, PackSource>; plans: Map<string, PlanPack> };

/**
 * Read once per directory and process: packs do not change while a server runs. Only what
 * the server keeps is kept (no places: `packSourcesOfDirectory`).
 */
const readDirectories = new Map<string, CitySource[]>();

function directoryPacks(dir: string): CityMaps {
	let read = readDirectories.get(dir);
	if (!read) {
		read = packSourcesOfDirectory(dir);
		readDirectories.set(dir, read);
	}
	return {
		sources: new Map(read.map((c) => [c.source.pack.id, c.source])),
		plans: new Map(read.flatMap((c) => (c.plan ? [[c.source.pack.id, c.plan] as const] : [])))
	};
}

function givenPacks(
	given: readonly (LoadedPack | (() => LoadedPack))[],
	givenPlans: PlanPack[] | undefined
): CityMaps {
	const problems: PackProblem[] = [];
	const collisions = new CollisionCheck();
	const sources = new Map<string, PackSource>();
	for (const entry of given) {
		// A builder's result is dropped after this: its places are built again if seeding needs
		// them. (The two closures are made apart: one scope would keep `loaded` for both.)
		const loaded = typeof entry === 'function' ? entry() : entry;
		problems.push(...collisions.add(`pack ${loaded.pack.id}`, loaded));
		const places = typeof entry === 'function' ? rebuiltPlaces(entry) : keptPlaces(loaded);
		sources.set(loaded.pack.id, packSource(loaded, places));
	}
	if (problems.length > 0) throw new PackLoadError(problems);
	const plans = givenPlans ?? plansOnDisk(sources);
	const byCity = new Map<string, PlanPack>();
	for (const plan of plans) {
		const city =
			(sources.has(plan.id) ? plan.id : null) ??
			[...sources.values()].find((s) => s.pack.municipality === plan.municipality)?.pack.id;
		if (!city) throw new Error(`plan ${plan.id} (${plan.municipality}) matches no given pack`);
		byCity.set(city, plan);
	}
	return { sources, plans: byCity };
}

const rebuiltPlaces = (build: () => LoadedPack) => () => build().pack.places;
const keptPlaces = (loaded: LoadedPack) => () => loaded.pack.places;

/**
 * Given packs without given plans (tests, benchmarks) take the plans the packs directory has for
 * the same cities, so a test context with Tsurugashima's pack has its indicators.
 */
function plansOnDisk(given: ReadonlyMap<string, PackSource>): PlanPack[] {
	let onDisk: Map<string, PlanPack>;
	try {
		onDisk = directoryPacks(packsDirFrom()).plans;
	} catch {
		return [];
	}
	return [...given.keys()].flatMap((id) => {
		const plan = onDisk.get(id);
		return plan ? [plan] : [];
	});
}

/**
 * The process's context, opened on first use. The server process also purges old sync
 * tombstones from here on (at start, then periodically: sync/tombstone-purge.ts), runs the
 * database watchdog (db/watchdog.ts) and builds every city's pack answer once
 * (pack-service `prewarmPacks`); contexts made with createAppContext (tests, benchmarks) do
 * none of these.
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
		// Every city's /api/pack answer built in the background (pack-service.ts), so a city's
		// first resident after a start gets a kept answer. Imported here: pack-service imports
		// this module.
		const stop = new AbortController();
		const done = import('./pack-service')
			.then(({ prewarmPacks }) => prewarmPacks(ctx, stop.signal))
			.catch(() => 0);
		prewarm = { stop, done };
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
	prewarm?.stop.abort();
	await prewarm?.done;
	prewarm = null;
	await purgeSchedule?.stop();
	purgeSchedule = null;
	await db.close();
	await watchdog?.stop();
	watchdog = null;
}
