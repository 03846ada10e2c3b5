/**
 * A resident sees when a salon next meets, finds it by its reading, and sees what its organizer entered that a visitor needs
 * (fee, audience, accessibility, contact given with consent). Every salon here is generated
 * test data (テスト用, 生成), registered through the API as a phone would send it and approved
 * by its district's coordinator. The browser's clock is pinned: "today" is 2026-12-29 in Japan.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { createAccount } from './pages/work';
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

async function approvedSalon(
	organizer: APIRequestContext,
	coordinator: APIRequestContext,
	fields: Record<string, unknown>
): Promise<string> {
	const placeId = uuidv7();
	const upsert = { kind: 'place.upsert', placeId, packId: 'tsurugashima' };
	const all = { category: 'salon', districtId: 'minami', point: null, ...fields };
	expect(await pushOne(organizer, { ...upsert, fields: all })).toMatchObject({
		status: 'applied'
	});
	const approve = { kind: 'place.moderate', placeId, decision: 'approve', reason: null };
	expect(await pushOne(coordinator, approve)).toMatchObject({ status: 'applied' });
	return placeId;
}

test('a salon’s next dates cross the year end, flag a holiday, and its fee and contact show', async ({
	page,
	request,
	playwright
}) => {
	const organizer = await apiAs(playwright, await createAccount(request, 'organizer'));
	const coordinator = await apiAs(
		playwright,
		await createAccount(request, 'coordinator', ['minami'])
	);
	const name = `テスト用 月曜サロン（生成）${Date.now()}`;
	const placeId = await approvedSalon(organizer, coordinator, {
		name,
		status: 'active',
		scheduleRule: { kind: 'weekly', weekdays: [1], start: '13:30', end: '15:00' },
		fee: '100円',
		audience: ['elderly'],
		accessibility: ['step-free'],
		contact: '049-000-0000（テスト用）',
		contactConsent: true
	});

	await page.clock.setFixedTime(TODAY);
	await page.goto(`/places/${placeId}`);
	await waitForApp(page);
	const dates = page.getByTestId('next-dates').getByRole('listitem');
	await expect(dates).toHaveText([
		'1月4日(月) 13:30–15:00',
		'1月11日(月・祝) 13:30–15:00 成人の日: 祝日は休みのことがあります',
		'1月18日(月) 13:30–15:00'
	]);
	const facts = page.locator('dl.facts');
	await expect(facts).toContainText(/参加費\s*100円/);
	await expect(facts).toContainText(/対象\s*高齢者/);
	await expect(facts).toContainText(/バリアフリー\s*段差なし/);
	await expect(facts).toContainText('049-000-0000（テスト用）');

	// The list card names the next date only.
	await page.goto('/?c=salon');
	await waitForApp(page);
	const card = page.getByRole('article').filter({ hasText: name });
	await expect(card).toContainText('次回 1月4日(月) 13:30–15:00');
});

test('a paused salon says 休止中 instead of dates', async ({ page, request, playwright }) => {
	const organizer = await apiAs(playwright, await createAccount(request, 'organizer'));
	const coordinator = await apiAs(
		playwright,
		await createAccount(request, 'coordinator', ['minami'])
	);
	const placeId = await approvedSalon(organizer, coordinator, {
		name: `テスト用 休止中サロン（生成）${Date.now()}`,
		status: 'paused',
		scheduleRule: { kind: 'monthly', nths: [2], weekday: 2, start: '10:00', end: '12:00' }
	});
	await page.clock.setFixedTime(TODAY);
	await page.goto(`/places/${placeId}`);
	await waitForApp(page);
	await expect(page.getByTestId('next-dates')).toHaveText('休止中');
});

test('a salon is found by how its name sounds (its ふりがな), in hiragana or katakana', async ({
	findPage,
	request,
	playwright
}) => {
	const organizer = await apiAs(playwright, await createAccount(request, 'organizer'));
	const coordinator = await apiAs(
		playwright,
		await createAccount(request, 'coordinator', ['minami'])
	);
	const stamp = Date.now();
	const name = `テスト用 藤見サロン（生成）${stamp}`;
	await approvedSalon(organizer, coordinator, {
		name,
		reading: `ふじみさろん${stamp}`,
		status: 'active'
	});
	for (const q of [`ふじ ${stamp}`, `フジミ ${stamp}`]) {
		await findPage.open(`?q=${encodeURIComponent(q)}`);
		await expect(findPage.results.getByRole('listitem')).toHaveCount(1);
		await expect(findPage.results.getByRole('heading')).toHaveText(name);
	}
});
