import { expect, test, waitForApp } from './fixtures';
import { ENTITY_OF_OP } from '../../src/lib/domain/sync/op-records';
import type { OpKind } from '../../src/lib/domain/sync/protocol';
import { auditEntries, pullAll } from './api/accounts';
import { createAccount, offlineReady, readOutbox, signIn, unsentCount } from './pages/work';
import { E2E_ADMIN } from '../../playwright.config';

const NAME = 'テスト用ふれあいサロン（生成）';

test('an organizer works offline, reloads, goes online: the server has each edit once', async ({
	context,
	page,
	request
}) => {
	const organizer = await createAccount(request, 'organizer');
	await signIn(page, organizer);
	await offlineReady(page);
	// The signal goes right after sign-in: no screen was opened online, nothing is reloaded.
	await context.setOffline(true);
	await page.getByRole('link', { name: 'つどいの場を登録する' }).click();
	await page.getByLabel('名前').fill(NAME);
	await page.getByRole('combobox', { name: /小学校区/ }).selectOption('sakae');
	await page.getByRole('checkbox', { name: '第2' }).check();
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);
	await expect(page.getByTestId('moderation')).toHaveText('承認待ち');

	await page.getByRole('link', { name: '記録', exact: true }).first().click();
	for (const total of ['8', '11']) {
		await page.getByRole('link', { name: '活動を記録する' }).click();
		await page.getByRole('combobox', { name: 'サロン・つどいの場' }).selectOption({ label: NAME });
		await page.getByLabel('参加者（合計）', { exact: true }).fill(total);
		await page.getByRole('button', { name: '保存' }).click();
		await expect(page).toHaveURL(/\/work\?saved=session$/);
	}
	await page.reload(); // still offline: the outbox survives a reload
	await waitForApp(page);
	await expect(unsentCount(page)).toHaveText('未送信 3件');
	await expect(page.getByTestId('recent-sessions').getByText('未送信')).toHaveCount(2);
	// The three edits as the device queued them: each has its op id, made on the device.
	const outbox = await page.evaluate(readOutbox);
	expect(outbox.map((o) => o.kind)).toEqual(['place.upsert', 'session.record', 'session.record']);
	const placeId = outbox[0]!.entityId;

	await context.setOffline(false);
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await expect(page.getByTestId('recent-sessions').getByText('送信済み')).toHaveCount(2);

	// What the server holds, read as an admin through the whole feed two changes a page (this
	// test alone makes three), following hasMore to the end.
	await request.post('/api/auth/login', { data: E2E_ADMIN });
	const feed = await pullAll(request, 0, 2);
	expect(feed.pages).toBeGreaterThan(1);
	const places = feed.changes.filter(
		(c) => c.entity === 'place' && (c.data as { name?: string } | null)?.name === NAME
	);
	expect(places.map((p) => p.id)).toEqual([placeId]);
	const sessions = feed.changes.filter(
		(c) => c.entity === 'session' && (c.data as { placeId?: string } | null)?.placeId === placeId
	);
	expect(sessions.map((s) => s.id).sort()).toEqual(
		outbox
			.slice(1)
			.map((o) => o.entityId)
			.sort()
	);
	expect(
		sessions.map((s) => (s.data as { participants: { total: number } }).participants.total).sort()
	).toEqual([11, 8]);

	// The op ledger: each edit's op accepted exactly once, and no other op for those records — a
	// resend under a new op id, or a second application, would show as a second entry.
	for (const edit of outbox) {
		const entries = await auditEntries(request, edit.entityId, ENTITY_OF_OP[edit.kind as OpKind]);
		expect(
			entries.map((e) => ({ opId: e.opId, kind: e.kind, status: e.status })),
			`${edit.kind} ${edit.entityId}`
		).toEqual([{ opId: edit.opId, kind: edit.kind, status: 'applied' }]);
	}
});
