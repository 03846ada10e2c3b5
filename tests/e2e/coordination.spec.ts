import { expect, test, waitForApp } from './fixtures';
import { createAccount, offlineReady, signIn, unsentCount } from './pages/work';
import { E2E_ADMIN } from '../../playwright.config';
import { defaultSessionDate } from '../../src/lib/domain/schedule';
import { todayInJapan } from '../../src/lib/domain/fiscal-year';
import type { ScheduleRule } from '../../src/lib/domain/records';

test('registered offline, approved by the district coordinator, then residents see it', async ({
	browser,
	page,
	context,
	request
}) => {
	const organizer = await createAccount(request, 'organizer');
	const coordinator = await createAccount(request, 'coordinator', ['minami']);
	const outsider = await createAccount(request, 'coordinator', ['fuji']);
	const name = `テスト用子どもサロン（生成）${Date.now()}`;

	await signIn(page, organizer);
	await offlineReady(page);
	await context.setOffline(true);
	await page.getByRole('link', { name: 'つどいの場を登録する' }).click();
	await page.getByLabel('名前').fill(name);
	await page.getByRole('radio', { name: '子どもサロン' }).check();
	// A tap on the map (offline: district outlines, no tiles) places it; the district is chosen after.
	await expect(async () => {
		await page.getByTestId('location-picker').click();
		await expect(page.getByTestId('picked-point')).toBeVisible({ timeout: 1000 });
	}).toPass();
	await page.getByRole('combobox', { name: /小学校区/ }).selectOption('minami');
	await page.getByRole('checkbox', { name: '第1' }).check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('moderation')).toHaveText('承認待ち');
	const placeUrl = page.url().replace(/\?.*$/, '');
	await page.getByRole('link', { name: '記録', exact: true }).first().click();
	await page.getByRole('link', { name: '活動を記録する' }).click();
	// The date starts at the salon's latest scheduled day (第1火曜), not simply today.
	const firstTuesday: ScheduleRule = {
		kind: 'monthly',
		nths: [1],
		weekday: 2,
		start: '10:00',
		end: '12:00'
	};
	await expect(page.getByLabel('開催日', { exact: true })).toHaveValue(
		defaultSessionDate(firstTuesday, todayInJapan())
	);
	await page.getByLabel('参加者（合計）', { exact: true }).fill('6');
	await page.getByRole('button', { name: '保存' }).click();
	await context.setOffline(false);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await expect(page.getByTestId('recent-sessions').getByText('送信済み')).toHaveCount(1);

	// A coordinator of another district sees no approval action (and the server refuses it).
	const other = await browser.newContext();
	const otherPage = await other.newPage();
	await signIn(otherPage, outsider);
	await otherPage.goto(placeUrl);
	await waitForApp(otherPage);
	await expect(otherPage.getByRole('button', { name: '承認して公開する' })).toHaveCount(0);
	await other.close();

	// The district's coordinator approves from the queue.
	const coord = await browser.newContext();
	const coordPage = await coord.newPage();
	await signIn(coordPage, coordinator);
	await coordPage.goto('/work/moderation');
	await waitForApp(coordPage);
	await coordPage.getByRole('link', { name }).click();
	// The review shows what residents will see, map pin included, before the approval.
	const facts = coordPage.getByTestId('place-facts');
	await expect(facts).toContainText('子どもサロン');
	await expect(facts).toContainText('毎月第1火曜');
	await expect(facts.getByText('参加費', { exact: true })).toBeVisible();
	await expect(facts.getByText('対象', { exact: true })).toBeVisible();
	await expect(coordPage.getByRole('img', { name: `${name}の地図上の位置` })).toBeVisible();
	await expect(coordPage.getByTestId('place-pin')).toHaveAttribute('data-ready', 'true');
	await coordPage.getByRole('button', { name: '承認して公開する' }).click();
	await expect(coordPage.getByTestId('moderation')).toHaveText('公開中');
	// One status line names the action and, online, soon says it was sent — as the badge does.
	await expect(
		coordPage.getByRole('status').filter({ hasText: '承認しました（送信済み）' })
	).toBeVisible({ timeout: 20_000 });
	await expect(coordPage.getByText('保存しました')).toHaveCount(0);
	await expect(coordPage.getByText('未送信', { exact: true })).toHaveCount(0);
	await coordPage.goto('/work');
	await expect(unsentCount(coordPage)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	// The coordinator's list of sessions names the salon, never its id.
	const coordSessions = coordPage.getByTestId('recent-sessions');
	await expect(coordSessions).toContainText(name);
	await expect(coordSessions).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
	await coord.close();

	// A resident on another phone finds it in the list (and on the map).
	const resident = await browser.newContext();
	const residentPage = await resident.newPage();
	await residentPage.goto('/?c=kids-salon');
	await waitForApp(residentPage);
	const link = residentPage.getByRole('list', { name: /件/ }).getByRole('link', { name });
	await expect(link).toBeVisible();
	// Its page says when it meets (a salon's page always has the row, given or not).
	await link.click();
	await expect(residentPage.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(residentPage.getByText('開催日時')).toBeVisible();
	await resident.close();

	// The place's history lists who did what, newest first.
	await request.post('/api/auth/login', { data: E2E_ADMIN });
	const id = placeUrl.split('/').pop()!;
	const audit = await (await request.get(`/api/audit?id=${id}`)).json();
	expect(audit.entries.map((e: { kind: string }) => e.kind)).toEqual([
		'place.moderate',
		'place.upsert'
	]);
	expect(audit.nextBefore).toBeNull();
});

test('two phones tally one meeting offline; the total is exactly the sum, however often they sync', async ({
	browser,
	request
}) => {
	const a = await createAccount(request, 'coordinator', ['sakae']);
	const b = await createAccount(request, 'coordinator', ['sakae']);
	const phoneA = await browser.newContext();
	const phoneB = await browser.newContext();
	const pageA = await phoneA.newPage();
	const pageB = await phoneB.newPage();
	await signIn(pageA, a);
	await signIn(pageB, b);

	// The meeting is set up online beforehand, so both phones know it.
	await pageA.goto('/work/meetings');
	await waitForApp(pageA);
	await pageA.getByLabel('会場').fill('富士見市民センター');
	await pageA.getByRole('button', { name: '会議を作る' }).click();
	await expect(pageA).toHaveURL(/\/work\/meetings\/[0-9a-f-]+$/);
	const meetingUrl = pageA.url();
	await pageA.goto('/work');
	await expect(unsentCount(pageA)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await pageB.goto('/work');
	await pageB.getByRole('button', { name: '今すぐ送信' }).click();
	await pageB.goto(meetingUrl);
	await waitForApp(pageB);
	await expect(pageB.getByRole('heading', { level: 1 })).toContainText('地域別懇談会');
	await offlineReady(pageA);
	await offlineReady(pageB);

	// No signal in the meeting room; A opens the meeting from the list, with no reload.
	await phoneA.setOffline(true);
	await phoneB.setOffline(true);
	await pageA.getByRole('link', { name: '会議の出席集計' }).click();
	await pageA.getByRole('link', { name: /富士見市民センター/ }).click();
	await pageA.getByLabel('住民', { exact: true }).fill('12');
	await pageA.getByLabel('民生委員・児童委員', { exact: true }).fill('3');
	await pageA.getByRole('button', { name: '保存' }).click();
	await expect(pageA.getByRole('status').filter({ hasText: '保存しました' })).toBeVisible();
	await pageB.getByLabel('住民', { exact: true }).fill('9');
	await pageB.getByLabel('市職員', { exact: true }).fill('2');
	await pageB.getByRole('button', { name: '保存' }).click();
	await expect(pageB.getByRole('status').filter({ hasText: '保存しました' })).toBeVisible();
	// B corrects its count before going online: still one tally from phone B.
	await pageB.getByLabel('住民', { exact: true }).fill('10');
	await pageB.getByRole('button', { name: '保存' }).click();
	// The correction is saved on B (its own total, 10 + 2, shows it) before B goes online.
	await expect(pageB.getByTestId('meeting-total')).toHaveText('合計 12人');

	await phoneA.setOffline(false);
	await phoneB.setOffline(false);
	for (const p of [pageB, pageB, pageA, pageB]) {
		await p.goto('/work');
		await p.getByRole('button', { name: '今すぐ送信' }).click();
		await expect(unsentCount(p)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	}
	for (const p of [pageA, pageB]) {
		await p.goto(meetingUrl);
		await waitForApp(p);
		await expect(p.getByTestId('meeting-total')).toHaveText('合計 27人');
		await expect(p.getByText('2台の端末の集計')).toBeVisible();
	}
	await phoneA.close();
	await phoneB.close();
});
