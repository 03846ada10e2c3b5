/**
 * A resident adds a salon's dates to a calendar, shares its page, prints its flyer, and a
 * district's handout carries a QR code per place. Every salon here is generated test data
 * (テスト用, 生成), registered through the API and approved by its district's coordinator.
 * The browser's clock is pinned: "today" is 2026-12-29 in Japan.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn, unsentCount } from './pages/work';
import { encodeHlc } from '../../src/lib/domain/sync/hlc';
import { PROTOCOL_VERSION, type OpResult } from '../../src/lib/domain/sync/protocol';
import { uuidv7 } from '../../src/lib/domain/sync/uuid';

const TODAY = new Date('2026-12-29T09:00:00+09:00');

async function apiAs(
	playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } },
	who: { email: string; password: string }
): Promise<APIRequestContext> {
	const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
	const res = await api.post('/api/auth/login', { data: who });
	expect(res.ok(), `sign-in: ${res.status()}`).toBe(true);
	return api;
}

async function pushOne(api: APIRequestContext, body: Record<string, unknown>): Promise<OpResult> {
	const deviceId = uuidv7();
	const op = {
		opId: uuidv7(),
		deviceId,
		at: encodeHlc({ wall: Date.now(), counter: 0, node: deviceId }),
		...body
	};
	const res = await api.post('/api/sync/push', {
		data: { protocol: PROTOCOL_VERSION, deviceId, ops: [op] }
	});
	expect(res.ok(), `push: ${res.status()} ${await res.text()}`).toBe(true);
	return ((await res.json()) as { results: OpResult[] }).results[0]!;
}

/** A generated salon in 南小学校区 (minami), at a generated point near the city centre. */
async function approvedSalon(
	request: APIRequestContext,
	playwright: Parameters<typeof apiAs>[0],
	fields: Record<string, unknown>
): Promise<string> {
	const organizer = await apiAs(playwright, await createAccount(request, 'organizer'));
	const coordinator = await apiAs(
		playwright,
		await createAccount(request, 'coordinator', ['minami'])
	);
	const placeId = uuidv7();
	const upsert = { kind: 'place.upsert', placeId, packId: 'tsurugashima' };
	const all = { category: 'salon', districtId: 'minami', point: null, status: 'active', ...fields };
	expect(await pushOne(organizer, { ...upsert, fields: all })).toMatchObject({
		status: 'applied'
	});
	const approve = { kind: 'place.moderate', placeId, decision: 'approve', reason: null };
	expect(await pushOne(coordinator, approve)).toMatchObject({ status: 'applied' });
	return placeId;
}

const mondays = { kind: 'weekly', weekdays: [1], start: '13:30', end: '15:00' };

test('a salon’s dates go to a calendar app as an .ics with its weekly rule', async ({
	page,
	request,
	playwright
}) => {
	const name = `テスト用 月曜サロン（生成）${Date.now()}`;
	const placeId = await approvedSalon(request, playwright, { name, scheduleRule: mondays });
	await page.clock.setFixedTime(TODAY);
	await page.goto(`/places/${placeId}`);
	await waitForApp(page);
	const link = page.getByRole('link', { name: 'カレンダーに追加' });
	await expect(link).toBeVisible();
	const href = await link.getAttribute('href');
	expect(href).toBe(`/places/${placeId}/calendar.ics`);

	const res = await page.request.get(href!);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toMatch(/^text\/calendar/);
	const ics = (await res.text()).replace(/\r\n /g, '');
	expect(ics).toContain('BEGIN:VCALENDAR');
	expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO');
	expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:');
	expect(ics).toContain(`SUMMARY:${name}`);

	// The district's calendar carries it too.
	await page.goto('/districts/minami');
	await waitForApp(page);
	const districtLink = page.getByTestId('district-calendar-link');
	await expect(districtLink).toBeVisible();
	const all = await page.request.get((await districtLink.getAttribute('href'))!);
	expect(all.status()).toBe(200);
	expect((await all.text()).replace(/\r\n /g, '')).toContain(`SUMMARY:${name}`);
});

