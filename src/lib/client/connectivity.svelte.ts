/**
 * The app's connectivity as it observes it (connectivity-machine.ts has the rule): requests to
 * the server that fail or succeed, a heartbeat while offline, and the browser's events as
 * hints. Drives the offline banner, the screens that need the server, and sync's "back online".
 * Requests to the app's server go through `fetchObserved` so each one counts.
 */
import { observe, ONLINE, type Observation } from './connectivity-machine';

/**
 * The heartbeat: small, never cached (`no-store` both ways), and not a route of the service
 * worker, so only the server can answer it. A captive portal's page is not JSON: not reached.
 */
const HEARTBEAT = '/api/prefs';
const HEARTBEAT_TIMEOUT_MS = 8_000;

export class Connectivity {
	online = $state(true);
	#state = ONLINE;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#heartbeat: AbortController | null = null;
	#listeners: ((online: boolean) => void)[] = [];

	observe(observation: Observation) {
		const before = this.#state.checkAt;
		this.#state = observe(this.#state, observation, Date.now());
		const at = this.#state.checkAt;
		// The same time: the timer set for it, or the heartbeat it started, is still on its way.
		if (at !== before) {
			clearTimeout(this.#timer);
			if (at !== null) this.#timer = setTimeout(() => void this.#check(), at - Date.now());
		}
		if (this.online === this.#state.online) return;
		this.online = this.#state.online;
		for (const listener of this.#listeners) listener(this.online);
	}

	/** Calls `listener` on each change (true: back online). Returns the stop function. */
	onChange(listener: (online: boolean) => void): () => void {
		this.#listeners.push(listener);
		return () => (this.#listeners = this.#listeners.filter((l) => l !== listener));
	}

	async #check() {
		// A hidden page checks nothing: coming back to the foreground asks for a check.
		if (document.visibilityState === 'hidden') return;
		// A newer check (the network just changed) replaces one still waiting for an answer.
		this.#heartbeat?.abort();
		const heartbeat = (this.#heartbeat = new AbortController());
		const timeout = setTimeout(() => heartbeat.abort(), HEARTBEAT_TIMEOUT_MS);
		let reached = false;
		try {
			const res = await fetch(HEARTBEAT, { cache: 'no-store', signal: heartbeat.signal });
			reached = res.ok && !!res.headers.get('content-type')?.includes('json');
		} catch {
			// not reached
		}
		clearTimeout(timeout);
		if (this.#heartbeat !== heartbeat) return;
		this.#heartbeat = null;
		this.observe(reached ? 'reached' : 'check-failed');
	}

	/** Listens to the browser's hints; returns the stop function. Browser only. */
	start(): () => void {
		if (!navigator.onLine) this.observe('browser-offline');
		const offline = () => this.observe('browser-offline');
		const hint = () => document.visibilityState === 'visible' && this.observe('hint');
		addEventListener('offline', offline);
		addEventListener('online', hint);
		document.addEventListener('visibilitychange', hint);
		return () => {
			removeEventListener('offline', offline);
			removeEventListener('online', hint);
			document.removeEventListener('visibilitychange', hint);
			clearTimeout(this.#timer);
		};
	}
}

export const connectivity = new Connectivity();

/**
 * `fetch` to the app's server, counted: any answer means it was reached, except a gateway's
 * 502–504 (the server behind it was not); a network error or a timeout means it was not.
 * A request the caller cancelled tells nothing.
 */
export async function fetchObserved(
	input: RequestInfo | URL,
	init?: RequestInit,
	via: typeof fetch = fetch
): Promise<Response> {
	let res: Response;
	try {
		res = await via(input, init);
	} catch (error) {
		if ((error as Error)?.name !== 'AbortError') connectivity.observe('failed');
		throw error;
	}
	connectivity.observe(res.status >= 502 && res.status <= 504 ? 'failed' : 'reached');
	return res;
}
