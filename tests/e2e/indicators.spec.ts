/**
 * The plan's indicators end to end: a coordinator's 地域別懇談会 with its attendance raises
 * indicator 2's computed value after sync, and cancelling it (中止) takes it back out; staff
 * download the progress table as XLSX and CSV and the open data, each parsed to a header and
 * the plan's 20 indicators; ふれあいサービス hours feed indicator 10 and a salon's do not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn, unsentCount } from './pages/work';
import { unzip } from '../support/unzip';
import { parseCsv } from '../../src/lib/domain/csv';
import { OPEN_DATA_COLUMNS } from '../../src/lib/domain/indicators/progress-table';

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

/** `3（41人）` → { count: 3, participants: 41 }; null while the figure is still loading. */
function countWithParticipants(text: string): { count: number; participants: number } | null {
	const m = /^([\d,]+)(?:（([\d,]+)人）)?$/.exec(text.trim());
	if (!m) return null;
	return {
		count: Number(m![1]!.replace(/,/g, '')),
		participants: Number((m![2] ?? '0').replace(/,/g, ''))
	};
}

test('a coordinator’s area meeting raises indicator 2 until cancelled; staff download the 20-row table as XLSX and CSV', async ({
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
	const before = countWithParticipants(await computed2.innerText())!;
	expect(before, 'indicator 2 computed before the meeting').not.toBeNull();
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
	const meetingUrl = coordinator.url();
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

	// The meeting was a mistake: the coordinator cancels it (中止), and it no longer counts.
	await coordinator.goto(meetingUrl);
	await waitForApp(coordinator);
	coordinator.once('dialog', (dialog) => void dialog.accept());
	await coordinator.getByRole('button', { name: 'この会議を中止にする' }).click();
	await expect(coordinator.getByTestId('meeting-cancelled')).toHaveText('（中止）');
	await coordinator.goto('/work');
	await coordinator.getByRole('button', { name: '今すぐ送信' }).click();
	await expect(unsentCount(coordinator)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await staff.reload();
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	await expect.poll(async () => countWithParticipants(await computed2.innerText())).toEqual(before);

	// The progress table as XLSX: a title row, one header row and the 20 indicators, text and
	// numbers (No. 2's count a numeric cell, not the text '8（156人）').
	const card = staff.getByRole('link', { name: /Excel/ });
	const [xlsxDownload] = await Promise.all([staff.waitForEvent('download'), card.click()]);
	const xlsx = unzip(readFileSync((await xlsxDownload.path())!));
	const sheet = xlsx.get('xl/worksheets/sheet1.xml')!;
	expect(sheet.match(/<row /g)?.length).toBe(1 + 1 + 20);
	expect(sheet).toMatch(/<c r="D4" s="\d+"><v>0<\/v><\/c>/);
	expect(sheet).toContain('orientation="landscape"');
	const text = [...xlsx.values()].join('\n');
	for (const i of plan.indicators) expect(text, `No. ${i.number}`).toContain(i.title);

	// The progress table as CSV (UTF-8 with BOM, for Excel).
	const [csvDownload] = await Promise.all([
		staff.waitForEvent('download'),
		staff.getByRole('link', { name: /CSV（進捗管理表）/ }).click()
	]);
	const csv = readFileSync((await csvDownload.path())!, 'utf8');
	expect(csv.startsWith('\uFEFF')).toBe(true);
	// Parsed as a CSV reader would (quoted cells hold line breaks): one header and 20 rows,
	// numbered 1–20, each as wide as the header, each with its indicator's title.
	const progress = parseCsv(csv).filter((row) => row.some((cell) => cell !== ''));
	expect(progress).toHaveLength(1 + 20);
	const [progressHeader, ...progressRows] = progress;
	expect(progressHeader!.slice(0, 2)).toEqual(['No.', '実現に向けての目標']);
	expect(progressRows.map((row) => row[0])).toEqual(plan.indicators.map((i) => String(i.number)));
	for (const [k, row] of progressRows.entries()) {
		expect(row, `row ${k + 1}`).toHaveLength(progressHeader!.length);
		expect(row[1], `No. ${k + 1}`).toBe(plan.indicators[k]!.title);
	}

	// Open data for 令和5年度: one row per indicator with the reported values.
	const open = await request.get('/api/indicators.csv?plan=tsurugashima&fy=2023');
	expect(open.ok()).toBe(true);
	const openData = parseCsv(await open.text()).filter((row) => row.some((cell) => cell !== ''));
	expect(openData).toHaveLength(1 + 20);
	const [openHeader, ...openRows] = openData;
	expect(openHeader).toEqual([...OPEN_DATA_COLUMNS]);
	const cells = openRows.map((row) => Object.fromEntries(openHeader!.map((h, i) => [h, row[i]])));
	expect(cells.map((c) => c.no)).toEqual(plan.indicators.map((i) => String(i.number)));
	expect(cells.map((c) => c.title)).toEqual(plan.indicators.map((i) => i.title));
	expect(cells[1]).toMatchObject({ fiscal_year: '2023', data_year: '2023', value: '8（138人）' });
	// No. 18 reports 令和3年 (calendar 2021) data in 令和5年度.
	expect(cells[17]).toMatchObject({
		fiscal_year: '2023',
		data_year: '2021',
		data_period: 'calendar',
		baseline_period: 'calendar'
	});

	await staffContext.close();
	await coordinatorContext.close();
});

test('a 社協 coordinator logs ふれあいサービス hours: indicator 10 counts them, not a salon’s', async ({
	browser,
	request
}) => {
	test.setTimeout(120_000);
	const { date, fiscalYear } = meetingDate();
	const staffAccount = await createAccount(request, 'staff');
	const coordinatorAccount = await createAccount(request, 'coordinator', ['fuji']);
	const staffContext = await browser.newContext();
	const coordinatorContext = await browser.newContext();
	const staff = await staffContext.newPage();
	const coordinator = await coordinatorContext.newPage();
	const hours = (text: string) => Number(text.trim().replace(/,/g, ''));

	await signIn(staff, staffAccount);
	await staff.goto(`/work/indicators?fy=${fiscalYear}`);
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	const computed10 = staff.getByTestId('indicator-10').getByTestId('computed-10');
	await expect(computed10).toHaveText(/^\d/);
	const before = hours(await computed10.innerText());

	// The coordinator registers the 社協's ふれあいサービス for the district, and a salon.
	await signIn(coordinator, coordinatorAccount);
	const register = async (name: string, category: string) => {
		await coordinator.goto('/work/places/new');
		await waitForApp(coordinator);
		await coordinator.getByLabel('名前').fill(name);
		await coordinator.getByRole('radio', { name: category, exact: true }).check();
		await coordinator.getByRole('combobox', { name: /小学校区/ }).selectOption('fuji');
		if (category === 'サロン')
			await coordinator.getByRole('radio', { name: '決まっていない' }).check();
		await coordinator.getByRole('button', { name: '保存' }).click();
		await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(name);
	};
	await register('テスト用ふれあいサービス（e2e 生成）', 'ふれあいサービス（住民同士の生活支援）');
	await register('テスト用サロン（e2e 生成）', 'サロン');

	// One activity of each, with hours; the form says which hours count.
	const log = async (place: string, h: string, hint: RegExp) => {
		await coordinator.goto('/work/sessions/new');
		await waitForApp(coordinator);
		await coordinator
			.getByRole('combobox', { name: 'サロン・つどいの場' })
			.selectOption({ label: place });
		await coordinator.getByLabel('開催日').fill(date);
		await coordinator.getByLabel('参加者（合計）', { exact: true }).fill('1');
		const hoursField = coordinator.getByLabel('活動時間（時間）');
		await hoursField.fill(h);
		await expect(hoursField).toHaveAccessibleDescription(hint);
		await coordinator.getByRole('button', { name: '保存' }).click();
		await expect(coordinator).toHaveURL(/\/work\?saved=session$/);
	};
	await log('テスト用ふれあいサービス（e2e 生成）', '2.5', /市の計画の実績に入ります/);
	await log('テスト用サロン（e2e 生成）', '3', /の時間」には入りません/);
	await coordinator.getByRole('button', { name: '今すぐ送信' }).click();
	await expect(unsentCount(coordinator)).toHaveText('すべて送信済みです', { timeout: 20_000 });

	// Only the ふれあいサービス hours count; and that record is not shown to residents.
	await staff.reload();
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	await expect.poll(async () => hours(await computed10.innerText())).toBe(before + 2.5);
	const { pack } = (await (await request.get('/api/pack')).json()) as {
		pack: { places: { name: string }[] };
	};
	const names = pack.places.map((p) => p.name);
	expect(names).toContain('テスト用サロン（e2e 生成）');
	expect(names).not.toContain('テスト用ふれあいサービス（e2e 生成）');

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
