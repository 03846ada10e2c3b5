/**
 * The first hour, as it happens: people sign in at the office and lose the signal on the way.
 * No page is reloaded before going offline and no screen is visited beforehand "to warm it up":
 * the service worker takes control of the page it was installed from, and every screen's code
 * comes from its cache. Back online, each record reaches the server exactly once (read from the
 * sync feed and the op ledger, not from the screens).
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { auditEntries, pullAll } from './api/accounts';
import {
	createAccount,
	offlineReady,
	readOutbox,
	signIn,
	unsentCount,
	type OutboxEntry
} from './pages/work';
import { ENTITY_OF_OP, recordIdOf } from '../../src/lib/domain/sync/op-records';
import type { Op } from '../../src/lib/domain/sync/protocol';
import { E2E_ADMIN } from '../../playwright.config';

const recordOf = (o: OutboxEntry) => recordIdOf(o.op as unknown as Op);
/** Ids are unique only within a kind: a record's history is asked for by kind and id. */
const entityOf = (o: OutboxEntry) => ENTITY_OF_OP[(o.op as unknown as Op).kind];

/** A second phone: its own browser context, signed in. */
async function phone(browser: Browser, who: { email: string; password: string }) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, who);
	return { context, page };
}

/** Taps a group's ＋ `times` times on the tally screen. */
async function tap(page: Page, group: string, times: number) {
	const plus = page.getByRole('button', { name: `${group}を1増やす` });
	for (let i = 0; i < times; i++) await plus.click();
}

/** Back to 記録 by its link (no reload), where the unsent count is shown. */
async function toWork(page: Page) {
	await page.getByRole('link', { name: '記録', exact: true }).first().click();
	await expect(page).toHaveURL(/\/work$/);
}

/**
 * Every op a device queued reached the server's ledger once, applied, and no other op exists
 * for those records (a resend under a new id, or a second application, would be an entry more).
 */
async function expectEachOpOnce(
	request: import('@playwright/test').APIRequestContext,
	outbox: OutboxEntry[]
) {
	const byRecord = new Map<string, OutboxEntry[]>();
	for (const o of outbox) {
		const key = `${entityOf(o)} ${recordOf(o)}`;
		byRecord.set(key, [...(byRecord.get(key) ?? []), o]);
	}
	for (const ops of byRecord.values()) {
		const record = recordOf(ops[0]!);
		const entries = await auditEntries(request, record, entityOf(ops[0]!));
		expect(
			entries
				.map((e) => ({ opId: e.opId, status: e.status }))
				.sort((a, b) => (a.opId < b.opId ? -1 : 1)),
			`${ops[0]!.kind} ${record}`
		).toEqual(
			ops
				.map((o) => ({ opId: o.opId, status: 'applied' }))
				.sort((a, b) => (a.opId < b.opId ? -1 : 1))
		);
	}
}

