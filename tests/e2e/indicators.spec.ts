/**
 * The plan's indicators end to end: a coordinator's 地域別懇談会 with its attendance raises
 * indicator 2's computed value after sync; staff download the progress table as XLSX and CSV
 * and the open data, each with the plan's 20 indicators.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn, unsentCount } from './pages/work';
import { unzip } from '../support/unzip';

const plan = JSON.parse(
	readFileSync(path.join(process.cwd(), 'packs/tsurugashima/plan.json'), 'utf8')
) as { indicators: { number: number; title: string }[]; plan: { period: { to: number } } };

/** Today in Japan, or the plan's last day once the plan has ended (a meeting must be ≤ today). */
function meetingDate(): { date: string; fiscalYear: number } {
	const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
	const last = `${plan.plan.period.to + 1}-03-31`;
	const date = today < last ? today : last;
	const [y, m] = date.split('-').map(Number) as [number, number];
	return { date, fiscalYear: m >= 4 ? y : y - 1 };
}

/** `3（41人）` → { count: 3, participants: 41 }. */
function countWithParticipants(text: string): { count: number; participants: number } {
	const m = /^([\d,]+)(?:（([\d,]+)人）)?$/.exec(text.trim());
	expect(m, `computed value "${text}"`).not.toBeNull();
	return {
		count: Number(m![1]!.replace(/,/g, '')),
		participants: Number((m![2] ?? '0').replace(/,/g, ''))
	};
}

test('a coordinator’s area meeting raises indicator 2; staff download the 20-row table as XLSX and CSV', async ({
	browser,
	request
}) => {
	// Two people, a sync and three downloads: longer than one screen's test.
	test.setTimeout(120_000);
	const { date, fiscalYear } = meetingDate();
	const staffAccount = await createAccount(request, 'staff');
	const coordinatorAccount = await createAccount(request, 'coordinator', ['fuji']);
	const staffContext = await browser.newContext();
	const coordinatorContext = await browser.newContext();
	const staff = await staffContext.newPage();
	const coordinator = await coordinatorContext.newPage();

	// Staff read indicator 2's computed value for the year before the meeting.
	await signIn(staff, staffAccount);
	await staff.goto(`/work/indicators?fy=${fiscalYear}`);
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	const computed2 = staff.getByTestId('indicator-2').getByTestId('computed-2');
	await expect(computed2).toHaveText(/^\d/);
	const before = countWithParticipants(await computed2.innerText());
	// On a phone the page fits the screen: every download can be tapped without side-scrolling.
	expect(
		await staff.evaluate(
			() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
		)
	).toBe(true);

	// The coordinator records a 地域別懇談会 with its attendance and syncs.
	await signIn(coordinator, coordinatorAccount);
	await coordinator.goto('/work/meetings');
	await waitForApp(coordinator);
	await coordinator.getByLabel('会議の種類').selectOption('area-meeting');
	await coordinator.getByLabel('日付').fill(date);
	await coordinator.getByLabel('会場').fill('テスト会場（e2e 生成）');
	await coordinator.getByRole('button', { name: '会議を作る' }).click();
	await expect(coordinator).toHaveURL(/\/work\/meetings\/[0-9a-f-]+$/);
	await waitForApp(coordinator);
	await coordinator.getByLabel('住民', { exact: true }).fill('12');
	await coordinator.getByLabel('民生委員・児童委員', { exact: true }).fill('3');
	await coordinator.getByRole('button', { name: '保存' }).click();
	await expect(coordinator.getByRole('status').filter({ hasText: '保存しました' })).toBeVisible();
	await coordinator.goto('/work');
	await coordinator.getByRole('button', { name: '今すぐ送信' }).click();
	await expect(unsentCount(coordinator)).toHaveText('すべて送信済みです', { timeout: 20_000 });

	// After sync, the computed value rose by one meeting and its 15 participants.
	await staff.reload();
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	await expect
		.poll(async () => countWithParticipants(await computed2.innerText()))
		.toEqual({ count: before.count + 1, participants: before.participants + 15 });

	// The progress table as XLSX: one header row and the 20 indicators, text and numbers.
	const card = staff.getByRole('link', { name: /Excel/ });
	const [xlsxDownload] = await Promise.all([staff.waitForEvent('download'), card.click()]);
	const xlsx = unzip(readFileSync((await xlsxDownload.path())!));
	const sheet = xlsx.get('xl/worksheets/sheet1.xml')!;
	expect(sheet.match(/<row /g)?.length).toBe(1 + 20);
	const text = [...xlsx.values()].join('\n');
	for (const i of plan.indicators) expect(text, `No. ${i.number}`).toContain(i.title);

	// The progress table as CSV (UTF-8 with BOM, for Excel).
	const [csvDownload] = await Promise.all([
		staff.waitForEvent('download'),
		staff.getByRole('link', { name: /CSV（進捗管理表）/ }).click()
	]);
	const csv = readFileSync((await csvDownload.path())!, 'utf8');
	expect(csv.startsWith('\uFEFF')).toBe(true);
	for (const i of plan.indicators) expect(csv, `No. ${i.number}`).toContain(i.title);

	// Open data for 令和5年度: one row per indicator with the reported values.
	const open = await request.get('/api/indicators.csv?plan=tsurugashima&fy=2023');
	expect(open.ok()).toBe(true);
	const lines = (await open.text())
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n');
	expect(lines).toHaveLength(1 + 20);
	expect(lines[0]).toBe(
		'no,title,unit,baseline,baseline_year,target,target_year,fiscal_year,value,source'
	);
	expect(lines[2]).toContain('8（138人）');

	await staffContext.close();
	await coordinatorContext.close();
});

test('indicator endpoints refuse bad input with a reason code', async ({ request }) => {
	const unknown = await request.get('/api/indicators.csv?plan=nowhere&fy=2023');
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toMatchObject({ reason: 'unknown_plan' });
	for (const fy of ['', 'abc', '1999', '2040']) {
		const bad = await request.get(`/api/indicators.csv?plan=tsurugashima&fy=${fy}`);
		expect(bad.status(), fy).toBe(400);
		expect(await bad.json()).toMatchObject({ reason: 'invalid_fiscal_year' });
	}
	// 令和5年度 as the documents write it is the same year as 2023.
	const era = await request.get(
		`/api/indicators.csv?plan=tsurugashima&fy=${encodeURIComponent('令和5年度')}`
	);
	expect(await era.text()).toBe(
		await (await request.get('/api/indicators.csv?plan=tsurugashima&fy=2023')).text()
	);
	const computed = await request.get('/api/indicators/computed?plan=tsurugashima&fy=2023');
	expect(computed.status()).toBe(401);
});
