/**
 * Offline for residents. Precaches the build, the static files, the SPA boot shell and the
 * district outlines; place data lives in IndexedDB (the page's job, not this worker's).
 * - Navigations: the network (server-rendered, freshest) if it answers within a few seconds,
 *   otherwise the boot shell, which renders any URL from IndexedDB.
 * - Map tiles: kept as they are viewed, bounded by count and age (never bulk-fetched here).
 * - A new version waits for the person's "更新" (SKIP_WAITING message from workbox-window).
 * - API requests are not routed here (only the precached /api/pack/geometry): the sync calls
 *   and the live notices' event stream (/api/sync/events) go to the network untouched.
 * - The first version takes control of the pages already open as soon as it is active: people
 *   sign in at the office and lose the signal on the way, so the very page that installed this
 *   worker must load its remaining code (each screen's chunks, all precached) from here.
 */
import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { self } from '$app/service-worker';
import { ExpirationPlugin } from 'workbox-expiration';
import {
	cleanupOutdatedCaches,
	matchPrecache,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { OFFLINE_TILE_CACHE, TILE_CACHE, TILE_PATH } from '#lib/map/tile-math.js';

const SHELL = '/offline-shell.html';
/** On a weak signal, give up on the network after this and boot from the cache. */
const NAVIGATION_TIMEOUT_MS = 4000;

/** $app/manifest paths are relative to the base path; the app is served at the origin's root. */
const rooted = (path: string): string => (path.startsWith('/') ? path : `/${path}`);

const precache: PrecacheEntry[] = [
	// Hashed file names: the URL is the revision.
	...immutable.map(({ path }) => ({ url: rooted(path), revision: null })),
	...assets
		.map(({ path }) => rooted(path))
		// The manifest's screenshots are for the browser's install dialog, fetched only then.
		.filter(
			(url) =>
				!/\.(gz|br)$/.test(url) && !url.endsWith('/.gitkeep') && !url.startsWith('/screenshots/')
		)
		.map((url) => ({ url, revision: version })),
	{ url: SHELL, revision: version },
	// District outlines are built from the pack's source files: they change with a deploy.
	{ url: '/api/pack/geometry', revision: version }
];

precacheAndRoute(precache);
cleanupOutdatedCaches();

async function fetchWithTimeout(request: Request, ms: number): Promise<Response> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), ms);
	try {
		return await fetch(request, { signal: controller.signal });
	} finally {
		clearTimeout(timer);
	}
}

/** Calendar files (.ics) are plain files, not pages: the boot shell is no answer for them. */
const CALENDAR_PATH = /\.ics$/;

registerRoute(
	new NavigationRoute(
		async ({ request }) => {
			try {
				return await fetchWithTimeout(request, NAVIGATION_TIMEOUT_MS);
			} catch {
				const shell = await matchPrecache(SHELL);
				return shell ?? Response.error();
			}
		},
		{ denylist: [CALENDAR_PATH] }
	)
);

// A calendar a person opened once opens again with no signal: the last copy, kept per URL.
registerRoute(
	({ url }) => url.origin === self.location.origin && CALENDAR_PATH.test(url.pathname),
	new NetworkFirst({
		cacheName: 'ibasho-calendars',
		networkTimeoutSeconds: 4,
		plugins: [new ExpirationPlugin({ maxEntries: 60, purgeOnQuotaError: true })]
	})
);

const viewedTiles = new CacheFirst({
	cacheName: TILE_CACHE,
	plugins: [
		// About 20 MB at ~15 KB a tile: enough for the neighbourhoods a person looks at.
		new ExpirationPlugin({
			maxEntries: 1500,
			maxAgeSeconds: 30 * 24 * 60 * 60,
			purgeOnQuotaError: true
		})
	]
});

registerRoute(
	({ request, url }) =>
		request.destination === 'image' &&
		url.origin !== self.location.origin &&
		TILE_PATH.test(url.pathname),
	async (options) => {
		const saved = await caches.match(options.request, { cacheName: OFFLINE_TILE_CACHE });
		return saved ?? viewedTiles.handle(options);
	}
);

// Claiming only reaches pages no worker controls: with no worker before, that is the page that
// installed this one. An update is unaffected: it still waits for SKIP_WAITING (never skipped at
// install), and the pages the old worker controls move to it only then. Install finishes only
// once every precache entry is stored, so a claimed page finds all of its code here.
// (workbox-core's clientsClaim does the same without waitUntil; it is not a direct dependency.)
self.addEventListener('activate', (event) => {
	event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
