/**
 * The meeting page's one status line (ActionStatus, as on the other work screens): it names
 * what was done — 保存しました, 会議を締めました, 中止にしました — and says whether it has left
 * the phone, from the same sync state as the badge beside the tally, so the two agree online
 * and offline.
 */
import { expect, test, waitForApp } from './fixtures';
import { createAccount, offlineReady, signIn } from './pages/work';

test('保存, 締める and 中止 each name themselves and their sending state, offline and online', async ({
	page,
	request
}) => {
	await signIn(page, await createAccount(request, 'coordinator', ['sakae']));
	await page.getByRole('link', { name: '会議の出席集計' }).click();
	await waitForApp(page);
	await page.getByLabel('会場').fill('生成テスト会場（状態表示）');
	await page.getByRole('button', { name: '会議を作る' }).click();
	await expect(page).toHaveURL(/\/work\/meetings\/[0-9a-f-]+$/);
	// The line after an action (the layout has a status region of its own, empty here).
	const status = page.getByRole('status').filter({ hasText: 'ました' });
	const tallyBadge = page.locator('form.tally h2 [data-state]');

	// Online: saved, then sent — the line and the badge say the same.
	await page.getByLabel('住民', { exact: true }).fill('5');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(status).toHaveText('保存しました（送信済み）。', { timeout: 10_000 });
	await expect(tallyBadge).toHaveText('送信済み');

	// Offline: unsent, and it goes out by itself once the signal is back.
	await offlineReady(page);
	await page.context().setOffline(true);
	await page.getByRole('button', { name: '住民を1増やす' }).click();
	await expect(status).toHaveCount(0); // a tap after the action: the line is gone
	await page.getByRole('button', { name: '保存' }).click();
	await expect(status).toHaveText('保存しました（未送信）。電波があれば自動で送信します。');
	await expect(tallyBadge).toHaveText('未送信');
	await page.context().setOffline(false);
	await expect(status).toHaveText('保存しました（送信済み）。', { timeout: 10_000 });
	await expect(tallyBadge).toHaveText('送信済み');

	// Closing the meeting, then cancelling it: each named, each sent.
	await page.getByRole('button', { name: '会議を締める' }).click();
	await expect(status).toHaveText('会議を締めました（送信済み）。', { timeout: 10_000 });
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'この会議を中止にする' }).click();
	await expect(status).toHaveText('中止にしました（送信済み）。', { timeout: 10_000 });
	await expect(page.getByTestId('meeting-cancelled')).toBeVisible();
});