test('share copies the link and says so; the QR code carries the page’s address', async ({
	page,
	context,
	request,
	playwright
}) => {
	const name = `テスト用 共有サロン（生成）${Date.now()}`;
	const placeId = await approvedSalon(request, playwright, { name, scheduleRule: mondays });
	// The permission a person grants when the browser asks to use the clipboard.
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.clock.setFixedTime(TODAY);
	await page.goto(`/places/${placeId}`);
	await waitForApp(page);
	const url = new URL(`/places/${placeId}`, page.url()).href;

	const qr = page.getByRole('img', { name: `${name}のページを開くQRコード` });
	await expect(qr).toBeVisible();
	await expect(qr).toHaveAttribute('data-qr-text', url);

	const share = page.getByRole('button', { name: '共有する' });
	await share.scrollIntoViewIfNeeded();
	await share.click();
	await expect(page.getByRole('status').filter({ hasText: 'URLをコピーしました' })).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
});

test('a salon’s A4 flyer shows its dates and a QR code', async ({ page, request, playwright }) => {
	const name = `テスト用 チラシサロン（生成）${Date.now()}`;
	const placeId = await approvedSalon(request, playwright, {
		name,
		scheduleRule: mondays,
		address: '鶴ヶ島市テスト町1-1（生成）'
	});
	await page.clock.setFixedTime(TODAY);
	await page.goto(`/places/${placeId}`);
	await waitForApp(page);
	await page.getByRole('link', { name: 'チラシを印刷（A4）' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(page.getByTestId('flyer-dates').getByRole('listitem').first()).toHaveText(
		'1月4日(月) 13:30–15:00'
	);
	await expect(page.getByTestId('flyer-dates').getByRole('listitem')).toHaveCount(6);
	await expect(page.getByText('鶴ヶ島市テスト町1-1（生成）')).toBeVisible();
	await expect(page.getByRole('img', { name: `${name}のページを開くQRコード` })).toBeVisible();
});

test('the district handout has a QR code for each place', async ({ page }) => {
	await page.goto('/districts/minami/print');
	await waitForApp(page);
	const rows = page.locator('tbody tr');
	const count = await rows.count();
	expect(count).toBeGreaterThan(0);
	await expect(page.locator('tbody svg[data-qr-text]')).toHaveCount(count);
	const first = await page.locator('tbody svg[data-qr-text]').first().getAttribute('data-qr-text');
	expect(first).toMatch(new RegExp(`^${new URL(page.url()).origin}/places/`));
});

test('a place page’s server HTML carries OG tags and JSON-LD that the CSP lets be; the sitemap lists it', async ({
	page,
	request,
	playwright
}) => {
	const name = `テスト用 プレビューサロン（生成）${Date.now()}`;
	const placeId = await approvedSalon(request, playwright, { name, scheduleRule: mondays });
	// What a link preview fetches: the HTML as served, no script run.
	const html = await (await request.get(`/places/${placeId}`)).text();
	expect(html).toMatch(new RegExp(`<meta property="og:title" content="${name}"`));
	expect(html).toMatch(/<meta property="og:description" content="[^"]*サロン/);
	const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
	expect(ld).not.toBeNull();
	const graph = (JSON.parse(ld![1]!) as { '@graph': { '@type': string; name: string }[] })[
		'@graph'
	];
	expect(graph[0]).toMatchObject({ '@type': 'Place', name });
	expect(graph.filter((n) => n['@type'] === 'Event')).toHaveLength(3);

	const blocked: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
	});
	await page.goto(`/places/${placeId}`);
	await waitForApp(page);
	await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(1);
	expect(blocked).toEqual([]);

	const sitemap = await (await request.get('/sitemap.xml')).text();
	expect(sitemap).toContain(`/places/${placeId}</loc>`);
	expect(sitemap).toContain('/districts/minami</loc>');
	expect(await (await request.get('/robots.txt')).text()).toMatch(
		/^Sitemap: http.*\/sitemap\.xml$/m
	);
});

test('the national-layout open data lists the city’s emergency evacuation sites', async ({
	request
}) => {
	const res = await request.get('/api/standard/evacuation-sites.csv');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toMatch(/^text\/csv/);
	const lines = (await res.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toMatch(/^全国地方公共団体コード,ID,名称,名称_カナ,/);
	expect(lines[0]).toContain('災害種別_洪水,災害種別_崖崩れ、土石流及び地滑り,');
	expect(lines.length).toBeGreaterThan(1);
	expect(lines.slice(1).every((l) => l.startsWith('112411,'))).toBe(true);
	const unknown = await request.get('/api/standard/nothing.csv');
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toMatchObject({ reason: 'dataset_not_found' });
});

test('settings offer adding to the home screen: the browser’s prompt when it makes one, else the steps', async ({
	page
}) => {
	await page.goto('/settings');
	await waitForApp(page);
	const hint = page.getByTestId('install-hint');
	// Chromium has made no offer yet (it decides by itself when): the menu steps show.
	await expect(hint).toContainText('「ホーム画面に追加」または「アプリをインストール」');

	// The browser's offer arrives (what Chromium sends once the app is installable).
	await page.evaluate(() => {
		const offer = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
			prompt(): Promise<void>;
			userChoice: Promise<{ outcome: string }>;
		};
		offer.prompt = async () => {};
		offer.userChoice = Promise.resolve({ outcome: 'accepted' });
		window.dispatchEvent(offer);
	});
	await hint.getByRole('button', { name: 'ホーム画面に追加する' }).click();
	await expect(hint).toContainText('ホーム画面に追加しました。');
});

