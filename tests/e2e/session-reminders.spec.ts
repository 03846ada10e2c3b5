/**
 * 開催日で未記録 on /work: an organizer sees the dates her salons met by their schedule in the
 * last four weeks and has not logged, logs one with a tap (the form opens on that salon and
 * date), and marks one 休み. The salons are generated test data, registered through the API as
 * a phone would send them, their schedules set on 1 October 2026; the browser's clock is pinned:
 * "now" is Wednesday 18 November 2026, 09:00 in Japan.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn } from './pages/work';
import { encodeHlc } from '../../src/lib/domain/sync/hlc';
import { PROTOCOL_VERSION, type OpResult } from '../../src/lib/domain/sync/protocol';
import { uuidv7 } from '../../src/lib/domain/sync/uuid';

const NOW = new Date('2026-11-18T09:00:00+09:00');
const RULE_SET = Date.parse('2026-10-01T10:00:00+09:00');

async function registerSalon(api: APIRequestContext, fields: Record<string, unknown>) {
	const deviceId = uuidv7();
	const placeId = uuidv7();
	const op = {
		opId: uuidv7(),
		deviceId,
		at: encodeHlc({ wall: RULE_SET, counter: 0, node: deviceId }),
		kind: 'place.upsert',
		placeId,
		packId: 'tsurugashima',
		fields: { category: 'salon', districtId: 'minami', point: null, ...fields }
	};
	const res = await api.post('/api/sync/push', {
		data: { protocol: PROTOCOL_VERSION, deviceId, ops: [op] }
	});
	expect(res.ok(), `push: ${res.status()} ${await res.text()}`).toBe(true);
	const [result] = ((await res.json()) as { results: OpResult[] }).results;
	expect(result).toMatchObject({ status: 'applied' });
	return placeId;
}

test('due-but-unlogged sessions: listed newest first with the holiday named, one tap logs, 休み stops it', async ({
	page,
	playwright,
	request
}) => {
	const who = await createAccount(request, 'organizer');
	const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
	await api.post('/api/auth/login', { data: who });
	const stamp = Date.now();
	const mon = `テスト用 月曜サロン（生成）${stamp}`;
	const tue = `テスト用 火曜サロン（生成）${stamp}`;
	await registerSalon(api, {
		name: mon,
		status: 'active',
		scheduleRule: { kind: 'weekly', weekdays: [1], start: '13:30', end: '15:00' }
	});
	const tueId = await registerSalon(api, {
		name: tue,
		status: 'active',
		scheduleRule: { kind: 'weekly', weekdays: [2], start: '10:00', end: '12:00' }
	});
	await registerSalon(api, {
		name: `テスト用 休止中サロン（生成）${stamp}`,
		status: 'paused',
		scheduleRule: { kind: 'weekly', weekdays: [3], start: '10:00', end: '12:00' }
	});
	await api.dispose();

	await page.clock.setFixedTime(NOW);
	await signIn(page, who);
	const list = page.getByTestId('due-sessions');
	await expect(list.getByRole('heading', { name: '開催日で未記録' })).toBeVisible({
		timeout: 20_000
	});
	// 28 days back from 18 November: 22 October on. The paused salon is not there.
	await expect(list.getByRole('listitem')).toHaveText([
		new RegExp(`^11月17日\\(火\\) ${tue}`),
		new RegExp(`^11月16日\\(月\\) ${mon}`),
		new RegExp(`^11月10日\\(火\\) ${tue}`),
		new RegExp(`^11月9日\\(月\\) ${mon}`),
		new RegExp(`^11月3日\\(火\\) ${tue}.*祝日（文化の日）`),
		new RegExp(`^11月2日\\(月\\) ${mon}`),
		new RegExp(`^10月27日\\(火\\) ${tue}`),
		new RegExp(`^10月26日\\(月\\) ${mon}`)
	]);
	await expect(list).toContainText('「休み」はこの端末にだけ保存されます');

	// The holiday: it was not held.
	await list.getByRole('button', { name: `11月3日(火) ${tue}は休みだった` }).click();
	await expect(list.getByRole('listitem')).toHaveCount(7);
	await expect(list).not.toContainText('11月3日');

	// One tap opens the log on that salon and date.
	await list.getByRole('link', { name: `11月17日(火) ${tue}を記録する` }).click();
	await expect(page).toHaveURL(/\/work\/sessions\/new\?/);
	await waitForApp(page);
	await expect(page.getByRole('combobox', { name: 'サロン・つどいの場' })).toHaveValue(tueId);
	await expect(page.getByLabel('開催日')).toHaveValue('2026-11-17');
	await page.getByLabel('参加者（合計）', { exact: true }).fill('9');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page).toHaveURL(/\/work\?saved=session$/);
	await expect(list.getByRole('listitem')).toHaveCount(6);
	await expect(list).not.toContainText('11月17日');

	// Both stay settled on this device.
	await page.reload();
	await waitForApp(page);
	await expect(list.getByRole('listitem')).toHaveCount(6);
	await expect(list.getByRole('listitem').first()).toContainText(`11月16日(月) ${mon}`);
});
