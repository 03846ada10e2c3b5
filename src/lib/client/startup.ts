/**
 * Owns the end of the page's start-up: the moment background work (saving the pack for offline
 * use, following IndexedDB, sync) may begin without competing with what a person is waiting
 * for. That is after the app has mounted, after the work it holds open (the map drawing its
 * first view when its pane is visible) and when the browser is idle. Browser only; module state
 * is per page load.
 */

/** The browser runs an idle callback this late at the latest, however busy it is. */
const IDLE_TIMEOUT_MS = 2000;
/** A hold never delays background work longer than this (a map stuck on a slow network). */
const MAX_HOLD_MS = 10_000;
/** Background tabs get no animation frames: do not wait for one longer than this. */
const FRAME_TIMEOUT_MS = 500;

const holds = new Set<Promise<unknown>>();
let openGate: () => void = () => {};
const mounted = new Promise<void>((resolve) => (openGate = resolve));
let settled: Promise<void> | null = null;

/** Resolves in an idle period (requestIdleCallback, with a timeout fallback where missing). */
export function whenIdle(timeoutMs = IDLE_TIMEOUT_MS): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestIdleCallback === 'function') {
			requestIdleCallback(() => resolve(), { timeout: timeoutMs });
		} else {
			// Safari has no requestIdleCallback: the next task after the current work.
			setTimeout(resolve, 1);
		}
	});
}

/**
 * After the next rendered frame, so resize observers (which start the map) have run. Hidden
 * tabs render no frames: a timer stands in.
 */
function afterNextFrame(): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, FRAME_TIMEOUT_MS);
		requestAnimationFrame(() => {
			clearTimeout(timer);
			setTimeout(resolve, 0);
		});
	});
}

/** Keeps start-up open until `work` settles (or MAX_HOLD_MS passes); returns `work`. */
export function holdStartup<T>(work: Promise<T>): Promise<T> {
	const bounded = Promise.race([work, new Promise((r) => setTimeout(r, MAX_HOLD_MS))]);
	const entry = bounded.then(
		() => undefined,
		() => undefined
	);
	holds.add(entry);
	void entry.then(() => holds.delete(entry));
	return work;
}

/** Called once by the root layout when the app has mounted (hydrated or booted offline). */
export function startupMounted() {
	openGate();
}

/** Resolves once start-up is over (at once from then on). */
export function afterStartup(): Promise<void> {
	settled ??= (async () => {
		await mounted;
		await afterNextFrame();
		await whenIdle();
		while (holds.size > 0) {
			await Promise.all(holds);
			await whenIdle();
		}
	})();
	return settled;
}