test('the manifest names shortcuts and screenshots that exist', async ({ request }) => {
	const manifest = (await (await request.get('/manifest.webmanifest')).json()) as {
		shortcuts: { url: string }[];
		screenshots: { src: string; form_factor: string }[];
	};
	expect(manifest.shortcuts.map((s) => s.url)).toEqual(['/?c=salon', '/?c=shelter', '/districts']);
	expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
	for (const s of manifest.screenshots) {
		const res = await request.get(s.src);
		expect(res.status(), s.src).toBe(200);
		expect(res.headers()['content-type']).toBe('image/png');
	}
});

test('a date its organizer marked off shows struck as 休み, and the .ics leaves it out', async ({
	page,
	request,
	playwright
}) => {
	const name = `テスト用 休みの日サロン（生成）${Date.now()}`;
	// The .ics starts from the server's own today, which the page's pinned clock does not move:
	// a Monday half a year after the real today is off too, so the file always has one to skip.
	const later = new Date(Date.now() + 180 * 86_400_000);
	later.setUTCDate(later.getUTCDate() + ((8 - later.getUTCDay()) % 7));
	const laterMonday = later.toISOString().slice(0, 10);
	const placeId = await approvedSalon(request, playwright, {
		name,
		scheduleRule: mondays,
		offDates: ['2027-01-04', laterMonday].sort()
	});
	await page.clock.setFixedTime(TODAY);
	await page.goto(`/places/${placeId}`);
	await waitForApp(page);
	const dates = page.getByTestId('next-dates').getByRole('listitem');
	await expect(dates).toHaveText([
		'1月4日(月) 休み',
		'1月11日(月・祝) 13:30–15:00 成人の日: 祝日は休みのことがあります',
		'1月18日(月) 13:30–15:00',
		'1月25日(月) 13:30–15:00'
	]);
	await expect(dates.first().locator('s')).toHaveText('1月4日(月)');

	const res = await page.request.get(`/places/${placeId}/calendar.ics`);
	const ics = (await res.text()).replace(/\r\n /g, '');
	expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO');
	expect(ics).toContain(`EXDATE;TZID=Asia/Tokyo:${laterMonday.replace(/-/g, '')}T133000`);
});

test('a salon meeting this week is listed under 今週, not under 今日; the filter is in the URL and works offline', async ({
	page,
	context,
	request,
	playwright
}) => {
	const tag = `週テスト${Date.now()}`;
	const wednesday = { kind: 'weekly', weekdays: [3], start: '10:00', end: '11:30' };
	await approvedSalon(request, playwright, {
		name: `テスト用 水曜サロン（生成）${tag}`,
		scheduleRule: wednesday
	});
	await approvedSalon(request, playwright, {
		name: `テスト用 月曜サロン（生成）${tag}`,
		scheduleRule: mondays
	});
	await page.clock.setFixedTime(TODAY); // Tuesday 29 December
	await page.goto(`/?q=${encodeURIComponent(tag)}`);
	await waitForApp(page);
	const cards = page.getByRole('list', { name: /件/ }).getByRole('heading', { level: 3 });
	await expect(cards).toHaveCount(2);

	await context.setOffline(true);
	await page.getByRole('button', { name: '今週', exact: true }).click();
	await expect(page).toHaveURL(/[?&]when=week/);
	await expect(page.getByTestId('when-range')).toHaveText(
		'12月29日(火)から1月3日(日)までに開く場所'
	);
	await expect(cards).toHaveText([`テスト用 水曜サロン（生成）${tag}`]);
	await page.getByRole('button', { name: '今日', exact: true }).click();
	await expect(page).toHaveURL(/[?&]when=today/);
	await expect(page.getByRole('heading', { name: '0件' })).toBeVisible();
	await page.getByRole('button', { name: '今日', exact: true }).click();
	await expect(cards).toHaveCount(2);
	await context.setOffline(false);
});

