/**
 * Changes to a salon residents already see (src/lib/domain/sync/place-review.ts): its organizer
 * renames or moves it, residents keep the approved version until a coordinator of its (new)
 * district approves, and only that coordinator may. Every salon here is generated test data
 * (テスト用, 生成), registered without a location.
 *
 * The setup (an approved salon) goes through the API, as a phone would have sent it; the path
 * under test is the organizer's, the coordinator's and the resident's screens.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, ready, signIn, unsentCount } from './pages/work';
import { encodeHlc } from '../../src/lib/domain/sync/hlc';
import {
	MAX_PULL_LIMIT,
	PROTOCOL_VERSION,
	type Change,
	type OpResult,
	type PullResponse
} from '../../src/lib/domain/sync/protocol';
import { uuidv7 } from '../../src/lib/domain/sync/uuid';

type Who = { email: string; password: string };

/** An API client signed in as `who` (its own cookies). */
async function apiAs(
	playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } },
	who: Who
): Promise<APIRequestContext> {
	const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
	const res = await api.post('/api/auth/login', { data: who });
	expect(res.ok(), `sign-in: ${res.status()}`).toBe(true);
	return api;
}

/** A phone as the API sees it: its own id and clock. */
function phone() {
	const deviceId = uuidv7();
	let counter = 0;
	return {
		deviceId,
		op: (body: Record<string, unknown>) => ({
			opId: uuidv7(),
			deviceId,
			at: encodeHlc({ wall: Date.now(), counter: counter++, node: deviceId }),
			...body
		})
	};
}

async function pushOne(
	api: APIRequestContext,
	body: Record<string, unknown>,
	device = phone()
): Promise<OpResult> {
	const res = await api.post('/api/sync/push', {
		data: { protocol: PROTOCOL_VERSION, deviceId: device.deviceId, ops: [device.op(body)] }
	});
	expect(res.ok(), `push: ${res.status()} ${await res.text()}`).toBe(true);
	return ((await res.json()) as { results: OpResult[] }).results[0]!;
}

const upsert = (placeId: string, fields: Record<string, unknown>) => ({
	kind: 'place.upsert',
	placeId,
	packId: 'tsurugashima',
	fields
});
const moderate = (placeId: string, decision: 'approve' | 'return') => ({
	kind: 'place.moderate',
	placeId,
	decision,
	reason: decision === 'return' ? '名前を確認してください' : null
});

/** What `api`'s account pulls of the place. */
async function pulled(api: APIRequestContext, placeId: string) {
	let found: Change | undefined;
	for (let since = 0, hasMore = true; hasMore;) {
		const res = await api.get(
			`/api/sync/pull?protocol=${PROTOCOL_VERSION}&since=${since}&limit=${MAX_PULL_LIMIT}`
		);
		expect(res.ok(), `pull: ${res.status()} ${await res.text()}`).toBe(true);
		const page = (await res.json()) as PullResponse;
		found = page.changes.find((c) => c.id === placeId) ?? found;
		({ cursor: since, hasMore } = page);
	}
	return found?.data as { name: string; moderation: string; districtIds: string[] } | undefined;
}

/** The salon's name in the open data residents and other sites read. */
async function openDataName(api: APIRequestContext, placeId: string) {
	const geo = (await (await api.get('/api/places.geojson')).json()) as {
		features: { id?: string; properties: { id?: string; name: string } }[];
	};
	return geo.features.find((f) => (f.id ?? f.properties.id) === placeId)?.properties.name;
}

/** An approved salon in `districtId`, registered by `organizer` and approved by `coordinator`. */
async function approvedSalon(
	organizer: APIRequestContext,
	coordinator: APIRequestContext,
	name: string,
	districtId: string
): Promise<string> {
	const placeId = uuidv7();
	const fields = { name, category: 'salon', districtId, point: null, status: 'active' };
	expect(await pushOne(organizer, upsert(placeId, fields))).toMatchObject({ status: 'applied' });
	expect(await pushOne(coordinator, moderate(placeId, 'approve'))).toMatchObject({
		status: 'applied'
	});
	return placeId;
}

async function residentSees(page: Page, name: string) {
	await page.goto('/?c=salon');
	await waitForApp(page);
	return page.getByRole('list', { name: /件/ }).getByRole('link', { name, exact: true });
}

