/**
 * Many cities on one server, as a resident meets them: each city's pages under /c/<city>/,
 * the default city at `/` as always, a chooser in the header when there is more than one,
 * place pages of any city at /places/<id>, and every city looked at kept offline.
 *
 * The server serves the packs directory (`packs/`, as `npm start` does). The cities expected
 * are read from that directory, so the two-city part runs with whatever packs the checkout
 * holds: with Tsurugashima alone it checks that no chooser is offered; with a second pack
 * (packs/tokorozawa) it walks through both cities, online and offline.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { countSavedPlaces, expect, test, waitForApp } from './fixtures';

interface PackJson {
	id: string;
	municipality: string;
}

/** The packs directory as the server reads it: each subdirectory with a pack.json, in id order. */
const CITIES: PackJson[] = readdirSync('packs')
	.filter((dir) => existsSync(join('packs', dir, 'pack.json')))
	.sort()
	.map((dir) => JSON.parse(readFileSync(join('packs', dir, 'pack.json'), 'utf8')) as PackJson);
const DEFAULT_CITY = 'tsurugashima';
const OTHERS = CITIES.filter((c) => c.id !== DEFAULT_CITY);

interface PackAnswer {
	pack: { id: string; places: { id: string; name: string }[] };
	config: { cities?: { defaultCity: string; cities: { id: string; name: string }[] } };
}

/** Which cities this device holds a copy of (raw IndexedDB: the test knows no Dexie). */
function savedCities(): Promise<string[]> {
	return new Promise((resolve) => {
		const open = indexedDB.open('ibasho');
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onerror = () => resolve([]);
		open.onsuccess = () => {
			const db = open.result;
			if (!db.objectStoreNames.contains('packs')) return resolve(db.close() ?? []);
			const keys = db.transaction('packs').objectStore('packs').getAllKeys();
			keys.onsuccess = () => {
				db.close();
				resolve((keys.result as string[]).sort());
			};
			keys.onerror = () => resolve([]);
		};
	});
}

const tagline = (page: Page) => page.getByRole('banner').locator('.tagline');
const results = (page: Page) => page.getByRole('list', { name: /件/ }).getByRole('listitem');

test('the server holds the cities of the packs directory; an unknown city is a friendly 404', async ({
	page
}) => {
	expect(CITIES.map((c) => c.id)).toContain(DEFAULT_CITY);
	const answer = (await (await page.request.get('/api/pack')).json()) as PackAnswer;
	expect(answer.pack.id).toBe(DEFAULT_CITY);
	expect(answer.config.cities).toEqual({
		defaultCity: DEFAULT_CITY,
		cities: CITIES.map((c) => expect.objectContaining({ id: c.id, name: c.municipality }))
	});
	for (const city of CITIES) {
		const res = await page.request.get(`/api/pack?city=${city.id}`);
		expect(((await res.json()) as PackAnswer).pack.id).toBe(city.id);
		const csv = await page.request.get(`/api/places.csv?city=${city.id}`);
		expect(csv.headers()['content-disposition']).toContain(`${city.id}-places.csv`);
	}
	for (const path of [
		'/api/pack',
		'/api/pack/geometry',
		'/api/places.csv',
		'/api/places.geojson'
	]) {
		const res = await page.request.get(`${path}?city=nowhere`);
		expect(res.status()).toBe(404);
		expect(((await res.json()) as { reason: string }).reason).toBe('unknown_city');
	}

	const res = await page.goto('/c/nowhere');
	expect(res?.status()).toBe(404);
	await expect(page.getByRole('alert')).toContainText('この市町村は見つかりませんでした');
	await expect(page.getByRole('link', { name: 'トップページに戻る' })).toBeVisible();
});

test('/c/tsurugashima is the same city as /, named from its pack, and opens offline', async ({
	context,
	page
}) => {
	const publicCount = (
		(await (await page.request.get('/api/places.geojson')).json()) as { features: unknown[] }
	).features.length;
	await page.goto('/c/tsurugashima');
	await waitForApp(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('つどいの場・避難所をさがす');
	await expect(tagline(page)).toHaveText('鶴ヶ島市のつどいの場・避難所さがし');
	await expect(results(page)).toHaveCount(publicCount);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(countSavedPlaces)).toBeGreaterThan(30);

	await context.setOffline(true);
	const cold = await context.newPage();
	await cold.goto('/c/tsurugashima/districts/minami');
	await waitForApp(cold);
	await expect(cold.getByRole('heading', { level: 1 })).toHaveText('南小学校区');
	await expect(tagline(cold)).toHaveText('鶴ヶ島市のつどいの場・避難所さがし');
	await context.setOffline(false);
	await cold.close();
});

