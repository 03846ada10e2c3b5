/**
 * Signing in and sending a record, as a first-time deployer's people do it. Runs in the
 * default project, against the server exactly as the README's `npm start` runs it (plain http
 * on localhost, no ORIGIN), and in the behind-proxy project (https via a proxy, ORIGIN set):
 * both must take the browser's own POSTs and refuse another site's.
 */
import { expect, test, waitForApp } from './fixtures';
import { pullAll } from './api/accounts';
import { createAccount, signIn, unsentCount } from './pages/work';
import { E2E_ADMIN } from '../../playwright.config';

const NAME = 'テスト用サインインのサロン（生成）';

test('an organizer signs in and registers a salon: the server has it', async ({
	page,
	context,
	request,
	baseURL
}) => {
	const organizer = await createAccount(request, 'organizer');
	await signIn(page, organizer);

	// Secure only over https: over plain http (a LAN address) a browser would drop it.
	const session = (await context.cookies()).find((c) => c.name === 'ibasho_session');
	expect(session?.httpOnly).toBe(true);
	expect(session?.secure).toBe(baseURL!.startsWith('https:'));

	await page.goto('/work/places/new');
	await waitForApp(page);
	await page.getByLabel('名前').fill(NAME);
	await page.getByRole('combobox', { name: /小学校区/ }).selectOption('sakae');
	await page.getByRole('checkbox', { name: '第2' }).check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);
	await page.goto('/work');
	await waitForApp(page);
	// The place's own tag, not the panel's count: that reads "all sent" until the outbox is read.
	const registered = page.getByRole('region', { name: '登録した場所' }).getByRole('listitem');
	await expect(registered.filter({ hasText: NAME })).toContainText('送信済み', { timeout: 20_000 });
	await expect(unsentCount(page)).toHaveText('すべて送信済みです');

	await request.post('/api/auth/login', { data: E2E_ADMIN });
	const { changes } = await pullAll(request);
	const named = changes.filter(
		(c) => c.entity === 'place' && (c.data as { name?: string } | null)?.name === NAME
	);
	expect(named).toHaveLength(1);
});

test('a wrong password and a refusal read as sentences, never as codes', async ({ page }) => {
	await page.goto('/login');
	await waitForApp(page);
	await page.getByLabel('メールアドレス').fill('nobody@example.test');
	await page.getByLabel('パスワード').fill('not-the-password');
	await page.getByRole('button', { name: 'ログイン' }).click();
	await expect(page.getByRole('alert')).toHaveText('メールアドレスかパスワードが違います。');

	// What a misconfigured proxy would make the server answer, and a code this app predates.
	for (const [reason, text] of [
		['cross_site_request', /ほかのサイトから送られた操作/],
		['a_code_from_a_newer_server', /問題が発生しました/]
	] as const) {
		await page.route('**/api/auth/login', (route) =>
			route.fulfill({ status: 403, json: { reason, details: null } })
		);
		await page.getByRole('button', { name: 'ログイン' }).click();
		await expect(page.getByRole('alert')).toHaveText(text);
		await expect(page.getByRole('alert')).not.toContainText(/login\.|reason\.|_/);
		await page.unroute('**/api/auth/login');
	}
});

test('a form on another site cannot sign in here', async ({ page, baseURL }) => {
	// A page at another origin that posts the admin's credentials to this server's login.
	await page.route('http://other-site.example/', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: `<form method="post" action="${baseURL}/api/auth/login" enctype="text/plain">
				<input name='{"email":"${E2E_ADMIN.email}","password":"${E2E_ADMIN.password}","x":"' value='"}'>
				<button>go</button></form>`
		})
	);
	await page.goto('http://other-site.example/');
	const answer = page.waitForResponse(`${baseURL}/api/auth/login`);
	await page.getByRole('button', { name: 'go' }).click();
	const res = await answer;
	expect(res.status()).toBe(403);
	expect(await res.json()).toEqual({ reason: 'cross_site_request', details: null });
	expect((await page.context().cookies()).some((c) => c.name === 'ibasho_session')).toBe(false);
});
