/**
 * Live notices of the change feed: owns the list of devices listening (GET /api/sync/events)
 * and tells each one "there is something newer than seq N that you may read" — a number, never
 * data: the device then pulls through the ordinary sync path, which applies the same view
 * (visible-seq.ts, one function for both).
 *
 * When to look: a push on this server nudges at once (the common case: a tally tap on another
 * phone), and while anyone listens the committed clock is read every `pollMs` so writes made
 * by another process (a second server on the same PostgreSQL, a restore) are noticed too. One
 * look at a time: a database that stops answering leaves one look waiting (the watchdog ends
 * the process then), never a pile of them.
 */
import type { Actor, CityScope } from '#lib/domain/policy.js';
import type { Queryable } from '../db/database';
import { committedClock } from './change-feed';
import { latestVisibleSeq } from './visible-seq';

export interface LiveSink {
	/** Something the account may read is numbered `seq` (and nothing newer is, yet). */
	notify(seq: number): void;
	/** The server is stopping: end the response now so shutdown is prompt. */
	end(): void;
}

interface Listener {
	actor: Actor & CityScope;
	/** Everything up to here was looked at for this listener (told, or not its to see). */
	seq: number;
	sink: LiveSink;
}

export interface LiveFeedOptions {
	/** How often the committed clock is read while anyone listens. */
	pollMs?: number;
}

export class LiveFeed {
	readonly #db: Queryable;
	readonly #pollMs: number;
	readonly #listeners = new Set<Listener>();
	#clock = -1;
	#timer: ReturnType<typeof setInterval> | null = null;
	#looking: Promise<void> | null = null;
	#again = false;
	#closed = false;

	constructor(db: Queryable, options: LiveFeedOptions = {}) {
		this.#db = db;
		this.#pollMs = options.pollMs ?? 2_000;
	}

	get listeners(): number {
		return this.#listeners.size;
	}

	/** The clock now: where a device that names no seq starts listening from. */
	clock(): Promise<number> {
		return committedClock(this.#db);
	}

	/**
	 * Listens for `actor` from `since` on; returns the stop function. A listener behind the
	 * feed (a device that names an older seq) is told at once.
	 */
	listen(actor: Actor & CityScope, since: number, sink: LiveSink): () => void {
		if (this.#closed) {
			sink.end();
			return () => {};
		}
		const listener: Listener = { actor, seq: since, sink };
		this.#listeners.add(listener);
		this.#timer ??= setInterval(() => void this.look(), this.#pollMs);
		void this.#catchUp(listener);
		return () => {
			this.#listeners.delete(listener);
			if (this.#listeners.size === 0 && this.#timer) {
				clearInterval(this.#timer);
				this.#timer = null;
			}
		};
	}

	/** A write committed on this server: look now instead of at the next poll. */
	nudge(): void {
		if (this.#listeners.size > 0) void this.look();
	}

	/** Reads the clock and, when it moved, tells each listener what is newer for it. */
	async look(): Promise<void> {
		if (this.#looking) {
			this.#again = true;
			return this.#looking;
		}
		this.#looking = (async () => {
			try {
				do {
					this.#again = false;
					const clock = await committedClock(this.#db);
					if (clock === this.#clock || this.#closed) continue;
					this.#clock = clock;
					for (const listener of [...this.#listeners]) await this.#tell(listener, clock);
				} while (this.#again && !this.#closed);
			} catch (error) {
				// The next poll or push looks again; a database that stays down is the watchdog's.
				if (!this.#closed) console.error('live feed:', error);
			} finally {
				this.#looking = null;
			}
		})();
		return this.#looking;
	}

	async #catchUp(listener: Listener) {
		try {
			await this.#tell(listener, await committedClock(this.#db));
		} catch (error) {
			if (!this.#closed) console.error('live feed:', error);
		}
	}

	async #tell(listener: Listener, clock: number) {
		if (clock <= listener.seq || !this.#listeners.has(listener)) return;
		const since = listener.seq;
		const seq = await latestVisibleSeq(this.#db, listener.actor, since);
		// Numbers up to the clock read before the query are committed: what the reader may not
		// see among them stays so (a change of view renumbers the row), so they need no new look.
		listener.seq = Math.max(listener.seq, clock);
		if (seq > since && this.#listeners.has(listener)) listener.sink.notify(seq);
	}

	/** Ends every listening response and stops looking (server shutdown, before the database closes). */
	close(): void {
		this.#closed = true;
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		for (const listener of [...this.#listeners]) listener.sink.end();
		this.#listeners.clear();
	}
}
