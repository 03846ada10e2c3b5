/**
 * The database watchdog: owns the server's health. A database that stops answering (PGlite
 * spinning when PostgreSQL cannot create a WAL segment on a full disk, a PostgreSQL server that
 * hangs) must not leave a process that accepts connections and answers nothing forever. The
 * watchdog marks the server unhealthy (`GET /healthz` answers 503), logs why, and ends the process
 * with a failure status so its supervisor (systemd, docs/deploy.md) starts it again; the restart
 * recovers from the WAL, so every acknowledged (committed) write is still there.
 *
 * Stalled, not slow: the bound is on progress. The server is unhealthy when some database call has
 * been waiting and none has answered for `timeoutMs`; a long transaction whose statements keep
 * answering is fine. A cheap `select 1` probe runs every few seconds so an idle server notices too.
 *
 * Why a worker thread: PGlite is WebAssembly on the main thread, and when it spins the event loop
 * never turns again, so no timer, no /healthz and no signal handler of the main thread runs
 * (measured: a 1 s interval stopped firing at the first WAL write failure). The calls are counted
 * in shared memory, which a worker thread reads on its own event loop. The worker writes the
 * reason to stderr itself, sets the unhealthy flag, and if the main thread has not started its own
 * exit (status 1) within `graceMs` + 2 s, sends the process SIGKILL, the one way to end a thread
 * stuck in WebAssembly. `Restart=on-failure` restarts on both.
 */
import { Worker } from 'node:worker_threads';
import type { Database, Queryable, Row } from './database';

export const DB_WATCHDOG_SECONDS = 15;

/** DB_WATCHDOG_SECONDS: how long the database may leave every waiting call unanswered. */
export function watchdogSecondsFrom(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return DB_WATCHDOG_SECONDS;
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds < 1) {
		throw new Error(`DB_WATCHDOG_SECONDS must be a number of seconds, at least 1 (got "${value}")`);
	}
	return seconds;
}

export interface Health {
	healthy: boolean;
	/** A reason code and its explanation, when unhealthy. */
	reason: string | null;
	details: string | null;
}

export interface WatchdogOptions {
	timeoutMs: number;
	/** Bound while the database opens and migrates: a migration over a large table is slow. */
	openingTimeoutMs?: number;
	probeEveryMs?: number;
	/** How long /healthz shows 503 before the process exits. */
	graceMs?: number;
	/** Ends the process; tests pass their own. */
	exit?: (code: number) => void;
	/** SIGKILL the process when its main thread is stuck (default true; tests in-process: false). */
	killWhenStuck?: boolean;
}

// Shared memory slots (BigInt64Array): read by the worker while the main thread may be stuck.
const WAITING = 0; // database calls waiting for an answer
const PROGRESS = 1; // ms epoch of the last answer (or of the first call to start waiting)
const STATE = 2; // 0 healthy, 1 unhealthy, 2 the main thread is exiting
const BOUND = 3; // the current bound in ms

const REASON = 'database_unresponsive';

