import { describe, expect, it } from 'vitest';
import {
	FIRST_CHECK_MS,
	observe,
	ONLINE,
	type ConnectivityState,
	type Observation
} from '#lib/client/connectivity-machine.js';

/** A fake clock: each step is an observation at a time (ms from 0). */
function run(steps: [number, Observation][], from: ConnectivityState = ONLINE) {
	return steps.reduce((state, [at, o]) => observe(state, o, at), from);
}

describe('connectivity as the app observes it', () => {
	it('stays online and checks nothing while requests reach the server', () => {
		const state = run([
			[0, 'reached'],
			[1_000, 'reached'],
			[60_000, 'reached']
		]);
		expect(state).toEqual({ online: true, failedChecks: 0, checkAt: null });
	});

	it('a failed request (an offline reload: navigator.onLine says nothing) goes offline and asks for a heartbeat', () => {
		const state = observe(ONLINE, 'failed', 10_000);
		expect(state.online).toBe(false);
		expect(state.checkAt).toBe(10_000 + FIRST_CHECK_MS);
	});

	it("the browser's offline event goes offline at once", () => {
		const state = observe(ONLINE, 'browser-offline', 5_000);
		expect(state.online).toBe(false);
		expect(state.checkAt).toBe(5_000 + FIRST_CHECK_MS);
	});

	it('failed heartbeats wait twice as long each time, up to the cap', () => {
		let state = observe(ONLINE, 'failed', 0);
		const waits: number[] = [];
		for (let i = 0; i < 8; i++) {
			const now = state.checkAt!;
			state = observe(state, 'check-failed', now);
			waits.push(state.checkAt! - now);
		}
		expect(waits).toEqual([4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000]);
		expect(state.online).toBe(false);
	});

	it('more failed requests while offline do not postpone the heartbeat already due', () => {
		const offline = run([
			[0, 'failed'],
			[2_000, 'check-failed']
		]);
		const later = run(
			[
				[3_000, 'failed'],
				[4_000, 'failed'],
				[5_000, 'browser-offline']
			],
			offline
		);
		expect(later).toEqual(offline);
	});

	it('a request or a heartbeat that reaches the server is online again, with no more checks', () => {
		const offline = run([
			[0, 'failed'],
			[2_000, 'check-failed'],
			[6_000, 'check-failed']
		]);
		expect(observe(offline, 'reached', 7_000)).toEqual(ONLINE);
	});

	it("the browser's online event is a hint, not a switch: still offline, checked at once, backoff over", () => {
		const offline = run([
			[0, 'browser-offline'],
			[2_000, 'check-failed'],
			[6_000, 'check-failed']
		]);
		const hinted = observe(offline, 'hint', 7_000);
		expect(hinted).toEqual({ online: false, failedChecks: 0, checkAt: 7_000 });
		// The check then fails (the network came back without the server): the short wait again.
		expect(observe(hinted, 'check-failed', 7_100).checkAt).toBe(7_100 + 2 * FIRST_CHECK_MS);
	});

	it('a hint while online changes nothing (the page’s own requests are the check)', () => {
		expect(observe(ONLINE, 'hint', 1_000)).toBe(ONLINE);
	});

	it('a heartbeat that fails after a request reached the server does not take the app offline', () => {
		const online = run([
			[0, 'failed'],
			[2_500, 'reached']
		]);
		expect(observe(online, 'check-failed', 10_000)).toEqual(ONLINE);
	});

	it('goes offline again after coming back: the first heartbeat is soon again', () => {
		const state = run([
			[0, 'failed'],
			[2_000, 'check-failed'],
			[6_000, 'check-failed'],
			[14_000, 'reached'],
			[20_000, 'failed']
		]);
		expect(state).toEqual({ online: false, failedChecks: 0, checkAt: 20_000 + FIRST_CHECK_MS });
	});
});
