/**
 * Live notices from the server (GET /api/sync/events, server-sent events): owns the one
 * EventSource of the page. A notice carries only a seq; the page then pulls through the sync
 * runner, so what reaches the device is what pull lets it see.
 *
 * - Open while the app is online (as connectivity.svelte.ts observed it) and visible; closed
 *   offline (nothing to hammer) and in the background (a phone's battery); opened again on the
 *   way back, and the first `ready` of a new connection pulls at once: changes made while the
 *   device was away are fetched without waiting for any notice.
 * - Any event is an answer from the server: it counts as `reached`. A failing stream is not
 *   counted as `failed`: proxies end long responses, which says nothing of the network; the
 *   app's own requests and heartbeat decide that.
 * - Falls back to the sync service's polling when the stream cannot work: refused (401, a proxy's
 *   error page, a type EventSource rejects), no `ready` in time (a proxy that buffers the
 *   response), or silent longer than the server's pings allow (a connection dropped on the way).
 *   It tries again after FALLBACK_RETRY_MS; polling goes on meanwhile.
 */
import type { Observation } from '../connectivity-machine';

export const EVENTS_URL = '/api/sync/events';
/** The server sends `ready` at once: a proxy that holds it back buffers everything else too. */
export const READY_TIMEOUT_MS = 10_000;
/** The server pings every 25 s: two missed pings and the connection is taken for dead. */
export const SILENCE_MS = 60_000;
export const FALLBACK_RETRY_MS = 60_000;

/** The part of EventSource used here (tests pass a fake). */
export interface LiveSource {
	readonly readyState: number;
	addEventListener(type: string, listener: () => void): void;
	close(): void;
	onerror: ((this: never, ev: Event) => unknown) | null;
}

export interface LiveNoticesOptions {
	connectivity: {
		readonly online: boolean;
		observe(observation: Observation): void;
		onChange(listener: (online: boolean) => void): () => void;
	};
	/** Something newer may be readable: pull. */
	onNotice: () => void;
	open?: (url: string) => LiveSource;
}

const CLOSED = 2;

export class LiveNotices {
	readonly #options: LiveNoticesOptions;
	#source: LiveSource | null = null;
	#readyTimer: ReturnType<typeof setTimeout> | undefined;
	#silenceTimer: ReturnType<typeof setTimeout> | undefined;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#started = false;

	constructor(options: LiveNoticesOptions) {
		this.#options = options;
	}

	/** Whether a stream is open or opening (for tests and the status line). */
	get isOpen(): boolean {
		return this.#source !== null;
	}

	start(): () => void {
		this.#started = true;
		const stopFollowing = this.#options.connectivity.onChange((online) =>
			online ? this.#connect() : this.#disconnect()
		);
		const onVisibility = () => (this.#visible() ? this.#connect() : this.#disconnect());
		document.addEventListener('visibilitychange', onVisibility);
		this.#connect();
		return () => {
			this.#started = false;
			stopFollowing();
			document.removeEventListener('visibilitychange', onVisibility);
			this.#disconnect();
			clearTimeout(this.#retryTimer);
		};
	}

	#visible(): boolean {
		return document.visibilityState !== 'hidden';
	}

	#connect() {
		if (!this.#started || this.#source || !this.#options.connectivity.online) return;
		if (!this.#visible()) return;
		clearTimeout(this.#retryTimer);
		const open = this.#options.open ?? ((url: string) => new EventSource(url));
		let source: LiveSource;
		try {
			source = open(EVENTS_URL);
		} catch {
			return this.#fallBack();
		}
		this.#source = source;
		let pulled = false;
		this.#readyTimer = setTimeout(() => this.#fallBack(), READY_TIMEOUT_MS);
		const heard = () => {
			if (this.#source !== source) return false;
			this.#options.connectivity.observe('reached');
			clearTimeout(this.#silenceTimer);
			this.#silenceTimer = setTimeout(() => this.#reopen(), SILENCE_MS);
			return true;
		};
		source.addEventListener('ready', () => {
			if (!heard()) return;
			clearTimeout(this.#readyTimer);
			// A reconnect of the same EventSource resumes from its last seq (Last-Event-ID): the
			// server tells it what it missed. A new connection may have missed anything.
			if (!pulled) this.#options.onNotice();
			pulled = true;
		});
		source.addEventListener('change', () => heard() && this.#options.onNotice());
		source.addEventListener('ping', () => void heard());
		source.onerror = () => {
			// CONNECTING: the browser reconnects on its own (a response that ended, a blip).
			// CLOSED: it gave up (not an event stream, an error status): poll instead.
			if (this.#source === source && source.readyState === CLOSED) this.#fallBack();
		};
	}

	#disconnect() {
		clearTimeout(this.#readyTimer);
		clearTimeout(this.#silenceTimer);
		this.#source?.close();
		this.#source = null;
	}

	#reopen() {
		this.#disconnect();
		this.#connect();
	}

	#fallBack() {
		this.#disconnect();
		clearTimeout(this.#retryTimer);
		if (this.#started) this.#retryTimer = setTimeout(() => this.#connect(), FALLBACK_RETRY_MS);
	}
}
