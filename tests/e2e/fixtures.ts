/**
 * Shared e2e fixtures. Every page blocks the public OpenStreetMap tile host: tests never
 * reach the internet, and the app must stay useful with no tiles at all.
 */
import { test as base, expect } from '@playwright/test';
import { FindPage } from './pages/find-page';

export const TILE_HOSTS = /tile\.openstreetmap\.org/;

export const test = base.extend<{ findPage: FindPage }>({
	context: async ({ context }, use) => {
		await context.route(TILE_HOSTS, (route) => route.abort('internetdisconnected'));
		await use(context);
	},
	findPage: async ({ page }, use) => {
		await use(new FindPage(page));
	}
});

export { expect };

export async function waitForApp(page: import('@playwright/test').Page) {
	await page.locator('body[data-hydrated]').waitFor();
}

/**
 * Places saved in the pack's chunks (run in the page: `page.evaluate(countSavedPlaces)`); never
 * creates or upgrades the app's database itself. The page saves the pack once its start-up is
 * over: a test that goes offline after one visit waits for this first.
 */
export async function countSavedPlaces(): Promise<number> {
	if (!(await indexedDB.databases()).some((d) => d.name === 'ibasho')) return 0;
	return new Promise<number>((resolve) => {
		const open = indexedDB.open('ibasho');
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onerror = () => resolve(0);
		open.onsuccess = () => {
			const db = open.result;
			if (!db.objectStoreNames.contains('packChunks')) return resolve(db.close() ?? 0);
			const all = db.transaction('packChunks').objectStore('packChunks').getAll();
			all.onsuccess = () => {
				db.close();
				resolve((all.result as { places: unknown[] }[]).reduce((n, c) => n + c.places.length, 0));
			};
			all.onerror = () => resolve(0);
		};
	});
}
