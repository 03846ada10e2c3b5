/**
 * `offline-repeat`: a repeat visit to `/` on a phone with no network — the app's offline
 * promise. Headless Chromium as a Pixel 7 (Playwright's `devices['Pixel 7']`), on-disk profile
 * (bench/chromium.ts), against the production build (`node build`, in-memory database).
 *
 * 1. One online visit to `/`; wait until the service worker is active
 *    (`navigator.serviceWorker.ready`, so the precache is complete) and the pack has been saved
 *    to IndexedDB (`ibasho` › `places` holds more than 30 rows, counted with the raw IndexedDB
 *    API). That page is then closed, as a person closes the app.
 * 2. `context.setOffline(true)`; 7 times: a fresh page in the same profile runs
 *    `page.goto('/')`, timed from the call until the list is usable — `body[data-hydrated]` is
 *    present and the results list (role `list`, accessible name containing 件) has a visible
 *    `listitem`. Target: p95 ≤ 500 ms (with 7 runs p95 is the slowest run).
 * 3. The same offline visit 7 times with the service worker stopped first (DevTools protocol
 *    `ServiceWorker.stopAllWorkers`), as after the phone put the idle worker to sleep: its
 *    start-up is then part of the visit (report only).
 * 4. The same 7 times online, for comparison (report only).
 *
 * When the list became usable is taken in the page, not from Playwright's waits: an init script
 * watches the DOM (MutationObserver) and notes `Date.now()` the moment both conditions hold, so
 * the figure is not inflated by Playwright's polling and its round trips (100–200 ms here).
 * Start and end are both `Date.now()` on the same machine clock. Playwright's role-based waits
 * still have to succeed, so the DOM check cannot pass on something the accessibility tree would
 * not call a list of 件; their own wall time is kept in `values` (`observedMedianMs`).
 *
 * Each visit's HTML is checked: offline it must be the service worker's boot shell (no
 * server-rendered `<main id="main">`), online the server's page, so a visit that silently went
 * to the other side fails the section instead of reporting the wrong thing.
 * OpenStreetMap tiles are aborted (the server runs with TILE_URL=none anyway).
 */
import { devices, type BrowserContext, type Page } from '@playwright/test';
import { withProfile } from './chromium';
import { formatMs, formatTiming, summarize, timingValues } from './measure';
import { hasBuild, missingBuildRow, withProdServer } from './prod-server';
import { NO_TARGET, type Row } from './section';

const TARGET_MS = 500;
const RUNS = 7;
/** The pack has been saved once this many places are on the device (the real pack has more). */
const MIN_SAVED_PLACES = 30;
const PRIME_TIMEOUT_MS = 30_000;
/** Server-rendered pages carry the layout's `<main>`; the SPA boot shell does not. */
const SSR_MARKER = 'id="main"';

/**
 * Notes in `window.__benchUsableAt` the `Date.now()` at which the page first is hydrated and
 * lists at least one result: a list labelled with 件 (the app's `aria-label`) holding an item.
 * A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
 */
const USABLE_DETECTOR = `(() => {
	const usable = () =>
		document.body?.hasAttribute('data-hydrated') &&
		document.querySelector(
			'ol[aria-label*="件"] > li, ul[aria-label*="件"] > li, [role="list"][aria-label*="件"] [role="listitem"]'
		) !== null;
	const observer = new MutationObserver(() => {
		if (!usable()) return;
		window.__benchUsableAt = Date.now();
		observer.disconnect();
	});
	observer.observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-hydrated']
	});
})();`;

type Mode = 'offline' | 'offline, worker stopped' | 'online';

interface Visit {
	/** `page.goto` call → usable, as noted in the page. */
	ms: number;
	/** `page.goto` call → Playwright's waits returned. */
	observedMs: number;
}

/** Rows in `ibasho` › `places`, or 0 while the database or store does not exist yet. */
async function savedPlaceCount(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const names = await indexedDB.databases();
		if (!names.some((d) => d.name === 'ibasho')) return 0;
		return new Promise<number>((resolve) => {
			const request = indexedDB.open('ibasho');
			// Never create or upgrade the app's database from here: that would race the app.
			request.onupgradeneeded = () => request.transaction?.abort();
			request.onerror = () => resolve(0);
			request.onsuccess = () => {
				const db = request.result;
				// The downloaded pack lives in chunks of places (Dexie schema version 4).
				if (!db.objectStoreNames.contains('packChunks')) {
					db.close();
					resolve(0);
					return;
				}
				const count = db.transaction('packChunks', 'readonly').objectStore('packChunks').getAll();
				count.onsuccess = () => {
					db.close();
					resolve(
						(count.result as { places: unknown[] }[]).reduce((n, c) => n + c.places.length, 0)
					);
				};
				count.onerror = () => {
					db.close();
					resolve(0);
				};
			};
		});
	});
}

