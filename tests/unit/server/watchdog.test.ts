/**
 * The database watchdog in this process, on a database double whose answers the test controls.
 * Its other half, a real PGlite that stops the event loop on a full disk, is in
 * server-watchdog.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, Row } from '#lib/server/db/database.js';
import { DatabaseWatchdog, watchdogSecondsFrom } from '#lib/server/db/watchdog.js';

/** A database whose every call waits `delayMs` (Infinity: forever); `select 1` too. */
function slowDatabase(delay: { ms: number }): Database {
	const answer = <T>(value: T) =>
		new Promise<T>((resolve) => {
			if (Number.isFinite(delay.ms)) setTimeout(() => resolve(value), delay.ms);
		});
	const query = <T extends Row>() => answer<T[]>([]);
	return {
		engine: 'pglite',
		query,
		exec: () => answer(undefined),
		transaction: (fn) => fn({ query }),
		close: async () => {}
	};
}

const TIMEOUT_MS = 1000;
let watchdog: DatabaseWatchdog | null = null;
afterEach(async () => {
	await watchdog?.stop();
	watchdog = null;
});

function startWatchdog(exits: number[]) {
	watchdog = new DatabaseWatchdog({
		timeoutMs: TIMEOUT_MS,
		probeEveryMs: 200,
		graceMs: 500,
		exit: (code) => exits.push(code),
		killWhenStuck: false // a busy test runner must not be killed: server-watchdog.test.ts covers it
	});
	return watchdog;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database watchdog', () => {
	it('a query that never answers makes the server unhealthy, then exits with status 1', async () => {
		const exits: number[] = [];
		const dog = startWatchdog(exits);
		const db = dog.watch(slowDatabase({ ms: 5 }));
		await db.query('select 1');
		expect(dog.health()).toEqual({ healthy: true, reason: null, details: null });

		const stuck = slowDatabase({ ms: Infinity });
		void dog.watch(stuck).query('insert into ops …');
		await expect.poll(() => dog.health().healthy, { timeout: 4 * TIMEOUT_MS }).toBe(false);
		expect(dog.health().reason).toBe('database_unresponsive');
		expect(exits).toEqual([]); // /healthz shows 503 for the grace period first
		await expect.poll(() => exits, { timeout: 4 * TIMEOUT_MS }).toEqual([1]);
	});

	it('an idle server notices a stuck database through its probe', async () => {
		const exits: number[] = [];
		const dog = startWatchdog(exits);
		dog.watch(slowDatabase({ ms: Infinity })); // no request ever comes
		await expect.poll(() => dog.health().healthy, { timeout: 4 * TIMEOUT_MS }).toBe(false);
		await expect.poll(() => exits, { timeout: 4 * TIMEOUT_MS }).toEqual([1]);
	});

	it('a long transaction whose statements keep answering is slow, not stuck', async () => {
		const exits: number[] = [];
		const dog = startWatchdog(exits);
		const db = dog.watch(slowDatabase({ ms: TIMEOUT_MS / 4 }));
		const started = Date.now();
		await db.transaction(async (tx) => {
			while (Date.now() - started < 3 * TIMEOUT_MS) await tx.query('insert …');
		});
		await sleep(TIMEOUT_MS);
		expect(dog.health().healthy).toBe(true);
		expect(exits).toEqual([]);
	});

	it('waits longer while the database opens, then holds requests to the normal bound', async () => {
		const exits: number[] = [];
		watchdog = new DatabaseWatchdog({
			timeoutMs: TIMEOUT_MS,
			openingTimeoutMs: 4 * TIMEOUT_MS,
			graceMs: 500,
			exit: (code) => exits.push(code),
			killWhenStuck: false
		});
		const dog = watchdog;
		const db = await dog.opening(async () => {
			await sleep(2 * TIMEOUT_MS); // a slow migration
			return dog.watch(slowDatabase({ ms: 5 }));
		});
		expect(dog.health().healthy).toBe(true);
		await db.query('select 1');
		void dog.watch(slowDatabase({ ms: Infinity })).query('select 1');
		await expect.poll(() => dog.health().healthy, { timeout: 4 * TIMEOUT_MS }).toBe(false);
	});

	it('reads DB_WATCHDOG_SECONDS, refusing nonsense', () => {
		expect(watchdogSecondsFrom(undefined)).toBe(15);
		expect(watchdogSecondsFrom('')).toBe(15);
		expect(watchdogSecondsFrom('30')).toBe(30);
		expect(() => watchdogSecondsFrom('0')).toThrow(/at least 1/);
		expect(() => watchdogSecondsFrom('soon')).toThrow(/DB_WATCHDOG_SECONDS/);
	});
});
