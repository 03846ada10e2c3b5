import { expect, test, waitForApp } from './fixtures';
import { createAccount, ready, signIn, unsentCount } from './pages/work';
import { E2E_ADMIN } from '../../playwright.config';

test('an organizer works offline, reloads, goes online: the server has each edit once', async ({
	context,
	page,
	request
}) => {
	const organizer = await createAccount(request, 'organizer');
	await signIn(page, organizer);
	await ready(page);
	// Visit the screens once online, as a volunteer would before going to the venue.
	await page.goto('/work/places/new');
	await waitForApp(page);

	await context.setOffline(true);
	await page.reload();
	await waitForApp(page);
	await page.getByLabel('名前').fill('テスト用ふれあいサロン（生成）');
	await page.getByRole('combobox', { name: /小学校区/ }).selectOption('sakae');
	await page.getByRole('checkbox', { name: '第2' }).check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'テスト用ふれあいサロン（生成）'
	);
	await expect(page.getByTestId('moderation')).toHaveText('承認待ち');

	for (const total of ['8', '11']) {
		await page.goto('/work/sessions/new');
		await waitForApp(page);
		await page
			.getByRole('combobox', { name: 'サロン・つどいの場' })
			.selectOption({ label: 'テスト用ふれあいサロン（生成）' });
		await page.getByLabel('参加者（合計）', { exact: true }).fill(total);
		await page.getByRole('button', { name: '保存' }).click();
		await expect(page).toHaveURL(/\/work\?saved=session$/);
	}
	await page.reload(); // still offline: the outbox survives a reload
	await waitForApp(page);
	await expect(unsentCount(page)).toHaveText('未送信 3件');
	await expect(page.getByTestId('recent-sessions').getByText('未送信')).toHaveCount(2);

	await context.setOffline(false);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await expect(page.getByTestId('recent-sessions').getByText('送信済み')).toHaveCount(2);

	// The server holds the place once and each session once.
	await request.post('/api/auth/login', { data: E2E_ADMIN });
	const feed = await (await request.get('/api/sync/pull?since=0&limit=1000')).json();
	const places = feed.changes.filter(
		(c: { entity: string; data: { name?: string } }) =>
			c.entity === 'place' && c.data.name === 'テスト用ふれあいサロン（生成）'
	);
	expect(places).toHaveLength(1);
	const sessions = feed.changes.filter(
		(c: { entity: string; data: { placeId?: string } }) =>
			c.entity === 'session' && c.data.placeId === places[0].id
	);
	expect(
		sessions
			.map((s: { data: { participants: { total: number } } }) => s.data.participants.total)
			.sort()
	).toEqual([11, 8]);
	const audit = await (await request.get(`/api/audit?id=${places[0].id}`)).json();
	expect(audit.entries).toHaveLength(1);
});
