/**
 * An organizer's yearly report from the sessions they logged: offline, last fiscal year's report
 * shows the totals (延べ), lists the scheduled date with no log, takes a 休み mark, and prints
 * ready to sign; staff see the same year for that salon, and the salon in the 通いの場 survey
 * sheet, whose CSV parses with its header and a row per kind and frequency. The salon and its sessions are
 * generated test data (テスト用, 生成), registered through the API as a phone would send it
 * and approved by its district's coordinator; the sessions are logged through the form.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, offlineReady, signIn, unsentCount } from './pages/work';
import { encodeHlc } from '../../src/lib/domain/sync/hlc';
import { PROTOCOL_VERSION, type OpResult } from '../../src/lib/domain/sync/protocol';
import { uuidv7 } from '../../src/lib/domain/sync/uuid';
import { parseCsv } from '../../src/lib/domain/csv';

async function apiAs(
	playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } },
	who: { email: string; password: string }
): Promise<APIRequestContext> {
	const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
	const res = await api.post('/api/auth/login', { data: who });
	expect(res.ok(), `sign-in: ${res.status()}`).toBe(true);
	return api;
}

async function pushOne(api: APIRequestContext, body: Record<string, unknown>): Promise<OpResult> {
	const deviceId = uuidv7();
	const op = {
		opId: uuidv7(),
		deviceId,
		at: encodeHlc({ wall: Date.now(), counter: 0, node: deviceId }),
		...body
	};
	const res = await api.post('/api/sync/push', {
		data: { protocol: PROTOCOL_VERSION, deviceId, ops: [op] }
	});
	expect(res.ok(), `push: ${res.status()} ${await res.text()}`).toBe(true);
	return ((await res.json()) as { results: OpResult[] }).results[0]!;
}

/** 毎月第2火曜 in FY 2025 (令和7年度), from the first logged session: Jan 13, Feb 10, Mar 10. */
const LOGGED = [
	{ date: '2026-01-13', participants: '12', volunteers: '3' },
	{ date: '2026-03-10', participants: '9', volunteers: '2' }
];
const FY_LABEL = '令和7年度（2025年度）';