test('signed in online, the signal gone at once: register, log, tally on two phones, evaluate; the server has each record once', async ({
	browser,
	context,
	page,
	request
}) => {
	// Four people, each signing in and working offline, then a sync each: a long story.
	test.setTimeout(180_000);
	const organizer = await createAccount(request, 'organizer');
	const coordinatorA = await createAccount(request, 'coordinator', ['sakae']);
	const coordinatorB = await createAccount(request, 'coordinator', ['sakae']);
	const staff = await createAccount(request, 'staff');
	const salon = `テスト用つどいの場（生成）${Date.now()}`;
	const venue = `テスト用会場（生成）${Date.now()}`;

	// The organizer signs in and loses the signal right away.
	await signIn(page, organizer);
	await offlineReady(page);
	await context.setOffline(true);
	await page.getByRole('link', { name: 'つどいの場を登録する' }).click();
	await page.getByLabel('名前').fill(salon);
	await page.getByRole('combobox', { name: /小学校区/ }).selectOption('sakae');
	await page.getByRole('checkbox', { name: '第2' }).check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(salon);
	await toWork(page);
	await page.getByRole('link', { name: '活動を記録する' }).click();
	await page.getByRole('combobox', { name: 'サロン・つどいの場' }).selectOption({ label: salon });
	await page.getByLabel('参加者（合計）', { exact: true }).fill('8');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page).toHaveURL(/\/work\?saved=session$/);
	await expect(unsentCount(page)).toHaveText('未送信 2件');
	const organizerOps = await page.evaluate(readOutbox);
	expect(organizerOps.map((o) => o.kind)).toEqual(['place.upsert', 'session.record']);

	// Coordinator A sets up the meeting at the office; B signs in there and sees it on her phone.
	const a = await phone(browser, coordinatorA);
	await a.page.getByRole('link', { name: '会議の出席集計' }).click();
	await a.page.getByLabel('会場').fill(venue);
	await a.page.getByRole('button', { name: '会議を作る' }).click();
	await expect(a.page).toHaveURL(/\/work\/meetings\/[0-9a-f-]+$/);
	const meetingId = a.page.url().split('/').pop()!;
	await toWork(a.page);
	await expect(unsentCount(a.page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	const b = await phone(browser, coordinatorB);
	await b.page.getByRole('link', { name: '会議の出席集計' }).click();
	await expect(b.page.getByRole('link', { name: new RegExp(venue) })).toBeVisible({
		timeout: 20_000
	});

	// In the meeting room there is no signal for either phone; neither reloads.
	await offlineReady(a.page);
	await offlineReady(b.page);
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await a.page.getByRole('link', { name: '会議の出席集計' }).click();
	await a.page.getByRole('link', { name: new RegExp(venue) }).click();
	await tap(a.page, '住民', 5);
	await tap(a.page, '市職員', 2);
	// The total follows the taps, with no 保存.
	await expect(a.page.getByTestId('meeting-total')).toHaveText('合計 7人');
	await b.page.getByRole('link', { name: new RegExp(venue) }).click();
	await tap(b.page, '住民', 3);
	await b.page.getByLabel('民生委員・児童委員', { exact: true }).fill('4');
	await expect(b.page.getByTestId('meeting-total')).toHaveText('合計 7人');
	for (const p of [a.page, b.page]) {
		await expect(p.getByTestId('tally-unsaved')).toHaveCount(0);
		await expect(p.locator('form.tally [data-state]')).toHaveText('未送信');
	}
	// Leaving by the back link keeps every tap.
	await b.page.getByRole('link', { name: '会議の出席集計' }).click();
	await b.page.getByRole('link', { name: new RegExp(venue) }).click();
	await expect(b.page.getByLabel('住民', { exact: true })).toHaveValue('3');
	await expect(b.page.getByLabel('民生委員・児童委員', { exact: true })).toHaveValue('4');
	const tallyOps = [...(await a.page.evaluate(readOutbox)), ...(await b.page.evaluate(readOutbox))];
	expect(new Set(tallyOps.map((o) => o.kind))).toEqual(new Set(['tally.set']));
	expect(new Set(tallyOps.map(recordOf)).size).toBe(2); // one tally per phone

	// A staff member evaluates an indicator's year, also with the signal gone after sign-in.
	const s = await phone(browser, staff);
	await offlineReady(s.page);
	await s.context.setOffline(true);
	await s.page.getByRole('link', { name: '計画の指標' }).click();
	await s.page.getByRole('link', { name: /^No\. 2 / }).click();
	await s.page.getByRole('link', { name: /の評価を入力する$/ }).click();
	const tag = `テスト評価（生成）${Date.now()}`;
	await s.page.getByLabel('成果（良かった点）').fill(`${tag} 成果`);
	await s.page.getByRole('radio', { name: '○ おおむね計画どおり進んだ' }).check();
	await s.page.getByRole('radio', { name: /^継続/ }).check();
	await s.page.getByRole('button', { name: '保存' }).click();
	await expect(s.page.getByRole('status').filter({ hasText: '評価を保存しました' })).toBeVisible();
	const staffOps = await s.page.evaluate(readOutbox);
	expect(staffOps.map((o) => o.kind)).toEqual(['indicator.evaluate']);

	// Everyone comes back online; each phone sends what it holds.
	await context.setOffline(false);
	await a.context.setOffline(false);
	await b.context.setOffline(false);
	await s.context.setOffline(false);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	for (const p of [a.page, b.page, s.page]) {
		await toWork(p);
		await expect(unsentCount(p)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	}

	// What the server holds, read as an admin.
	await request.post('/api/auth/login', { data: E2E_ADMIN });
	const feed = await pullAll(request, 0, 1000, 3);
	const places = feed.changes.filter(
		(c) => c.entity === 'place' && (c.data as { name?: string } | null)?.name === salon
	);
	expect(places.map((p) => p.id)).toEqual([organizerOps[0]!.entityId]);
	const sessions = feed.changes.filter(
		(c) =>
			c.entity === 'session' && (c.data as { placeId?: string } | null)?.placeId === places[0]!.id
	);
	expect(
		sessions.map((x) => (x.data as { participants: { total: number } }).participants.total)
	).toEqual([8]);
	const tallies = feed.changes.filter(
		(c) =>
			c.entity === 'tally' && (c.data as { meetingId?: string } | null)?.meetingId === meetingId
	);
	expect(tallies.map((t) => (t.data as { counts: Record<string, number> }).counts)).toEqual(
		expect.arrayContaining([
			{ residents: 5, 'city-staff': 2 },
			{ residents: 3, 'welfare-commissioner': 4 }
		])
	);
	expect(tallies).toHaveLength(2);
	await expectEachOpOnce(request, [...organizerOps, ...tallyOps, ...staffOps]);

	// Both phones, synced, show the meeting's total as the sum of the two tallies.
	for (const p of [a.page, b.page]) {
		await p.getByRole('link', { name: '会議の出席集計' }).click();
		await p.getByRole('link', { name: new RegExp(venue) }).click();
		await expect(p.getByTestId('meeting-total')).toHaveText('合計 14人', { timeout: 20_000 });
	}
	for (const x of [a, b, s]) await x.context.close();
});

test('ten taps, then an offline reload at once: the ten are there, and the server counts them once', async ({
	context,
	page,
	request
}) => {
	test.setTimeout(90_000);
	const coordinator = await createAccount(request, 'coordinator', ['fuji']);
	const venue = `テスト用会場（生成）${Date.now()}`;
	await signIn(page, coordinator);
	await offlineReady(page);
	await context.setOffline(true);
	await page.getByRole('link', { name: '会議の出席集計' }).click();
	await page.getByLabel('会場').fill(venue);
	await page.getByRole('button', { name: '会議を作る' }).click();
	await expect(page).toHaveURL(/\/work\/meetings\/[0-9a-f-]+$/);
	const meetingId = page.url().split('/').pop()!;

	await tap(page, '住民', 10);
	await expect(page.getByLabel('住民', { exact: true })).toHaveValue('10');
	await expect(page.getByTestId('meeting-total')).toHaveText('合計 10人');
	// No 保存, no waiting: the reload comes right after the last tap.
	await page.reload();
	await waitForApp(page);
	await expect(page.getByLabel('住民', { exact: true })).toHaveValue('10');
	await expect(page.getByTestId('meeting-total')).toHaveText('合計 10人');
	await expect(page.locator('form.tally [data-state]')).toHaveText('未送信');
	// What cannot be saved yet says so, and is saved once it is a count again.
	const staffCount = page.getByLabel('市職員', { exact: true });
	await staffCount.fill('2人');
	await expect(page.getByTestId('tally-unsaved')).toHaveText('未保存');
	await expect(page.getByText('0以上の整数で入力してください。')).toBeVisible();
	await staffCount.fill('2');
	await expect(page.getByTestId('tally-unsaved')).toHaveCount(0);
	await expect(page.getByTestId('meeting-total')).toHaveText('合計 12人');
	const outbox = await page.evaluate(readOutbox);

	await context.setOffline(false);
	await toWork(page);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });

	await request.post('/api/auth/login', { data: E2E_ADMIN });
	const feed = await pullAll(request, 0, 1000, 3);
	const tallies = feed.changes.filter(
		(c) =>
			c.entity === 'tally' && (c.data as { meetingId?: string } | null)?.meetingId === meetingId
	);
	expect(tallies.map((t) => (t.data as { counts: unknown }).counts)).toEqual([
		{ residents: 10, 'city-staff': 2 }
	]);
	await expectEachOpOnce(request, outbox);
});
