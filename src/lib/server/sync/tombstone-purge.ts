/**
 * Owns the schedule that drops old sync tombstones (`purgeTombstones`): once when the server
 * starts, then every PURGE_EVERY_MS. A device whose cursor is older than what was purged is
 * told to start over (docs/api.md, "Reset"), so the retention must outlast the longest time a
 * device stays offline: organizers and coordinators work offline for days, a device left in a
 * drawer over the summer should still sync incrementally, hence half a year by default.
 */
import type { Queryable } from '../db/database';
import { purgeTombstones } from './change-feed';

/** Days a tombstone is kept (env TOMBSTONE_RETENTION_DAYS overrides). */
export const TOMBSTONE_RETENTION_DAYS = 180;
/** How often the purge runs after the first: cheap, and a day's granularity is plenty. */
export const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

/** The retention in days from the environment's value; a bad value stops the server at start. */
export function retentionDaysFrom(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return TOMBSTONE_RETENTION_DAYS;
	const days = Number(value);
	if (!Number.isInteger(days) || days < 1) {
		throw new Error(
			`TOMBSTONE_RETENTION_DAYS must be a whole number of days, at least 1 (got "${value}")`
		);
	}
	return days;
}

/** The two timer functions the schedule needs; tests pass their own. */
export interface Timers {
	setInterval(fn: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
	setInterval: (fn, ms) => {
		const handle = setInterval(fn, ms);
		// The HTTP server keeps the process alive; this timer alone must not.
		handle.unref();
		return handle;
	},
	clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>)
};

export interface PurgeSchedule {
	/** Stops the schedule and waits for a purge in progress (call before closing the database). */
	stop(): Promise<void>;
	/** The purge the schedule started last (at start: the first one), settled. */
	settled(): Promise<void>;
}

/**
 * Runs `purge` now and then every `everyMs`. A run is skipped while the previous one is still
 * going; a failed run is logged and the next one tries again (a purge is never urgent, and a
 * database hiccup must not stop the server).
 */
export function schedulePurge(
	purge: () => Promise<unknown>,
	{
		everyMs = PURGE_EVERY_MS,
		timers = realTimers,
		log = (error: unknown) => console.error('tombstone purge failed:', error)
	}: { everyMs?: number; timers?: Timers; log?: (error: unknown) => void } = {}
): PurgeSchedule {
	let running: Promise<void> | null = null;
	let stopped = false;
	let last: Promise<void> = Promise.resolve();
	const run = () => {
		if (stopped || running) return;
		running = Promise.resolve()
			.then(purge)
			.then(
				() => {},
				(error: unknown) => log(error)
			)
			.finally(() => {
				running = null;
			});
		last = running;
	};
	run();
	const handle = timers.setInterval(run, everyMs);
	return {
		async stop() {
			stopped = true;
			timers.clearInterval(handle);
			await last;
		},
		settled: () => last
	};
}

/** The server's schedule: tombstones older than `retentionDays` go, at start and periodically. */
export function startTombstonePurge(
	db: Queryable,
	options: { retentionDays?: number; everyMs?: number; timers?: Timers } = {}
): PurgeSchedule {
	const days = options.retentionDays ?? TOMBSTONE_RETENTION_DAYS;
	return schedulePurge(() => purgeTombstones(db, days), options);
}
