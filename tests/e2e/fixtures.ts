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
