import { describe, expect, it, vi } from 'vitest';
import { AppUpdate, type UpdatableWorker } from '#lib/client/app-update.svelte.js';

/** A stand-in for workbox-window's Workbox: events are fired by the test. */
class FakeWorker implements UpdatableWorker {
	private listeners = new Map<string, (() => void)[]>();
	skipWaitingMessages = 0;
	addEventListener(type: 'waiting' | 'controlling', listener: () => void) {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
	}
	emit(type: 'waiting' | 'controlling') {
		for (const l of this.listeners.get(type) ?? []) l();
	}
	messageSkipWaiting() {
		this.skipWaitingMessages += 1;
	}
}

describe('service worker update flow', () => {
	it('offers an update when a new worker waits, and applies it only on request', () => {
		const reload = vi.fn();
		const update = new AppUpdate(reload);
		const worker = new FakeWorker();
		update.attach(worker);
		expect(update.available).toBe(false);

		worker.emit('waiting');
		expect(update.available).toBe(true);
		expect(worker.skipWaitingMessages).toBe(0); // nothing happens behind the person's back

		update.apply();
		expect(worker.skipWaitingMessages).toBe(1);
		worker.emit('controlling');
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('does not reload when a worker takes control without being asked (first install)', () => {
		const reload = vi.fn();
		const update = new AppUpdate(reload);
		const worker = new FakeWorker();
		update.attach(worker);
		worker.emit('controlling');
		expect(reload).not.toHaveBeenCalled();
	});

	it('ignores apply() when no update is waiting', () => {
		const update = new AppUpdate(vi.fn());
		const worker = new FakeWorker();
		update.attach(worker);
		update.apply();
		expect(worker.skipWaitingMessages).toBe(0);
	});
});
