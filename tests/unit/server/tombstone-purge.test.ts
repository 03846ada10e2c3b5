import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '#lib/server/db/database.js';
import { purgedThrough } from '#lib/server/sync/change-feed.js';
import {
	PURGE_EVERY_MS,
	retentionDaysFrom,
	schedulePurge,
	startTombstonePurge,
	TOMBSTONE_RETENTION_DAYS,
	type Timers
} from '#lib/server/sync/tombstone-purge.js';
import { ENGINES, openTestDatabase } from './test-database';

/** Timers that never fire by themselves: the test calls `tick()` for "the interval passed". */
function manualTimers() {
	const armed: { fn: () => void; ms: number; cleared: boolean }[] = [];
	const timers: Timers = {
		setInterval: (fn, ms) => {
			const entry = { fn, ms, cleared: false };
			armed.push(entry);
			return entry;
		},
		clearInterval: (handle) => {
			(handle as (typeof armed)[number]).cleared = true;
		}
	};
	const tick = () => armed.filter((a) => !a.cleared).forEach((a) => a.fn());
	return { timers, armed, tick };
}

/** A purge whose runs the test finishes by hand. */
function manualPurge() {
	const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
	const purge = vi.fn(
		() =>
			new Promise<number>((resolve, reject) => pending.push({ resolve: () => resolve(0), reject }))
	);
	return { purge, pending };
}

describe('the purge schedule', () => {
	it('purges at start, then once per interval', async () => {
		const { timers, armed, tick } = manualTimers();
		const { purge, pending } = manualPurge();
		const schedule = schedulePurge(purge, { timers });
		await Promise.resolve();
		expect(purge).toHaveBeenCalledTimes(1);
		expect(armed.map((a) => a.ms)).toEqual([PURGE_EVERY_MS]);
		pending[0]!.resolve();
		await schedule.settled();
		tick();
		await Promise.resolve();
		expect(purge).toHaveBeenCalledTimes(2);
		pending[1]!.resolve();
		await schedule.stop();
	});

	it('skips a tick while the previous purge is still running', async () => {
		const { timers, tick } = manualTimers();
		const { purge, pending } = manualPurge();
		const schedule = schedulePurge(purge, { timers });
		await Promise.resolve();
		tick();
		tick();
		await Promise.resolve();
		expect(purge).toHaveBeenCalledTimes(1);
		pending[0]!.resolve();
		await schedule.settled();
		tick();
		await Promise.resolve();
		expect(purge).toHaveBeenCalledTimes(2);
		pending[1]!.resolve();
		await schedule.stop();
	});

	it('logs a failed purge and tries again at the next tick', async () => {
		const { timers, tick } = manualTimers();
		const { purge, pending } = manualPurge();
		const log = vi.fn();
		const schedule = schedulePurge(purge, { timers, log });
		await Promise.resolve();
		const failure = new Error('connection reset');
		pending[0]!.reject(failure);
		await schedule.settled();
		expect(log).toHaveBeenCalledWith(failure);
		tick();
		await Promise.resolve();
		expect(purge).toHaveBeenCalledTimes(2);
		pending[1]!.resolve();
		await schedule.stop();
	});

	it('stop() clears the interval and waits for the purge in progress', async () => {
		const { timers, armed, tick } = manualTimers();
		const { purge, pending } = manualPurge();
		const schedule = schedulePurge(purge, { timers });
		await Promise.resolve();
		let stopped = false;
		const stopping = schedule.stop().then(() => (stopped = true));
		await Promise.resolve();
		expect(armed[0]!.cleared).toBe(true);
		expect(stopped).toBe(false); // the database must not close under a running purge
		pending[0]!.resolve();
		await stopping;
		tick();
		expect(purge).toHaveBeenCalledTimes(1);
	});
});

describe('the retention setting', () => {
	it('defaults to 180 days, longer than any device stays offline', () => {
		expect(TOMBSTONE_RETENTION_DAYS).toBe(180);
		expect(retentionDaysFrom(undefined)).toBe(180);
		expect(retentionDaysFrom('')).toBe(180);
		expect(retentionDaysFrom('365')).toBe(365);
	});

	it.each(['0', '-5', '1.5', 'half a year', '1e3x'])('refuses %j with a clear message', (v) => {
		expect(() => retentionDaysFrom(v)).toThrow(/TOMBSTONE_RETENTION_DAYS must be a whole number/);
	});
});

describe.each(ENGINES)('%s: the scheduled purge', (engine) => {
	let db: Database;
	beforeAll(async () => {
		db = await openTestDatabase(engine);
	});
	afterAll(() => db.close());

	/** A change row `daysAgo` days old; `deleted` makes it a tombstone. */
	async function change(seq: number, daysAgo: number, deleted: boolean) {
		await db.query(
			`insert into changes (seq, entity, entity_id, city, data, deleted, changed_at)
			 values ($1, 'team', $2, 'tsurugashima', null, $3, now() - make_interval(days => $4))`,
			[seq, `team-${seq}`, deleted, daysAgo]
		);
	}
	const seqs = async () =>
		(await db.query<{ seq: number | string }>('select seq from changes order by seq')).map((r) =>
			Number(r.seq)
		);

	it('drops tombstones past the retention at start; keeps younger ones and live rows', async () => {
		await change(1, 200, true); // past 180 days: goes
		await change(2, 200, false); // old, but not a tombstone: stays
		await change(3, 179, true); // inside the retention: stays
		await change(4, 181, true); // goes
		const { timers } = manualTimers();
		const schedule = startTombstonePurge(db, { retentionDays: 180, timers });
		await schedule.settled();
		await schedule.stop();
		expect(await seqs()).toEqual([2, 3]);
		// The purge line names the newest purged seq: a device below it starts over.
		expect(await purgedThrough(db)).toBe(4);
	});
});
