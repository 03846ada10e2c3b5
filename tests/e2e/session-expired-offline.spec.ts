import { expect, test, waitForApp } from './fixtures';
import { createAccount, offlineReady, signIn, unsentCount } from './pages/work';
import { E2E_ADMIN } from '../../playwright.config';

/**
 * A sign-in that ends while the phone is offline never loses the outbox: back online the app
 * asks to sign in again and keeps the unsent count; once the person signs in, the queue goes
 * out at once and the server has the edit once, under their account.
 */
test('a session that expires offline keeps the queue; signing in again sends it once', async ({
	context,
	page,
	request,
	playwright
}, info) => {
	const organizer = await createAccount(request, 'organizer');
	const name = `テスト用期限切れサロン（生成）${Date.now()}`;
	await signIn(page, organizer);
	await offlineReady(page);

	await context.setOffline(true);
	await page.getByRole('link', { name: 'つどいの場を登録する' }).click();
	await page.getByLabel('名前').fill(name);
	await page.getByRole('combobox', { name: /小学校区/ }).selectOption('sakae');
	await page.getByRole('checkbox', { name: '第2' }).check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await page.getByRole('link', { name: '記録', exact: true }).first().click();
	await expect(unsentCount(page)).toHaveText('未送信 1件');

	// Meanwhile the server ends the sign-in (expired, or revoked): the phone still holds the
	// cookie, which the server no longer knows.
	const cookie = (await context.cookies()).find((c) => c.name === 'ibasho_session');
	expect(cookie, 'the phone is signed in').toBeDefined();
	const stale = await playwright.request.newContext({
		baseURL: info.project.use.baseURL,
		extraHTTPHeaders: { cookie: `ibasho_session=${cookie!.value}` }
	});
	expect((await stale.post('/api/auth/logout')).status()).toBe(204);
	expect((await stale.get('/api/auth/me')).status()).toBe(401);
	await stale.dispose();

	// Back online: the send is refused; the app asks for a sign-in and keeps the queue.
	await context.setOffline(false);
	await expect(page.getByText('送信するには、もう一度ログインしてください。')).toBeVisible({
		timeout: 20_000
	});
	await expect(unsentCount(page)).toHaveText('未送信 1件');
	// Later the person opens the app again (no retry of the offline hours is still pending).
	await page.reload();
	await waitForApp(page);
	await expect(page.getByText('送信するには、もう一度ログインしてください。')).toBeVisible();
	await expect(unsentCount(page)).toHaveText('未送信 1件');

	// The person signs in again from the notice: the queue goes out without another tap.
	await page.getByRole('link', { name: 'ログイン', exact: true }).click();
	await expect(page.getByText('ログインの有効期限が切れました')).toBeVisible();
	await page.getByLabel('メールアドレス').fill(organizer.email);
	await page.getByLabel('パスワード').fill(organizer.password);
	await page.getByRole('button', { name: 'ログイン' }).click();
	await expect(page).toHaveURL(/\/work$/);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await expect(page.getByText('送信するには、もう一度ログインしてください。')).toHaveCount(0);

	// The server holds the salon once, registered by the organizer.
	const admin = await playwright.request.newContext({ baseURL: info.project.use.baseURL });
	expect((await admin.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
	const feed = await (await admin.get('/api/sync/pull?since=0&limit=1000')).json();
	const places = feed.changes.filter(
		(c: { entity: string; data: { name?: string } | null }) =>
			c.entity === 'place' && c.data?.name === name
	);
	expect(places).toHaveLength(1);
	const audit = await (await admin.get(`/api/audit?id=${places[0].id}`)).json();
	expect(audit.entries.map((e: { userEmail: string }) => e.userEmail)).toEqual([organizer.email]);
	await admin.dispose();
});
