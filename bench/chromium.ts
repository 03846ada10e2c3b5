/**
 * The headless Chromium the in-page sections (`offline-repeat`, `idb-places`, `map-redraw`) run
 * in: the system build at /usr/bin/chromium, launched with a **persistent profile** in a fresh
 * temporary directory that is deleted afterwards.
 *
 * Why persistent: a Playwright `browser.newContext()` is an off-the-record (incognito) profile,
 * where Chromium keeps IndexedDB and Cache Storage in memory. A phone keeps them on disk, and
 * disk is what offline starts and 150,000-place writes are limited by, so an in-memory profile
 * would flatter exactly what these sections measure.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from '@playwright/test';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** No background traffic of Chromium's own: there is no internet, and it would be noise. */
export const CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic'
];

/** True for OpenStreetMap tile hosts: never fetched (no internet, and not measured). */
export const isOsmTile = (url: URL): boolean =>
	url.hostname === 'tile.openstreetmap.org' || url.hostname.endsWith('.tile.openstreetmap.org');

/**
 * Runs `fn` in a fresh on-disk profile and always closes the browser and deletes the profile
 * afterwards. Requests to OpenStreetMap tiles are aborted.
 */
export async function withProfile<T>(
	options: BrowserContextOptions,
	fn: (context: BrowserContext) => Promise<T>
): Promise<T> {
	const dir = await mkdtemp(join(tmpdir(), 'ibasho-bench-'));
	try {
		const context = await chromium.launchPersistentContext(dir, {
			...options,
			executablePath: CHROMIUM_PATH,
			args: [...CHROMIUM_ARGS],
			headless: true
		});
		try {
			await context.route(isOsmTile, (route) => route.abort());
			return await fn(context);
		} finally {
			await context.close();
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
