import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connectivity, connectivity, fetchObserved } from '#lib/client/connectivity.svelte.js';

/** The browser around the driver: its events, the page's visibility, `fetch` and a fake clock. */
let browser: EventTarget;
let page: EventTarget & { visibilityState: DocumentVisibilityState };
let server: ReturnType<typeof vi.fn>;
const answers = {
	server: () =>
		new Response('{"lang":"ja","largeText":false}', {
			headers: { 'content-type': 'application/json' }
		}),
	portal: () =>
		new Response('<html>Sign in to the Wi-Fi</html>', {
			headers: { 'content-type': 'text/html' }
		}),
	none: () => Promise.reject(new TypeError('Failed to fetch'))
};

beforeEach(() => {
	vi.useFakeTimers();
	browser = new EventTarget();
	page = Object.assign(new EventTarget(), {
		visibilityState: 'visible' as DocumentVisibilityState
	});
	server = vi.fn(answers.none);
	vi.stubGlobal('addEventListener', browser.addEventListener.bind(browser));
	vi.stubGlobal('removeEventListener', browser.removeEventListener.bind(browser));
	vi.stubGlobal('document', page);
	vi.stubGlobal('navigator', { onLine: true });
	vi.stubGlobal('fetch', server);
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

/** Runs the timers due in the next `ms` and lets the heartbeat's answer arrive. */
async function wait(ms: number) {
	await vi.advanceTimersByTimeAsync(ms);
}

describe('the app follows what it observes', () => {
	it('a page booted offline while the browser claims to be online: offline until a heartbeat reaches the server, then back at once', async () => {
		const c = new Connectivity();
		const changes: boolean[] = [];
		c.onChange((online) => changes.push(online));
		const stop = c.start();
		expect(c.online).toBe(true); // navigator.onLine === true: not trusted, not doubted either

		c.observe('failed'); // the pack request of the offline boot
		expect(c.online).toBe(false);
		expect(server).not.toHaveBeenCalled();

		await wait(2_000);
		expect(server).toHaveBeenCalledTimes(1);
		const [url, init] = server.mock.calls[0]!;
		expect(url).toBe('/api/prefs');
		expect(init.cache).toBe('no-store');
		expect(c.online).toBe(false);

		await wait(3_999);
		expect(server).toHaveBeenCalledTimes(1); // backing off: the next one after 4 s
		server.mockImplementation(answers.server);
		await wait(1);
		expect(server).toHaveBeenCalledTimes(2);
		expect(c.online).toBe(true);
		expect(changes).toEqual([false, true]);

		await wait(10 * 60_000);
		expect(server).toHaveBeenCalledTimes(2); // online: no polling
		stop();
	});

	it('starts offline when the browser knows there is no network', () => {
		vi.stubGlobal('navigator', { onLine: false });
		const c = new Connectivity();
		c.start();
		expect(c.online).toBe(false);
	});

	it("the browser's online event only starts a check; a captive portal's page is not the server", async () => {
		const c = new Connectivity();
		c.start();
		browser.dispatchEvent(new Event('offline'));
		expect(c.online).toBe(false);

		server.mockImplementation(answers.portal);
		browser.dispatchEvent(new Event('online'));
		expect(c.online).toBe(false);
		await wait(0);
		expect(server).toHaveBeenCalledTimes(1);
		expect(c.online).toBe(false);

		server.mockImplementation(answers.server);
		browser.dispatchEvent(new Event('online'));
		await wait(0);
		expect(c.online).toBe(true);
	});

	it('a hidden page sends no heartbeat; back in the foreground it checks at once', async () => {
		const c = new Connectivity();
		c.start();
		c.observe('failed');
		page.visibilityState = 'hidden';
		await wait(60_000);
		expect(server).not.toHaveBeenCalled();

		server.mockImplementation(answers.server);
		page.visibilityState = 'visible';
		page.dispatchEvent(new Event('visibilitychange'));
		await wait(0);
		expect(server).toHaveBeenCalledTimes(1);
		expect(c.online).toBe(true);
	});

	it('a heartbeat that hangs is abandoned as failed', async () => {
		const c = new Connectivity();
		c.start();
		c.observe('failed');
		server.mockImplementation(
			(_url: string, init: RequestInit) =>
				new Promise((_resolve, reject) =>
					init.signal!.addEventListener('abort', () => reject(new DOMException('', 'AbortError')))
				)
		);
		await wait(2_000);
		expect(server).toHaveBeenCalledTimes(1);
		await wait(8_000);
		expect(c.online).toBe(false);
		server.mockImplementation(answers.server);
		await wait(4_000); // the next heartbeat, after the longer wait
		expect(server).toHaveBeenCalledTimes(2);
		expect(c.online).toBe(true);
	});
});

describe('fetchObserved: each request to the server counts', () => {
	beforeEach(() => connectivity.observe('reached'));

	it('a network error is offline; any answer of the server is online again', async () => {
		await expect(fetchObserved('/api/auth/me')).rejects.toThrow('Failed to fetch');
		expect(connectivity.online).toBe(false);
		server.mockImplementation(() => new Response(null, { status: 401 }));
		expect((await fetchObserved('/api/auth/me')).status).toBe(401);
		expect(connectivity.online).toBe(true);
	});

	it("a gateway's 502–504 is not the server", async () => {
		server.mockImplementation(() => new Response(null, { status: 503 }));
		expect((await fetchObserved('/api/sync/pull')).status).toBe(503);
		expect(connectivity.online).toBe(false);
	});

	it('a request timed out is offline; one the caller cancelled tells nothing', async () => {
		server.mockImplementation(() => Promise.reject(new DOMException('', 'AbortError')));
		await expect(fetchObserved('/api/audit')).rejects.toThrow();
		expect(connectivity.online).toBe(true);
		server.mockImplementation(() => Promise.reject(new DOMException('', 'TimeoutError')));
		await expect(fetchObserved('/api/audit')).rejects.toThrow();
		expect(connectivity.online).toBe(false);
	});
});