test('an organizer offline prints last year’s report with a missed date marked 休み; staff see the same year and the survey sheet', async ({
	browser,
	context,
	page,
	request,
	playwright
}) => {
	const organizerAccount = await createAccount(request, 'organizer');
	const organizer = await apiAs(playwright, organizerAccount);
	const coordinator = await apiAs(
		playwright,
		await createAccount(request, 'coordinator', ['minami'])
	);
	const staffAccount = await createAccount(request, 'staff');
	const staff = await apiAs(playwright, staffAccount);
	const name = `テスト用 火曜サロン（生成）${Date.now()}`;
	const placeId = uuidv7();
	const upsert = { kind: 'place.upsert', placeId, packId: 'tsurugashima' };
	expect(
		await pushOne(organizer, {
			...upsert,
			fields: {
				name,
				category: 'salon',
				districtId: 'minami',
				point: null,
				status: 'active',
				scheduleRule: { kind: 'monthly', nths: [2], weekday: 2, start: '10:00', end: '12:00' }
			}
		})
	).toMatchObject({ status: 'applied' });
	expect(
		await pushOne(coordinator, {
			kind: 'place.moderate',
			placeId,
			decision: 'approve',
			reason: null
		})
	).toMatchObject({ status: 'applied' });

	try {
		await signIn(page, organizerAccount);
		await offlineReady(page);
		await expect(page.getByRole('link', { name })).toBeVisible({ timeout: 20_000 });
		for (const s of LOGGED) {
			await page.getByRole('link', { name: '活動を記録する' }).click();
			await page
				.getByRole('combobox', { name: 'サロン・つどいの場' })
				.selectOption({ label: name });
			await page.getByLabel('開催日').fill(s.date);
			await page.getByLabel('参加者（合計）', { exact: true }).fill(s.participants);
			await page.getByLabel('ボランティア', { exact: true }).fill(s.volunteers);
			await page.getByRole('button', { name: '保存' }).click();
			await expect(page).toHaveURL(/\/work\?saved=session$/);
		}
		await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });

		// The signal goes; the report is the device's own.
		await context.setOffline(true);
		await page.getByRole('link', { name: '年間の活動報告' }).click();
		await page.getByRole('combobox', { name: '年度' }).selectOption({ label: FY_LABEL });
		await expect(page.getByTestId('in-step')).toContainText('最後にサーバーと同期');
		const report = page.getByTestId('year-report');
		await expect(report.getByRole('heading', { level: 2 })).toHaveText(
			`${FY_LABEL}\u3000${name}\u3000活動実績報告書`
		);
		const summary = page.getByTestId('year-summary');
		await expect(summary).toContainText(/開催回数\s*2回/);
		await expect(summary).toContainText(/参加者数（延べ）\s*21人/);
		await expect(summary).toContainText(/平均参加者数（延べ人数÷開催回数）\s*10\.5人/);
		await expect(summary).toContainText(/ボランティア数（延べ）\s*5人/);
		await expect(page.getByTestId('year-sessions').locator('tbody tr')).toHaveText([
			/1月13日\(火\)\s*12\s*3/,
			/3月10日\(火\)\s*9\s*2/
		]);

		// The report as an elderly organizer reads it: no serious or critical axe violation.
		const axe = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(
			axe.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
		).toEqual([]);

		// The one scheduled date with no log: marked 休み, it leaves the list.
		const gaps = page.getByTestId('gaps');
		await expect(gaps.getByRole('listitem')).toHaveCount(1);
		await expect(gaps.getByRole('link', { name: '2月10日(火)を記録する' })).toBeVisible();
		await gaps.getByRole('button', { name: '2月10日(火)を休みにする' }).click();
		await expect(page.getByText('記録のない開催予定日はありません。')).toBeVisible();
		await expect(page.getByTestId('off-dates')).toContainText('2月10日(火)');

		// Printed: the report alone, ready to sign; the controls and the gap list stay off paper.
		await page.emulateMedia({ media: 'print' });
		await expect(report).toBeVisible();
		await expect(report.getByText('代表者署名')).toBeVisible();
		await expect(report).toContainText('作成日時：');
		await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
		await expect(page.getByRole('heading', { name: '記録のない開催予定日' })).toBeHidden();
		await page.emulateMedia({ media: 'screen' });
		await context.setOffline(false);

		// Staff, on their own device: the same year for that salon, from the server's records.
		const staffContext = await browser.newContext();
		const staffPage = await staffContext.newPage();
		await signIn(staffPage, staffAccount);
		await staffPage.getByRole('link', { name: 'サロンの年間実績（全サロン）' }).click();
		await waitForApp(staffPage);
		await staffPage.getByRole('combobox', { name: '年度' }).selectOption({ label: FY_LABEL });
		const row = staffPage.getByTestId('salon-years').getByRole('row', { name });
		await expect(row).toHaveText(new RegExp(`${name}\\s*2\\s*21\\s*10\\.5\\s*5\\s*0`));

		// The survey sheet: the salon meets monthly by its rule and stated no kind of activity.
		await staffPage.getByRole('link', { name: '記録', exact: true }).first().click();
		await staffPage.getByRole('link', { name: '通いの場の調査（市の集計）' }).click();
		await staffPage.getByRole('combobox', { name: '年度' }).selectOption({ label: FY_LABEL });
		const survey = staffPage.getByTestId('survey');
		const monthly = survey.getByRole('row').filter({ hasText: '月1回以上' });
		await monthly.getByText(/数えた場所/).click();
		await expect(monthly.getByRole('listitem').filter({ hasText: name })).toBeVisible();
		const unstated = survey.getByRole('row').filter({ hasText: '未回答' });
		await unstated.getByText(/数えた場所/).click();
		await expect(unstated.getByRole('listitem').filter({ hasText: name })).toBeVisible();
		const [download] = await Promise.all([
			staffPage.waitForEvent('download'),
			staffPage.getByRole('button', { name: 'CSVで保存' }).click()
		]);
		const csv = await readFile((await download.path())!, 'utf8');
		expect(csv.startsWith('\uFEFF')).toBe(true); // for Excel
		const lines = parseCsv(csv.slice(1)).filter((r) => r.length > 1);
		expect(lines[0]).toEqual([
			'区分',
			'項目',
			'箇所数',
			'参加者数（延べ）',
			'登録者数（実人数）',
			'登録者数を入力した箇所数'
		]);
		expect(lines.slice(1).map((r) => r.slice(0, 2))).toEqual([
			['合計', '全体'],
			...[
				'体操・運動',
				'会食',
				'茶話会',
				'趣味活動',
				'認知症予防',
				'多世代交流',
				'その他',
				'未回答'
			].map((k) => ['活動の種類別', k]),
			...['週1回以上', '月2回以上', '月1回以上', 'それ以外'].map((f) => ['開催頻度別', f])
		]);
		const monthlyRow = lines.find((r) => r[1] === '月1回以上')!;
		expect(Number(monthlyRow[2])).toBeGreaterThanOrEqual(1);
		expect(Number(monthlyRow[3])).toBeGreaterThanOrEqual(21);
		await staffContext.close();
	} finally {
		// Out of the public list again: later specs count the public places.
		await pushOne(staff, { ...upsert, fields: { status: 'closed' } });
		await Promise.all([organizer, coordinator, staff].map((a) => a.dispose()));
	}
});
