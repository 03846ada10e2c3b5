import { parseCsv } from '../../src/lib/domain/csv';
import { distanceMeters, formatDistance } from '../../src/lib/domain/geo';
import { expect, test, waitForApp } from './fixtures';

interface GeoFeature {
	geometry: { coordinates: [number, number] } | null;
	properties: {
		id: string;
		name: string;
		categories: string[];
		district: string | null;
		districts: string[];
	};
}

/** What residents read for an open space the city designated only as a place to flee to. */
const EMERGENCY_SITE_ONLY = '指定緊急避難場所（危険から逃げる場所）: 地震、大規模な火事のとき';
const STAY_SHELTER = '指定避難所（避難生活を送る場所）';

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
		// The first card shows the distance the test computed, as a straight-line distance in
		// m/km (rounded the way people read it), and no minutes on foot guessed from it.
		const first = findPage.results.getByRole('listitem').first();
		await expect(first.getByText(/^直線距離 /)).toHaveText(
			`直線距離 ${formatDistance(shelters[0]!.d)}`
		);
		await expect(first).not.toContainText('徒歩');
	});

	test('denied location offers a town instead, never a dead end', async ({ findPage }) => {
		await findPage.open();
		await findPage.page.evaluate(() => {
			navigator.geolocation.getCurrentPosition = (_ok, fail) =>
				fail?.({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError);
		});
		await findPage.nearMe.click();
		await expect(findPage.status).toContainText('町名から選ぶ');
		// The pickers are above the message, not "below": the words must not point the wrong way.
		await expect(findPage.status).not.toContainText('下の');
		// 丁目 are listed in number order, after the bare town name.
		const fujimi = (await findPage.townSelect.locator('option').allInnerTexts()).filter((t) =>
			t.startsWith('富士見')
		);
		expect(fujimi).toEqual([
			'富士見',
			'富士見一丁目',
			'富士見二丁目',
			'富士見三丁目',
			'富士見四丁目',
			'富士見五丁目',
			'富士見六丁目'
		]);
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
			.filter((f) => f.properties.districts.includes('fuji'))
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

	test('a category with no places at all says why, and whom to ask', async ({ findPage, page }) => {
		// The test server is shared by every spec, and some register and approve salons (a
		// children's salon in coordination.spec): use an organizer category that has no public
		// place right now.
		const geo = (await (await page.request.get('/api/places.geojson')).json()) as {
			features: { properties: { categories: string[] } }[];
		};
		const used = new Set(geo.features.flatMap((f) => f.properties.categories));
		const labels = {
			'kids-salon': '子どもサロン',
			salon: 'サロン',
			gathering: 'その他のつどいの場'
		};
		const kind = (Object.keys(labels) as (keyof typeof labels)[]).find((c) => !used.has(c));
		expect(kind, 'every organizer category has a public place: nothing to test').toBeDefined();
		const label = labels[kind!];

		await findPage.open();
		// Exact: サロン is also part of 子どもサロン's name.
		await page.getByRole('button', { name: label, exact: true }).click();
		await expect(findPage.page).toHaveURL(new RegExp(`c=${kind}`));
		const empty = findPage.page.getByRole('status').filter({ hasText: 'まだ1か所も' });
		await expect(empty).toContainText(`「${label}」は、まだ1か所も登録されていません。`);
		await expect(empty).toContainText('運営する方がこのアプリで登録し');
		await expect(empty).toContainText('社会福祉協議会');
		await expect(findPage.page.getByText('条件に合う場所がありません')).toHaveCount(0);

		// Shelters exist: finding none of them is the filters' doing, and the list says that.
		await findPage.open('?c=shelter&q=存在しない名前');
		await expect(findPage.page.getByRole('status').filter({ hasText: '条件に合う' })).toHaveText(
			'条件に合う場所がありません。条件を減らしてみてください。'
		);
		await expect(findPage.page.getByText('まだ1か所も')).toHaveCount(0);
	});

	test('an open space is never called a shelter to stay in', async ({ findPage, page }) => {
		await findPage.open('?q=脚折近隣公園');
		const card = findPage.results.getByRole('listitem');
		await expect(card).toHaveCount(1);
		await expect(card).toContainText(EMERGENCY_SITE_ONLY);
		await expect(card).not.toContainText('指定避難所');
		await expect(card).not.toContainText('避難生活');
		// A school is both: a place to flee to and a place to stay.
		await findPage.open('?q=鶴ヶ島市立鶴ヶ島第一小学校');
		await expect(findPage.results.getByRole('listitem')).toContainText(STAY_SHELTER);
		await expect(findPage.results.getByRole('listitem')).toContainText(
			'指定緊急避難場所（危険から逃げる場所）: 洪水、地震、大規模な火事、内水氾濫のとき'
		);

		await page.goto('/places/shelter-E1124100006');
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('脚折近隣公園');
		await expect(page.getByText(EMERGENCY_SITE_ONLY)).toBeVisible();
		// (The data credit names the GSI dataset 「…指定避難所データ」; what counts is no claim.)
		await expect(page.getByText(/避難生活/)).toHaveCount(0);
		// A park holds no sessions: no "when it meets — not given" row to puzzle over.
		await expect(page.getByText('開催日時')).toHaveCount(0);

		// The handout: its row names the designation, not just the hazards.
		await page.goto('/districts/nagakubo/print');
		await waitForApp(page);
		const row = page
			.getByRole('row')
			.filter({ has: page.getByRole('rowheader', { name: '脚折近隣公園' }) });
		await expect(row).toContainText(EMERGENCY_SITE_ONLY);
		await expect(row).not.toContainText('指定避難所');
	});

	test('back to the list keeps the filters the resident chose', async ({ findPage, page }) => {
		await findPage.open('?c=shelter&d=tsurugashima-1');
		const names = await findPage.resultNames();
		await findPage.results.getByRole('link', { name: names[1]! }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(names[1]!);
		await page.getByRole('link', { name: '一覧に戻る' }).click();
		await expect(page).toHaveURL(/\/\?c=shelter&d=tsurugashima-1$/);
		await expect(findPage.districtSelect).toHaveValue('tsurugashima-1');
		expect(await findPage.resultNames()).toEqual(names);
	});

	test('a place page opens from the list and from a shared URL', async ({ findPage, page }) => {
		await findPage.open('?q=北市民センター');
		await findPage.results.getByRole('link', { name: '北市民センター' }).click();
		await expect(page).toHaveURL(/\/places\/shelter-E1124100005$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('北市民センター');
		await expect(page.getByText('埼玉県鶴ヶ島市脚折2171-1')).toBeVisible();
		const directions = page.getByRole('link', { name: '地図アプリで道順を見る' });
		await expect(directions).toHaveAttribute(
			'href',
			/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=35\.\d+,139\.\d+&travelmode=walking$/
		);

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
		await expect(page.getByRole('link', { name: '富士見地区地域支え合い協議会' })).toBeVisible();
	});

	test('a district counts every shelter site, community centres included', async ({
		page,
		request
	}) => {
		const features: GeoFeature[] = (await (await request.get('/api/places.geojson')).json())
			.features;
		const inDistrict = features.filter((f) => f.properties.districts.includes('tsurugashima-1'));
		const shelters = inDistrict.filter((f) => f.properties.categories.includes('shelter'));
		const centres = shelters.filter((f) => f.properties.categories.includes('public-facility'));
		expect(centres.length).toBeGreaterThan(0); // the case that was undercounted

		await page.goto('/districts/tsurugashima-1');
		await waitForApp(page);
		const counts = page.getByRole('table');
		await expect(counts.getByRole('columnheader')).toHaveText(['種類', '数']);
		// Exactly the shelter row: a pattern like /避難所/ would also match 福祉避難所.
		const row = (category: string) =>
			counts
				.getByRole('row')
				.filter({ has: page.getByRole('rowheader', { name: category, exact: true }) });
		await expect(row('避難所・避難場所').getByRole('cell')).toHaveText(`${shelters.length}か所`);
		await expect(row('公共施設').getByRole('cell')).toHaveText(`${centres.length}か所`);
		const section = page.getByRole('region', { name: /^避難所・避難場所（/ });
		await expect(section.getByRole('listitem')).toHaveCount(shelters.length);
		for (const c of centres) {
			await expect(section.getByRole('link', { name: c.properties.name })).toBeVisible();
		}
		// Councils are in this district by their area's town names: the page says it is inferred.
		const councils = inDistrict.filter((f) => f.properties.categories.includes('support-council'));
		expect(councils.length).toBeGreaterThan(0);
		const councilSection = page.getByRole('region', { name: /^地域支え合い協議会（/ });
		for (const c of councils) {
			await expect(
				councilSection.getByRole('listitem').filter({ hasText: c.properties.name })
			).toContainText('（小学校区は、対象地域の町名から推定しています）');
		}
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

	test('open data says which shelter sites are places to stay and which to flee to', async ({
		request
	}) => {
		const [header, ...rows] = parseCsv(
			(await (await request.get('/api/places.csv')).body()).toString('utf8')
		);
		const row = (id: string) => {
			const r = rows.find((x) => x[0] === id)!;
			return Object.fromEntries(header!.map((h, i) => [h, r[i]]));
		};
		expect(row('shelter-E1124100006')).toMatchObject({
			name: '脚折近隣公園',
			evacuation_shelter: 'false',
			emergency_site: 'true',
			hazards: 'earthquake large_fire'
		});
		expect(row('shelter-E1124100005')).toMatchObject({
			name: '北市民センター',
			categories: 'public-facility shelter',
			evacuation_shelter: 'true',
			emergency_site: 'true'
		});
		// Not a shelter site: the columns do not apply and stay empty.
		expect(row('council-2')).toMatchObject({
			evacuation_shelter: '',
			emergency_site: '',
			hazards: ''
		});

		const geo = await (await request.get('/api/places.geojson')).json();
		const park = geo.features.find((f: { id: string }) => f.id === 'shelter-E1124100006');
		expect(park.properties).toMatchObject({
			categories: ['shelter'],
			evacuation_shelter: false,
			emergency_site: true,
			hazards: ['earthquake', 'large_fire']
		});
	});
});
