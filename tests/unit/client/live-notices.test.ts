/**
 * The page's live notices: it pulls when a new connection is ready and on each notice, stays
 * closed while the app is offline or hidden, and falls back to polling (closes, tries again
 * later) when the stream is refused, held back by a buffering proxy, or goes silent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '#lib/client/connectivity-machine.js';
import {
	FALLBACK_RETRY_MS,
	LiveNotices,
	READY_TIMEOUT_MS,
	SILENCE_MS,
	type LiveSource
} from '#lib/client/sync/live-notices.js';

/** An EventSource the test drives: `emit` delivers a server event, `fail` an error. */
class FakeSource implements LiveSource {
	readyState = 0;
	closed = false;
	onerror: ((this: never, ev: Event) => unknown) | null = null;
	readonly #listeners = new Map<string, (() => void)[]>();
	constructor(readonly url: string) {}
	addEventListener(type: string, listener: () => void) {
		this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
	}
	close() {
		this.closed = true;
		this.readyState = 2;
	}
	emit(type: string) {
		this.readyState = 1;
		for (const l of this.#listeners.get(type) ?? []) l();
	}
	fail(readyState: 0 | 2) {
		this.readyState = readyState;
		(this.onerror as unknown as (ev: Event) => void)?.(new Event('error'));
	}
}

class FakeConnectivity {
	online = true;
	seen: Observation[] = [];
	#listeners: ((online: boolean) => void)[] = [];
	observe(o: Observation) {
		this.seen.push(o);
	}
	onChange(listener: (online: boolean) => void) {
		this.#listeners.push(listener);
		return () => (this.#listeners = this.#listeners.filter((l) => l !== listener));
	}
	set(online: boolean) {
		this.online = online;
		for (const l of this.#listeners) l(online);
	}
}

let sources: FakeSource[];
let connectivity: FakeConnectivity;
let pulls: number;
let page: EventTarget & { visibilityState: DocumentVisibilityState };
let stop: () => void;

const latest = () => sources.at(-1)!;
const open = () => sources.filter((s) => !s.closed);

beforeEach(() => {
	vi.useFakeTimers();
	sources = [];
	connectivity = new FakeConnectivity();
	pulls = 0;
	page = Object.assign(new EventTarget(), {
		visibilityState: 'visible' as DocumentVisibilityState
	});
	vi.stubGlobal('document', page);
	const notices = new LiveNotices({
		connectivity,
		onNotice: () => void pulls++,
		open: (url) => {
			const source = new FakeSource(url);
			sources.push(source);
			return source;
		}
	});
	stop = notices.start();
});

afterEach(() => {
	stop();
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('while online', () => {
	it('opens one stream, pulls once when it is ready and once per notice', () => {
		expect(sources.map((s) => s.url)).toEqual(['/api/sync/events']);
		expect(pulls).toBe(0);
		latest().emit('ready');
		expect(pulls).toBe(1);
		latest().emit('change');
		latest().emit('change');
		expect(pulls).toBe(3);
		latest().emit('ping');
		expect(pulls).toBe(3);
		expect(connectivity.seen.every((o) => o === 'reached')).toBe(true);
		expect(connectivity.seen).toHaveLength(4);
	});

	it('does not pull again when the browser reconnects the same stream (it resumes from its last seq)', () => {
		latest().emit('ready');
		latest().fail(0); // the server ended the response; EventSource reconnects itself
		latest().emit('ready');
		expect(pulls).toBe(1);
		expect(sources).toHaveLength(1);
		expect(connectivity.seen).not.toContain('failed');
	});
});

describe('falls back to polling', () => {
	it('when the stream is refused, and tries again later', () => {
		latest().fail(2); // an error status or not an event stream: EventSource gives up
		expect(open()).toHaveLength(0);
		vi.advanceTimersByTime(FALLBACK_RETRY_MS - 1);
		expect(sources).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(open()).toHaveLength(1);
		latest().emit('ready');
		expect(pulls).toBe(1);
	});

	it('when a proxy holds back the first event', () => {
		vi.advanceTimersByTime(READY_TIMEOUT_MS);
		expect(open()).toHaveLength(0);
		vi.advanceTimersByTime(FALLBACK_RETRY_MS);
		expect(open()).toHaveLength(1);
	});

	it('when the stream goes silent: a new connection, which pulls at once', () => {
		latest().emit('ready');
		vi.advanceTimersByTime(SILENCE_MS);
		expect(sources).toHaveLength(2);
		expect(sources[0]!.closed).toBe(true);
		latest().emit('ready');
		expect(pulls).toBe(2);
	});
});

describe('offline and in the background', () => {
	it('closes when the app goes offline and, back online, opens a new stream that pulls at once', () => {
		latest().emit('ready');
		connectivity.set(false);
		expect(open()).toHaveLength(0);
		vi.advanceTimersByTime(FALLBACK_RETRY_MS * 3);
		expect(sources).toHaveLength(1); // nothing tried while offline
		connectivity.set(true);
		expect(open()).toHaveLength(1);
		latest().emit('ready');
		expect(pulls).toBe(2);
	});

	it('closes in the background and opens again in the foreground', () => {
		page.visibilityState = 'hidden';
		page.dispatchEvent(new Event('visibilitychange'));
		expect(open()).toHaveLength(0);
		page.visibilityState = 'visible';
		page.dispatchEvent(new Event('visibilitychange'));
		expect(open()).toHaveLength(1);
	});

	it('stops for good when sync stops (signed out)', () => {
		stop();
		expect(open()).toHaveLength(0);
		connectivity.set(false);
		connectivity.set(true);
		vi.advanceTimersByTime(FALLBACK_RETRY_MS * 2);
		expect(open()).toHaveLength(0);
	});
});
