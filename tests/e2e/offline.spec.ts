import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { countSavedPlaces, expect, test, waitForApp } from './fixtures';

/** One online visit, as a resident would make: the worker installs, the pack is saved. */
async function visitOnce(page: Page) {
	await page.goto('/');
	await waitForApp(page);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	// The pack snapshot is in IndexedDB (read with the raw API: the test knows no Dexie).
	await expect.poll(() => page.evaluate(countSavedPlaces)).toBeGreaterThan(30);
}

test.describe('works with no signal after one visit', () => {
	test('reload and cold start offline: list, search, near me, place, district, print', async ({
		context,
		page
	}) => {
		await visitOnce(page);
		// Every public place, whatever other tests registered: counted while still online.
		const publicCount = (await (await page.request.get('/api/places.geojson')).json()).features
			.length;
		await context.setOffline(true);
		await expect(page.getByTestId('offline-indicator')).toBeVisible();

		await page.reload();
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('つどいの場・避難所をさがす');
		await expect(page.getByTestId('offline-indicator')).toBeVisible();
		await expect(page.getByRole('list', { name: /件/ }).getByRole('listitem')).toHaveCount(
			publicCount
		);

		// A new page, as after the phone closed the browser: boots from the service worker.
		const cold = await context.newPage();
		await cold.goto('/?q=ｾﾝﾀｰ');
		await waitForApp(cold);
		await expect(cold.getByTestId('offline-indicator')).toBeVisible();
		const list = cold.getByRole('list', { name: /件/ });
		await expect(list.getByRole('listitem').first()).toContainText('センター');
		for (const name of await list.getByRole('heading').allTextContents())
			expect(name).toMatch(/センター/);

		// Near me works offline: geolocation needs no network.
		await context.grantPermissions(['geolocation']);
		await context.setGeolocation({ longitude: 139.3982, latitude: 35.9346 });
		await cold.getByRole('button', { name: '現在地から近い順' }).click();
		await expect(cold.locator('.near [role="status"]')).toContainText('現在地から近い順');
		await expect(list.getByRole('listitem').first()).toContainText('直線距離');

		await cold.goto('/places/shelter-E1124100005');
		await waitForApp(cold);
		await expect(cold.getByRole('heading', { level: 1 })).toHaveText('北市民センター');

		await cold.goto('/districts/minami');
		await waitForApp(cold);
		await expect(cold.getByRole('heading', { level: 1 })).toHaveText('南小学校区');
		await expect(cold.getByRole('table')).toContainText('避難所');

		await cold.goto('/districts/minami/print');
		await waitForApp(cold);
		await expect(cold.getByRole('img', { name: '南小学校区' })).toBeVisible();
		await expect(cold.getByRole('table')).toContainText('鶴ヶ島市立南小学校');

		await context.setOffline(false);
		await expect(cold.getByTestId('offline-indicator')).toBeHidden();
		await cold.close();
	});

	test('English with no signal: the strings a Japanese reader never downloaded come from the device', async ({
		context,
		page
	}) => {
		await visitOnce(page);
		await context.setOffline(true);
		await expect(page.getByTestId('offline-indicator')).toBeVisible();

		await page.goto('/settings');
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('設定');
		await page.getByLabel('言語 / Language').selectOption('en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');

		// A new page, as the next day: English from the start, still offline.
		const cold = await context.newPage();
		await cold.goto('/');
		await waitForApp(cold);
		await expect(cold.getByRole('heading', { level: 1 })).toHaveText(
			'Find gathering places and shelters'
		);
		await context.setOffline(false);
		await cold.close();
	});
});

test.describe('offline is what the app observes, not what the browser claims', () => {
	test('a network that reaches nothing: reload and cold start show the offline state, which goes when the server answers', async ({
		baseURL,
		context,
		page
	}) => {
		await visitOnce(page);
		// The phone keeps its Wi-Fi, but the Wi-Fi reaches nothing (a router with no line, a
		// hotel network before its sign-in page): the browser still says it is online.
		const server = new URL(baseURL!).origin + '/**';
		await context.route(server, (route) => route.abort('internetdisconnected'));

		await page.reload();
		await waitForApp(page);
		expect(await page.evaluate(() => navigator.onLine)).toBe(true);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('つどいの場・避難所をさがす');
		await expect(page.getByTestId('offline-indicator')).toBeVisible();

		const cold = await context.newPage();
		await cold.goto('/districts/minami');
		await waitForApp(cold);
		await expect(cold.getByRole('heading', { level: 1 })).toHaveText('南小学校区');
		await expect(cold.getByTestId('offline-indicator')).toBeVisible();

		// The line comes back: no browser event says so, the app's heartbeat finds out (it backs
		// off to one every 30 s at most).
		await context.unroute(server);
		await expect(cold.getByTestId('offline-indicator')).toBeHidden({ timeout: 35_000 });
		await expect(page.getByTestId('offline-indicator')).toBeHidden({ timeout: 35_000 });
		await cold.close();
	});
});

test.describe('installable', () => {
	// Chromium never offers to install from an incognito profile, which is what a default test
	// context is: check from a persistent profile, as a real phone browser would have.
	test('Chromium reports no installability errors', async ({ baseURL }) => {
		const profile = mkdtempSync(join(tmpdir(), 'ibasho-profile-'));
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS,
			baseURL
		});
		try {
			const page = await context.newPage();
			await page.goto('/');
			await waitForApp(page);
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
			});
			const cdp = await context.newCDPSession(page);
			await expect
				.poll(async () => {
					const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
					return installabilityErrors.map((e) => e.errorId);
				})
				.toEqual([]);
			const manifest = await (await page.request.get('/manifest.webmanifest')).json();
			expect(manifest.lang).toBe('ja');
			expect(manifest.display).toBe('standalone');
			expect(manifest.icons.map((i: { purpose: string }) => i.purpose)).toContain('maskable');
		} finally {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	});
});