/** The online first visit that installs the service worker and saves the pack. */
async function prime(context: BrowserContext, url: string): Promise<number> {
	const page = await context.newPage();
	try {
		await page.goto(url, { waitUntil: 'load' });
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		const deadline = Date.now() + PRIME_TIMEOUT_MS;
		for (;;) {
			const count = await savedPlaceCount(page);
			if (count > MIN_SAVED_PLACES) return count;
			if (Date.now() > deadline) {
				throw new Error(
					`the pack was not saved to IndexedDB within ${PRIME_TIMEOUT_MS / 1000} s (${count} places)`
				);
			}
			await page.waitForTimeout(100);
		}
	} finally {
		await page.close();
	}
}

/** One timed cold visit in a fresh page; throws if the HTML came from the wrong side. */
async function visit(context: BrowserContext, url: string, mode: Mode): Promise<Visit> {
	const offline = mode !== 'online';
	const page = await context.newPage();
	try {
		if (mode === 'offline, worker stopped') {
			const cdp = await context.newCDPSession(page);
			await cdp.send('ServiceWorker.enable');
			await cdp.send('ServiceWorker.stopAllWorkers');
			await cdp.detach();
		}
		const startedAt = Date.now();
		const start = performance.now();
		const response = await page.goto(url, { waitUntil: 'commit' });
		await Promise.all([
			page.locator('body[data-hydrated]').waitFor({ state: 'attached' }),
			page.getByRole('list', { name: '件' }).getByRole('listitem').first().waitFor()
		]);
		const observedMs = performance.now() - start;
		const usableAt = await page.evaluate(
			() => (window as unknown as { __benchUsableAt?: number }).__benchUsableAt ?? null
		);
		if (usableAt === null) {
			throw new Error('the in-page detector never saw the list: has its markup changed?');
		}
		const html = (await response?.text()) ?? '';
		if (html.includes(SSR_MARKER) === offline) {
			throw new Error(
				offline
					? 'an offline visit got the server-rendered page: the service worker reached the network'
					: 'an online visit got the boot shell instead of the server-rendered page'
			);
		}
		return { ms: usableAt - startedAt, observedMs };
	} finally {
		await page.close();
	}
}

async function visits(context: BrowserContext, url: string, mode: Mode): Promise<Visit[]> {
	await context.setOffline(mode !== 'online');
	const samples: Visit[] = [];
	for (let i = 0; i < RUNS; i++) samples.push(await visit(context, url, mode));
	console.error(
		`  ${mode}: ${samples.map((v) => `${formatMs(v.ms)} (Playwright ${formatMs(v.observedMs)})`).join(', ')}`
	);
	return samples;
}

function row(mode: Mode, samples: readonly Visit[], withTarget: boolean): Row {
	const timing = summarize(samples.map((v) => v.ms));
	const observed = summarize(samples.map((v) => v.observedMs));
	return {
		benchmark: `offline-repeat: ${mode} repeat visit to / (Pixel 7)`,
		figure: `${formatTiming(timing)} · goto → hydrated + first list item`,
		target: withTarget ? `p95 ≤ ${TARGET_MS} ms` : NO_TARGET,
		ok: withTarget ? timing.p95 <= TARGET_MS : null,
		values: {
			...timingValues(timing),
			observedMedianMs: Math.round(observed.median),
			observedP95Ms: Math.round(observed.p95)
		}
	};
}

export async function run(): Promise<Row[]> {
	if (!hasBuild()) return [missingBuildRow('offline-repeat: offline repeat visit to /')];

	return withProdServer(({ origin }) =>
		withProfile(
			{ ...devices['Pixel 7'], locale: 'ja-JP', timezoneId: 'Asia/Tokyo' },
			async (context) => {
				const url = `${origin}/`;
				await context.addInitScript({ content: USABLE_DETECTOR });
				// The persistent profile opens with one blank page; it plays no part.
				await Promise.all(context.pages().map((page) => page.close()));
				const saved = await prime(context, url);
				console.error(`  primed online: service worker active, ${saved} places in IndexedDB`);

				const offline = await visits(context, url, 'offline');
				const stopped = await visits(context, url, 'offline, worker stopped');
				const online = await visits(context, url, 'online');
				const first = row('offline', offline, true);
				first.values = { ...first.values, savedPlaces: saved };
				return [
					first,
					row('offline, worker stopped', stopped, false),
					row('online', online, false)
				];
			}
		)
	);
}