test('an organizer’s rename waits for the coordinator while residents keep the approved name', async ({
	browser,
	page,
	context,
	request,
	playwright
}) => {
	const organizer = await createAccount(request, 'organizer');
	const coordinator = await createAccount(request, 'coordinator', ['minami']);
	const stamp = Date.now();
	const oldName = `テスト用サロン（生成）${stamp}`;
	const newName = `テスト用サロン 改名（生成）${stamp}`;
	const placeId = await approvedSalon(
		await apiAs(playwright, organizer),
		await apiAs(playwright, coordinator),
		oldName,
		'minami'
	);

	// The organizer renames it on a phone with no signal: the change shows as waiting.
	await signIn(page, organizer);
	await ready(page);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await page.goto(`/work/places/${placeId}`);
	await waitForApp(page);
	await expect(page.getByTestId('moderation')).toHaveText('公開中');
	await context.setOffline(true);
	await page.getByRole('button', { name: '内容を変更する' }).click();
	await page.getByLabel('名前').fill(newName);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(newName);
	await expect(page.getByTestId('moderation')).toHaveText('変更は確認待ち');
	await expect(page.getByTestId('published-as')).toHaveText(`公開中の内容: ${oldName}`);
	await page.getByRole('link', { name: '記録' }).first().click();
	const mine = page.getByRole('region', { name: '登録した場所' }).getByRole('listitem');
	await expect(mine.filter({ hasText: newName })).toContainText('変更は確認待ち');
	await context.setOffline(false);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await expect(mine.filter({ hasText: newName })).toContainText('変更は確認待ち');

	// A resident on another phone still finds it under the approved name only.
	const resident = await browser.newContext();
	const residentPage = await resident.newPage();
	await expect(await residentSees(residentPage, oldName)).toBeVisible();
	await expect(await residentSees(residentPage, newName)).toHaveCount(0);

	// The district's coordinator finds the change in the queue, beside the public name, and approves.
	const coord = await browser.newContext();
	const coordPage = await coord.newPage();
	await signIn(coordPage, coordinator);
	await coordPage.goto('/work/moderation');
	await waitForApp(coordPage);
	const queued = coordPage.getByRole('listitem').filter({ hasText: newName });
	await expect(queued).toContainText(`公開中の内容: ${oldName}`);
	await queued.getByRole('link', { name: newName }).click();
	await coordPage.getByRole('button', { name: '承認して公開する' }).click();
	await expect(coordPage.getByTestId('moderation')).toHaveText('公開中');
	await coordPage.goto('/work');
	await expect(unsentCount(coordPage)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await coord.close();

	// Residents now find the new name, and the old one is gone.
	await expect(await residentSees(residentPage, newName)).toBeVisible();
	await expect(await residentSees(residentPage, oldName)).toHaveCount(0);
	await resident.close();
});

test('a salon moved to another district is reviewed there; the old district may no longer decide', async ({
	request,
	playwright
}) => {
	// One after the other: createAccount signs the admin in and out on `request`.
	const organizer = await apiAs(playwright, await createAccount(request, 'organizer'));
	const otherOrganizer = await apiAs(playwright, await createAccount(request, 'organizer'));
	const sakae = await apiAs(playwright, await createAccount(request, 'coordinator', ['sakae']));
	const fuji = await apiAs(playwright, await createAccount(request, 'coordinator', ['fuji']));
	const stamp = Date.now();
	const oldName = `テスト用サロン（生成）${stamp}`;
	const markup = `<img src=x onerror=alert(1)>テスト用（生成）${stamp}`;
	const placeId = await approvedSalon(organizer, sakae, oldName, 'sakae');
	const device = phone();

	expect(
		await pushOne(organizer, upsert(placeId, { name: markup, districtId: 'fuji' }), device)
	).toMatchObject({ status: 'applied' });
	// Open data and other accounts keep the approved version; the new district gets the change.
	expect(await openDataName(request, placeId)).toBe(oldName);
	expect(await pulled(otherOrganizer, placeId)).toMatchObject({
		name: oldName,
		moderation: 'approved'
	});
	expect(await pulled(sakae, placeId)).toMatchObject({ name: oldName, districtIds: ['sakae'] });
	expect(await pulled(fuji, placeId)).toMatchObject({
		name: markup,
		districtIds: ['fuji'],
		moderation: 'pending'
	});
	expect(await pulled(organizer, placeId)).toMatchObject({ name: markup, moderation: 'pending' });

	// Nobody but a coordinator of fuji decides; nobody but the owner (or staff) edits.
	for (const caller of [sakae, otherOrganizer, organizer]) {
		expect(await pushOne(caller, moderate(placeId, 'approve'))).toMatchObject({
			status: 'rejected',
			reason: 'forbidden'
		});
	}
	for (const caller of [sakae, fuji, otherOrganizer]) {
		expect(await pushOne(caller, upsert(placeId, { name: oldName }))).toMatchObject({
			status: 'rejected',
			reason: 'forbidden'
		});
	}
	expect(await openDataName(request, placeId)).toBe(oldName);

	// Sent back: still public as approved. Then approved: published.
	expect(await pushOne(fuji, moderate(placeId, 'return'))).toMatchObject({ status: 'applied' });
	expect(await openDataName(request, placeId)).toBe(oldName);
	expect(await pulled(organizer, placeId)).toMatchObject({ moderation: 'returned' });
	expect(await pushOne(fuji, moderate(placeId, 'approve'))).toMatchObject({ status: 'applied' });
	expect(await openDataName(request, placeId)).toBe(markup);
	expect(await pulled(otherOrganizer, placeId)).toMatchObject({ name: markup });
});
