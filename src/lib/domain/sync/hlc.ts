/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, ordered
 * first by time, then counter, then node id, so any two stamps compare the same way on every
 * device. Encoded as a fixed-width string that sorts lexicographically in that order:
 * `0001700000000000-0000-<node>`.
 */

export interface HlcState {
	wall: number;
	counter: number;
	node: string;
}

/** How far a device's clock may run ahead of the server before its stamps are refused. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;
const MAX_COUNTER = 36 ** 4 - 1;

export function encodeHlc(s: HlcState): string {
	return `${String(s.wall).padStart(16, '0')}-${s.counter.toString(36).padStart(4, '0')}-${s.node}`;
}

export function decodeHlc(stamp: string): HlcState | null {
	const m = /^(\d{16})-([0-9a-z]{4})-(.+)$/.exec(stamp);
	if (!m) return null;
	return { wall: Number(m[1]), counter: Number.parseInt(m[2]!, 36), node: m[3]! };
}

/** A new local stamp: never smaller than any stamp this node issued or received. */
export function tick(state: HlcState, now: number): HlcState {
	if (now > state.wall) return { ...state, wall: now, counter: 0 };
	if (state.counter >= MAX_COUNTER) return { ...state, wall: state.wall + 1, counter: 0 };
	return { ...state, counter: state.counter + 1 };
}

/** Merges a stamp seen from elsewhere so the next local stamp orders after it. */
export function receive(state: HlcState, remote: string, now: number): HlcState {
	const r = decodeHlc(remote);
	if (!r) return state;
	const wall = Math.max(state.wall, r.wall, now);
	let counter = 0;
	if (wall === state.wall && wall === r.wall) counter = Math.max(state.counter, r.counter) + 1;
	else if (wall === state.wall) counter = state.counter + 1;
	else if (wall === r.wall) counter = r.counter + 1;
	return counter > MAX_COUNTER
		? { ...state, wall: wall + 1, counter: 0 }
		: { ...state, wall, counter };
}

export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