// Plain JavaScript, evaluated as the worker: nothing here may import project code.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const slots = new BigInt64Array(workerData.shared);
const { graceMs, killWhenStuck } = workerData;
let unhealthySince = 0;
setInterval(() => {
	const now = Date.now();
	if (unhealthySince === 0) {
		const waiting = Number(Atomics.load(slots, ${WAITING}));
		const stalled = now - Number(Atomics.load(slots, ${PROGRESS}));
		const bound = Number(Atomics.load(slots, ${BOUND}));
		if (waiting === 0 || stalled < bound) return;
		unhealthySince = now;
		Atomics.store(slots, ${STATE}, 1n);
		writeSync(2, '[ibasho] unhealthy (${REASON}): no answer from the database for ' +
			Math.round(stalled / 1000) + ' s (' + waiting + ' call(s) waiting); exiting so the supervisor restarts the server\\n');
	} else if (killWhenStuck && Atomics.load(slots, ${STATE}) === 1n && now - unhealthySince > graceMs + 2000) {
		writeSync(2, '[ibasho] the main thread is stuck inside the database; ending the process with SIGKILL\\n');
		process.kill(process.pid, 'SIGKILL');
	}
}, 250);
`;

export class DatabaseWatchdog {
	private readonly slots = new BigInt64Array(new SharedArrayBuffer(4 * 8));
	private readonly worker: Worker;
	private readonly timers: ReturnType<typeof setInterval>[] = [];
	private readonly graceMs: number;
	private readonly exit: (code: number) => void;
	private exitTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(private readonly options: WatchdogOptions) {
		this.graceMs = options.graceMs ?? 2000;
		this.exit = options.exit ?? ((code) => process.exit(code));
		Atomics.store(this.slots, PROGRESS, BigInt(Date.now()));
		Atomics.store(this.slots, BOUND, BigInt(options.timeoutMs));
		this.worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: {
				shared: this.slots.buffer,
				graceMs: this.graceMs,
				killWhenStuck: options.killWhenStuck ?? true
			}
		});
		this.worker.unref(); // it guards the process; it must not keep a finished one alive
		// The main thread's own look at the shared state: while its event loop turns, /healthz
		// answers 503 and the exit is an orderly status 1.
		this.timers.push(setInterval(() => this.react(), 250).unref());
	}

	health(): Health {
		const state = Atomics.load(this.slots, STATE);
		if (state === 0n) return { healthy: true, reason: null, details: null };
		return {
			healthy: false,
			reason: REASON,
			details: 'The database stopped answering; the server is restarting.'
		};
	}

	/** Counts one database call from its start to its answer (or failure). */
	private async timed<T>(call: () => Promise<T>): Promise<T> {
		// The stall clock starts when the first call starts waiting, not at the last answer:
		// an idle hour is not a stall.
		if (Atomics.add(this.slots, WAITING, 1n) === 0n) {
			Atomics.store(this.slots, PROGRESS, BigInt(Date.now()));
		}
		try {
			return await call();
		} finally {
			Atomics.sub(this.slots, WAITING, 1n);
			Atomics.store(this.slots, PROGRESS, BigInt(Date.now()));
		}
	}

	/**
	 * Watches the server's start (open, migrate, seed) with the opening bound: a restart on a disk
	 * that is still full must end too, or the supervisor would wait on it forever.
	 */
	async opening<T>(start: () => Promise<T>): Promise<T> {
		const bound = this.options.openingTimeoutMs ?? Math.max(120_000, this.options.timeoutMs);
		Atomics.store(this.slots, BOUND, BigInt(bound));
		try {
			return await this.timed(start);
		} finally {
			Atomics.store(this.slots, BOUND, BigInt(this.options.timeoutMs));
		}
	}

	/** The same database, every call counted; also starts the periodic probe. */
	watch(db: Database): Database {
		const timed = <T>(call: () => Promise<T>) => this.timed(call);
		const watchTx = (tx: Queryable): Queryable => ({
			query: <T extends Row>(sql: string, params?: unknown[]) =>
				timed(() => tx.query<T>(sql, params))
		});
		const probeEveryMs = this.options.probeEveryMs ?? Math.min(5000, this.options.timeoutMs / 3);
		this.timers.push(
			setInterval(() => {
				// One probe at a time: a stuck probe is already counted as waiting.
				if (Atomics.load(this.slots, WAITING) === 0n)
					timed(() => db.query('select 1')).catch(() => {});
			}, probeEveryMs).unref()
		);
		return {
			engine: db.engine,
			query: <T extends Row>(sql: string, params?: unknown[]) =>
				timed(() => db.query<T>(sql, params)),
			exec: (sql: string) => timed(() => db.exec(sql)),
			transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
				timed(() => db.transaction((tx) => fn(watchTx(tx)))),
			close: () => db.close()
		};
	}

	private react() {
		if (this.exitTimer || Atomics.load(this.slots, STATE) !== 1n) return;
		// Tell the worker the main thread is alive and exiting itself, then give /healthz the grace.
		Atomics.store(this.slots, STATE, 2n);
		this.exitTimer = setTimeout(() => this.exit(1), this.graceMs);
	}

	async stop(): Promise<void> {
		for (const timer of this.timers) clearInterval(timer);
		if (this.exitTimer) clearTimeout(this.exitTimer);
		await this.worker.terminate();
	}
}
