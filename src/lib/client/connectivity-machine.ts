/**
 * Owns the rule for whether the app can reach its server. It trusts what the app observed, not
 * `navigator.onLine`: Chromium reports `true` after an offline reload or an offline cold start,
 * and on a Wi-Fi that reaches nothing. Pure (no timers, no browser): observations and the time
 * go in, the state and when to check next come out. connectivity.svelte.ts feeds it and runs
 * the checks.
 */

export type Observation =
	/** A request reached the app's server (any answer from it), or a heartbeat did. */
	| 'reached'
	/** A request failed: no network, no answer in time, or a gateway could not reach the server. */
	| 'failed'
	/** The heartbeat the state asked for failed. */
	| 'check-failed'
	/** The browser's `offline` event: there is no network, for certain. */
	| 'browser-offline'
	/** The browser's `online` event, or the app came back to the foreground: worth a look. */
	| 'hint';

export interface ConnectivityState {
	online: boolean;
	/** Heartbeats failed in a row since the app went offline: each waits longer than the last. */
	failedChecks: number;
	/** When to send a heartbeat (ms since epoch; due at once if past); null: none. */
	checkAt: number | null;
}

/**
 * The first heartbeat after a failure, doubled after each failed one up to the cap: a network
 * that just went away often comes back within seconds, one that stays away costs a request
 * every half minute (a request that fails on the device itself when there is no network).
 */
export const FIRST_CHECK_MS = 2_000;
const MAX_CHECK_MS = 30_000;

export const ONLINE: ConnectivityState = { online: true, failedChecks: 0, checkAt: null };

const delay = (failedChecks: number) => Math.min(FIRST_CHECK_MS * 2 ** failedChecks, MAX_CHECK_MS);

/** The state after `observation` at `now`. While online and requests succeed, nothing is checked. */
export function observe(
	state: ConnectivityState,
	observation: Observation,
	now: number
): ConnectivityState {
	switch (observation) {
		case 'reached':
			return ONLINE;
		case 'failed':
		case 'browser-offline':
			// Already offline: the heartbeat on its way decides; more failures do not postpone it.
			if (!state.online && state.checkAt !== null) return state;
			return { online: false, failedChecks: 0, checkAt: now + delay(0) };
		case 'check-failed': {
			// A request reached the server while the heartbeat was out: that settles it.
			if (state.online) return state;
			const failedChecks = state.failedChecks + 1;
			return { online: false, failedChecks, checkAt: now + delay(failedChecks) };
		}
		case 'hint':
			// Online, the page's own requests are the check. Offline, look now, and start the
			// backoff over: the network may have changed.
			return state.online ? state : { online: false, failedChecks: 0, checkAt: now };
	}
}