test('a place of another city (Tokorozawa): its flyer and its .ics come from its own city', async ({
	page
}) => {
	const answer = (await (await page.request.get('/api/pack?city=tokorozawa')).json()) as {
		pack: { places: { id: string; name: string; point: unknown }[] };
	};
	const place = answer.pack.places.find((p) => p.point)!;
	expect(place).toBeDefined();
	// Not a place of the default city: before, both answered 404 here.
	const home = (await (await page.request.get('/api/pack')).json()) as typeof answer;
	expect(home.pack.places.some((p) => p.id === place.id)).toBe(false);

	const flyer = await page.goto(`/places/${encodeURIComponent(place.id)}/flyer`);
	expect(flyer?.status()).toBe(200);
	await waitForApp(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(place.name);
	const qr = page.getByRole('img', { name: `${place.name}のページを開くQRコード` });
	await expect(qr).toHaveAttribute(
		'data-qr-text',
		`${new URL(page.url()).origin}/places/${encodeURIComponent(place.id)}`
	);

	const res = await page.request.get(`/places/${encodeURIComponent(place.id)}/calendar.ics`);
	expect(res.status()).toBe(200);
	expect((await res.text()).replace(/\r\n /g, '')).toContain(`X-WR-CALNAME:${place.name}`);

	// District calendars are per city: a city's URL space has its own, an unknown city none.
	const own = await page.request.get('/c/tsurugashima/districts/minami/calendar.ics');
	expect(own.status()).toBe(200);
	const none = await page.request.get('/c/tokorozawa/districts/minami/calendar.ics');
	expect(none.status()).toBe(404);
	expect(((await none.json()) as { reason: string }).reason).toBe('district_not_found');
	const unknown = await page.request.get('/c/nowhere/districts/minami/calendar.ics');
	expect(((await unknown.json()) as { reason: string }).reason).toBe('unknown_city');
});

test('an organizer marks one date off in the place form; residents see that date as 休み', async ({
	page,
	browser,
	request,
	playwright
}) => {
	const organizerWho = await createAccount(request, 'organizer');
	const organizer = await apiAs(playwright, organizerWho);
	const coordinator = await apiAs(
		playwright,
		await createAccount(request, 'coordinator', ['minami'])
	);
	const name = `テスト用 休み入力サロン（生成）${Date.now()}`;
	const placeId = uuidv7();
	const fields = {
		name,
		category: 'salon',
		districtId: 'minami',
		point: null,
		status: 'active',
		scheduleRule: mondays
	};
	const upsert = { kind: 'place.upsert', placeId, packId: 'tsurugashima', fields };
	expect(await pushOne(organizer, upsert)).toMatchObject({ status: 'applied' });
	const approve = { kind: 'place.moderate', placeId, decision: 'approve', reason: null };
	expect(await pushOne(coordinator, approve)).toMatchObject({ status: 'applied' });

	// The first Monday from today in Japan (the real clock: the form and the page use it).
	const japan = new Date(Date.now() + 9 * 3_600_000);
	japan.setUTCDate(japan.getUTCDate() + ((8 - japan.getUTCDay()) % 7));
	const first = japan.toISOString().slice(0, 10);
	const label = `${japan.getUTCMonth() + 1}月${japan.getUTCDate()}日\\(月`;

	await signIn(page, organizerWho);
	await page.goto(`/work/places/${placeId}`);
	await waitForApp(page);
	await page.getByRole('button', { name: '内容を変更する' }).click();
	const off = page.locator(`input[data-off-date="${first}"]`);
	await expect(off).not.toBeChecked();
	await off.check();
	await page.getByRole('button', { name: '保存' }).click();
	await page.getByRole('link', { name: '記録' }).first().click();
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });

	const resident = await browser.newContext();
	const residentPage = await resident.newPage();
	await residentPage.goto(`/places/${placeId}`);
	await waitForApp(residentPage);
	const dates = residentPage.getByTestId('next-dates').getByRole('listitem');
	await expect(dates.first()).toHaveText(new RegExp(`^${label}[^)]*\\) 休み$`));
	await expect(dates.first().locator('s')).toBeVisible();
	await expect(dates).toHaveCount(4);
	await resident.close();
});
