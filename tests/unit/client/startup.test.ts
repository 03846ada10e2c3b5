import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: its gate and holds are per page load. */
const loadStartup = async () => {
	vi.resetModules();
	return import('#lib/client/startup.js');
};

/** Tracks whether a promise has settled, without awaiting it. */
function track(promise: Promise<unknown>) {
	const state = { done: false };
	void promise.then(() => (state.done = true));
	return state;
}

describe('start-up: background work waits for the page', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 16));
		vi.stubGlobal('requestIdleCallback', (cb: () => void) => setTimeout(cb, 5));
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('does not end before the app has mounted, however idle the browser is', async () => {
		const { afterStartup, startupMounted } = await loadStartup();
		const over = track(afterStartup());
		await vi.advanceTimersByTimeAsync(5_000);
		expect(over.done).toBe(false);

		startupMounted();
		await vi.advanceTimersByTimeAsync(100);
		expect(over.done).toBe(true);
	});

	it('waits for held work (the map drawing), including work held while it waited', async () => {
		const { afterStartup, holdStartup, startupMounted } = await loadStartup();
		let drawMap = () => {};
		let drawSecond = () => {};
		holdStartup(new Promise<void>((resolve) => (drawMap = resolve)));
		startupMounted();
		const over = track(afterStartup());
		await vi.advanceTimersByTimeAsync(1_000);
		expect(over.done).toBe(false);

		holdStartup(new Promise<void>((resolve) => (drawSecond = resolve)));
		drawMap();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(over.done).toBe(false);

		drawSecond();
		await vi.advanceTimersByTimeAsync(100);
		expect(over.done).toBe(true);
	});

	it('a failed hold ends start-up too, and one that never settles is given up on', async () => {
		const { afterStartup, holdStartup, startupMounted } = await loadStartup();
		holdStartup(Promise.reject(new Error('map failed'))).catch(() => {});
		holdStartup(new Promise(() => {}));
		startupMounted();
		const over = track(afterStartup());
		await vi.advanceTimersByTimeAsync(9_000);
		expect(over.done).toBe(false);
		await vi.advanceTimersByTimeAsync(1_100);
		expect(over.done).toBe(true);
	});

	it('without requestIdleCallback (Safari) a timer stands in', async () => {
		vi.stubGlobal('requestIdleCallback', undefined);
		const { whenIdle } = await loadStartup();
		const idle = track(whenIdle());
		await vi.advanceTimersByTimeAsync(2);
		expect(idle.done).toBe(true);
	});
});