test(`a chooser in the header when the server has more than one city (${CITIES.length} in packs/)`, async ({
	context,
	page
}) => {
	await page.goto('/');
	await waitForApp(page);
	await expect(tagline(page)).toHaveText('鶴ヶ島市のつどいの場・避難所さがし');
	const chooser = page.getByRole('banner').getByRole('link', { name: 'ほかの市町村' });
	// The count the packs directory gives decides what this test walks through.
	await expect(chooser).toHaveCount(CITIES.length > 1 ? 1 : 0);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(countSavedPlaces)).toBeGreaterThan(30);

	for (const city of OTHERS) {
		const answer = (await (
			await page.request.get(`/api/pack?city=${city.id}`)
		).json()) as PackAnswer;
		await chooser.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('市町村をえらぶ');
		await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(CITIES.length);
		await page.getByRole('main').getByRole('link', { name: city.municipality }).click();
		await expect(page).toHaveURL(new RegExp(`/c/${city.id}$`));
		await expect(tagline(page)).toHaveText(`${city.municipality}のつどいの場・避難所さがし`);
		await expect(results(page)).toHaveCount(answer.pack.places.length);

		// A place of this city: the same /places/<id> URL as every city's, this city's header.
		const place = answer.pack.places[0];
		if (place) {
			await page.getByRole('link', { name: place.name, exact: true }).first().click();
			await expect(page).toHaveURL(new RegExp(`/places/${place.id}$`));
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(place.name);
			await expect(tagline(page)).toHaveText(`${city.municipality}のつどいの場・避難所さがし`);
			await expect(page.getByRole('link', { name: '一覧に戻る' })).toHaveAttribute(
				'href',
				`/c/${city.id}`
			);
		}
		await expect.poll(() => page.evaluate(savedCities)).toContain(city.id);
	}

	// Every city looked at is on the phone: with no signal, the chooser still leads to each.
	await context.setOffline(true);
	for (const city of OTHERS) {
		const cold = await context.newPage();
		await cold.goto(`/c/${city.id}`);
		await waitForApp(cold);
		await expect(cold.getByTestId('offline-indicator')).toBeVisible();
		await expect(tagline(cold)).toHaveText(`${city.municipality}のつどいの場・避難所さがし`);
		await cold.getByRole('banner').getByRole('link', { name: 'ほかの市町村' }).click();
		await cold.getByRole('main').getByRole('link', { name: '鶴ヶ島市' }).click();
		await expect(cold).toHaveURL(/\/$/);
		await expect(tagline(cold)).toHaveText('鶴ヶ島市のつどいの場・避難所さがし');
		await expect(results(cold).first()).toBeVisible();
		await cold.close();
	}
	await context.setOffline(false);
});

test('each city installs as its own app: the default city’s manifest as before, others named from their pack', async ({
	page
}) => {
	await page.goto('/');
	await waitForApp(page);
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
		'href',
		'/manifest.webmanifest'
	);
	for (const city of OTHERS) {
		await page.goto(`/c/${city.id}`);
		await waitForApp(page);
		const link = page.locator('link[rel="manifest"]');
		await expect(link).toHaveCount(1);
		await expect(link).toHaveAttribute('href', `/c/${city.id}/manifest.webmanifest`);
		const res = await page.request.get(`/c/${city.id}/manifest.webmanifest`);
		expect(res.headers()['content-type']).toContain('application/manifest+json');
		const manifest = (await res.json()) as {
			name: string;
			id: string;
			start_url: string;
			shortcuts: { url: string }[];
		};
		expect(manifest.name).toContain(city.municipality);
		expect(manifest.name).not.toContain('鶴ヶ島');
		expect(manifest.id).toBe(`/c/${city.id}/`);
		expect(manifest.start_url).toBe(`/c/${city.id}`);
		for (const s of manifest.shortcuts) expect(s.url.startsWith(`/c/${city.id}`)).toBe(true);
	}
	expect((await page.request.get('/c/nowhere/manifest.webmanifest')).status()).toBe(404);
});
