/**
 * A new service worker waits until the person chooses to update ("新しいバージョンがあります
 * — 更新"): a page never reloads under someone's fingers. Updating only swaps cached code;
 * IndexedDB (places, unsent edits) is untouched by a service worker change.
 */

/** The part of workbox-window's Workbox this needs; tests pass a fake. */
export interface UpdatableWorker {
	addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
	messageSkipWaiting(): void;
}

export class AppUpdate {
	available = $state(false);
	applying = $state(false);

	constructor(private readonly reload: () => void = () => location.reload()) {}

	attach(worker: UpdatableWorker) {
		worker.addEventListener('waiting', () => (this.available = true));
		// Only reload for a takeover the person asked for, not for the very first install.
		worker.addEventListener('controlling', () => {
			if (this.applying) this.reload();
		});
		this.worker = worker;
	}

	apply() {
		if (!this.worker || !this.available) return;
		this.applying = true;
		this.worker.messageSkipWaiting();
	}

	private worker: UpdatableWorker | null = null;
}

export const appUpdate = new AppUpdate();

/** Registers /service-worker.js (an ES module since Kit 3) with workbox-window (production builds only). */
export async function registerServiceWorker(update: AppUpdate = appUpdate) {
	if (!('serviceWorker' in navigator)) return;
	const { Workbox } = await import('workbox-window');
	const wb = new Workbox('/service-worker.js', { type: 'module' });
	update.attach(wb);
	await wb.register();
}
