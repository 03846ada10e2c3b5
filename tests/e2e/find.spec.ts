import { distanceMeters } from '../../src/lib/domain/geo';
import { expect, test, waitForApp } from './fixtures';

interface GeoFeature {
	geometry: { coordinates: [number, number] } | null;
	properties: { id: string; name: string; categories: string[]; district: string | null };
}

/** A point in central Tsurugashima (near 鶴ヶ島駅), chosen for the test. */
const HERE = { lng: 139.3982, lat: 35.9346 };

test.describe('resident finds places', () => {
	test('near me lists the nearest shelter first', async ({ context, findPage, request }) => {
		const features: GeoFeature[] = (await (await request.get('/api/places.geojson')).json())
			.features;
		const shelters = features
			.filter((f) => f.geometry && f.properties.categories.includes('shelter'))
			.map((f) => ({
				name: f.properties.name,
				d: distanceMeters(HERE, {
					lng: f.geometry!.coordinates[0],
					lat: f.geometry!.coordinates[1]
				})
			}))
			.sort((a, b) => a.d - b.d);
		expect(shelters.length).toBeGreaterThan(20);

		await context.grantPermissions(['geolocation']);
		await context.setGeolocation({ longitude: HERE.lng, latitude: HERE.lat });
		await findPage.open('?c=shelter');
		await findPage.nearMe.click();
		await expect(findPage.status).toContainText('現在地から近い順に表示中');
		const names = await findPage.resultNames();
		expect(names.slice(0, 3)).toEqual(shelters.slice(0, 3).map((s) => s.name));
		// The first card shows the distance the test computed, rounded the way people read it.
		const first = findPage.results.getByRole('listitem').first();
		await expect(first).toContainText('徒歩約');
	});

	test('denied location offers a town instead, never a dead end', async ({ findPage }) => {
		await findPage.open();
		await findPage.page.evaluate(() => {
			navigator.geolocation.getCurrentPosition = (_ok, fail) =>
				fail?.({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError);
		});
		await findPage.nearMe.click();
		await expect(findPage.status).toContainText('町名から選ぶ');
		await findPage.townSelect.selectOption('富士見一丁目');
		await expect(findPage.page).toHaveURL(/town=/);
		await expect(findPage.status).toContainText('富士見一丁目 から近い順');
		const names = await findPage.resultNames();
		expect(names.length).toBeGreaterThan(30);
	});

	test('filtering by a district shows only that district', async ({ findPage, request }) => {
		const features: GeoFeature[] = (await (await request.get('/api/places.geojson')).json())
			.features;
		const expected = features
			.filter((f) =>
				(f as unknown as { properties: { districts: string[] } }).properties.districts.includes(
					'fuji'
				)
			)
			.map((f) => f.properties.name)
			.sort();
		expect(expected.length).toBeGreaterThan(0);
		await findPage.open();
		await findPage.districtSelect.selectOption({ label: '藤小学校区' });
		await expect(findPage.page).toHaveURL(/d=fuji/);
		await expect(findPage.results.getByRole('listitem')).toHaveCount(expected.length);
		expect((await findPage.resultNames()).sort()).toEqual(expected);
	});

	test('search folds half-width katakana and hiragana', async ({ findPage }) => {
		await findPage.open();
		await findPage.search.fill('ｾﾝﾀｰ');
		await expect(findPage.page).toHaveURL(/q=/);
		const names = await findPage.resultNames();
		expect(names.length).toBeGreaterThanOrEqual(8);
		for (const n of names) expect(n).toMatch(/センター/);
		await findPage.search.fill('ほほえみ');
		await expect(findPage.results.getByRole('listitem')).toHaveCount(1);
		await expect(findPage.results).toContainText('鶴ヶ島ほほえみの郷');
	});

	test('a place page opens from the list and from a shared URL', async ({ findPage, page }) => {
		await findPage.open('?q=北市民センター');
		await findPage.results.getByRole('link', { name: '北市民センター' }).click();
		await expect(page).toHaveURL(/\/places\/shelter-E1124100005$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('北市民センター');
		await expect(page.getByText('埼玉県鶴ヶ島市脚折2171-1')).toBeVisible();
		const directions = page.getByRole('link', { name: '地図アプリで道順を見る' });
		await expect(directions).toHaveAttribute('href', /destination=35\.\d+,139\.\d+/);

		// A fresh visit to the same URL, as someone who was sent the link.
		const shared = await page.context().newPage();
		await shared.goto('/places/shelter-E1124100005');
		await waitForApp(shared);
		await expect(shared.getByRole('heading', { level: 1 })).toHaveText('北市民センター');
		await expect(shared.getByText('指定避難所（避難生活を送る場所）')).toBeVisible();
		await shared.close();
	});

	test('a place with no public location says so and offers no directions', async ({ page }) => {
		await page.goto('/places/welfare-cosmos');
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('こすもす作業所');
		await expect(page.getByText('所在地は公開されていません')).toBeVisible();
		await expect(page.getByRole('link', { name: '地図アプリで道順を見る' })).toHaveCount(0);
	});

	test('unknown ids and bad parameters get a friendly Japanese page with a way back', async ({
		page
	}) => {
		for (const [url, text] of [
			['/places/no-such-place', 'この場所は見つかりませんでした'],
			['/districts/nowhere', 'この地区は見つかりませんでした'],
			['/?c=casino', '検索の条件が正しくありません'],
			['/no/such/page', 'お探しのページは見つかりませんでした']
		] as const) {
			const res = await page.goto(url);
			expect(res?.status()).toBeGreaterThanOrEqual(400);
			expect(res?.status()).toBeLessThan(500);
			await expect(page.getByRole('alert')).toContainText(text);
			await expect(page.getByRole('link', { name: 'トップページに戻る' })).toBeVisible();
		}
	});

	test('English is one switch away, and large text grows the page', async ({ page }) => {
		await page.goto('/settings');
		await waitForApp(page);
		const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
		await page.getByRole('button', { name: '大きい文字: オフ' }).click();
		const after = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
		expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
		await page.getByLabel('言語 / Language').selectOption('en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Find gathering places and shelters'
		);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.locator('html')).toHaveClass(/large-text/);
	});
});

test.describe('district pages', () => {
	test('a district page lists its places by category with counts', async ({ page }) => {
		await page.goto('/districts');
		await waitForApp(page);
		await page.getByRole('link', { name: /栄小学校区/ }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('栄小学校区');
		const counts = page.getByRole('table');
		await expect(counts.getByRole('row', { name: /避難所/ })).toBeVisible();
		await expect(page.getByRole('link', { name: '富士見地区地域支え合い協議会' })).toBeVisible();
	});

	test('the print view renders the district handout', async ({ page }) => {
		await page.goto('/districts/tsurugashima-1/print');
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'鶴ヶ島第一小学校区 つどいの場・避難所一覧'
		);
		await expect(page.getByText(/令和\d+年\d+月\d+日 現在/)).toBeVisible();
		const rows = page.getByRole('table').getByRole('row');
		expect(await rows.count()).toBeGreaterThan(5);
		await expect(page.getByRole('img', { name: '鶴ヶ島第一小学校区' })).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
		await expect(page.getByRole('table')).toContainText('鶴ヶ島市立鶴ヶ島第一小学校');
	});
});

test.describe('open data', () => {
	test('GeoJSON is an RFC 7946 FeatureCollection of public places', async ({ request }) => {
		const res = await request.get('/api/places.geojson');
		expect(res.headers()['content-type']).toContain('application/geo+json');
		const body = await res.json();
		expect(body.type).toBe('FeatureCollection');
		// The 39 places of the Tsurugashima pack, plus any a person registered in another test.
		const packPlaces = body.features.filter(
			(f: { properties: { origin: string } }) => f.properties.origin === 'pack'
		);
		expect(packPlaces).toHaveLength(39);
		for (const f of body.features) {
			expect(f.type).toBe('Feature');
			expect(Object.keys(f.properties)).toEqual(
				expect.arrayContaining(['id', 'name', 'category', 'district'])
			);
			if (f.geometry) {
				const [lng, lat] = f.geometry.coordinates;
				expect(lng).toBeGreaterThan(139.3);
				expect(lat).toBeGreaterThan(35.9);
			}
		}
	});

	test('CSV starts with a UTF-8 BOM so Excel reads the Japanese', async ({ request }) => {
		const res = await request.get('/api/places.csv');
		const bytes = await res.body();
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8');
		expect(text).toContain('鶴ヶ島市立鶴ヶ島第一小学校');
		const geo = await (await request.get('/api/places.geojson')).json();
		expect(text.split('\r\n').filter(Boolean)).toHaveLength(geo.features.length + 1); // + header
	});
});
