/**
 * The work screens in several cities (packs/tsurugashima and packs/tokorozawa on one server):
 * an account that holds both switches city on /work, the choice stays on the device, and each
 * city's screens show that city's records only; the paper endpoints read the city asked for,
 * and refuse one the account does not hold. Tokorozawa has no districts: its staff create a
 * meeting with no district step and tally it with no signal, and it syncs.
 */
import type { Page } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, offlineReady, signIn, unsentCount } from './pages/work';

const switcher = (page: Page) => page.getByLabel('作業する市町村');

/** `district`: a district to tick, or 市全体 for a city-wide meeting in a city with districts. */
async function createMeeting(page: Page, venue: string, district?: string) {
	await page.getByRole('link', { name: '会議の出席集計' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('会議の出席集計');
	if (district) await page.getByLabel(district).check();
	else await expect(page.getByRole('group', { name: '対象の地区' })).toHaveCount(0);
	await page.getByLabel('会場').fill(venue);
	await page.getByRole('button', { name: '会議を作る' }).click();
	await expect(page).toHaveURL(/\/work\/meetings\/[0-9a-f-]+$/);
	await expect(page.getByTestId('meeting-total')).toHaveText('合計 0人');
}

/** The header's link to /work (named 「記録 未送信 n件」 while edits wait). */
async function backToWork(page: Page) {
	await page.getByRole('banner').getByRole('link', { name: /^記録/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('記録');
}

test('an account of both cities switches city on /work and sees each city’s records', async ({
	page,
	request
}) => {
	const both = await createAccount(request, 'staff', [], ['tsurugashima', 'tokorozawa']);
	await signIn(page, both);
	// The default city first: the account holds it.
	await expect(switcher(page)).toHaveValue('tsurugashima');
	await expect(switcher(page).getByRole('option')).toHaveText(['所沢市', '鶴ヶ島市']);

	const tsurugashimaVenue = '生成テスト会場A（鶴ヶ島）';
	const tokorozawaVenue = '生成テスト会場B（所沢）';
	// A city-wide meeting: only the city it was created in tells its list.
	await createMeeting(page, tsurugashimaVenue, '市全体（地区を限らない）');
	await backToWork(page);

	await switcher(page).selectOption('tokorozawa');
	await expect(switcher(page)).toHaveValue('tokorozawa');
	await createMeeting(page, tokorozawaVenue);
	await backToWork(page);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 15_000 });
	await page.getByRole('link', { name: '会議の出席集計' }).click();
	await expect(page.getByRole('link', { name: new RegExp(tokorozawaVenue) })).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(tsurugashimaVenue) })).toHaveCount(0);

	// The choice stays on this device: a fresh visit opens in Tokorozawa.
	await page.goto('/work');
	await waitForApp(page);
	await expect(switcher(page)).toHaveValue('tokorozawa');
	await switcher(page).selectOption('tsurugashima');
	await page.getByRole('link', { name: '会議の出席集計' }).click();
	await expect(page.getByRole('link', { name: new RegExp(tsurugashimaVenue) })).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(tokorozawaVenue) })).toHaveCount(0);

	// The paper endpoints read the city asked for, among the account's.
	for (const city of ['tsurugashima', 'tokorozawa']) {
		const res = await page.request.get(`/api/paperwork/salons?city=${city}`);
		expect(res.status(), city).toBe(200);
	}
});

test('an account of one city has no switcher and is refused another city’s papers', async ({
	page,
	request
}) => {
	const one = await createAccount(request, 'staff', [], ['tokorozawa']);
	await signIn(page, one);
	await expect(page.getByRole('link', { name: '会議の出席集計' })).toBeVisible();
	await expect(switcher(page)).toHaveCount(0);
	const refused = await page.request.get('/api/paperwork/survey?city=tsurugashima');
	expect(refused.status()).toBe(403);
	expect(((await refused.json()) as { reason: string }).reason).toBe('city_not_held');
	expect((await page.request.get('/api/paperwork/survey?city=tokorozawa')).status()).toBe(200);
});

test('Tokorozawa (no districts): a meeting created and tallied with no signal syncs', async ({
	context,
	page,
	request
}) => {
	const staff = await createAccount(request, 'staff', [], ['tokorozawa']);
	await signIn(page, staff);
	await offlineReady(page);
	// The work screens are Tokorozawa's before the signal goes: its pack is on the device.
	await page.getByRole('link', { name: '会議の出席集計' }).click();
	await expect(page.getByRole('group', { name: '対象の地区' })).toHaveCount(0);
	await backToWork(page);

	await context.setOffline(true);
	const venue = '生成テスト会場C（所沢・電波なし）';
	await createMeeting(page, venue);
	const plus = page.getByRole('button', { name: '住民を1増やす' });
	for (let i = 0; i < 3; i++) await plus.click();
	await expect(page.getByTestId('meeting-total')).toHaveText('合計 3人');
	await backToWork(page);
	await expect(unsentCount(page)).not.toHaveText('すべて送信済みです');

	await context.setOffline(false);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	// What the server holds: the meeting in Tokorozawa, its tally counted.
	const pulled = await page.request.get('/api/sync/pull?since=0&protocol=3');
	const body = (await pulled.json()) as {
		changes: { entity: string; city?: string; data: { venue?: string } | null }[];
	};
	const meeting = body.changes.find((c) => c.entity === 'meeting' && c.data?.venue === venue);
	expect(meeting?.city).toBe('tokorozawa');
	expect(body.changes.filter((c) => c.entity === 'tally' && c.city === 'tokorozawa')).not.toEqual(
		[]
	);
});
