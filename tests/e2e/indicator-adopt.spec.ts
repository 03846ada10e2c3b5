/**
 * From a tally to the council's spreadsheet: a coordinator's phone records a 地域別懇談会 and its
 * tally (sent through the sync protocol as the app sends it); staff see indicator 2's computed
 * figure rise, adopt it on their phone, and the progress table downloaded as XLSX carries the
 * adopted figure as numbers — read back by openpyxl, as Excel would read it. The server takes
 * the adoption only as it computes it itself: a made-up figure sent in its name is refused.
 *
 * Every record here is generated test data (テスト会場（e2e 生成）).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, waitForApp } from './fixtures';
import { signIn, unsentCount } from './pages/work';
import {
	baseURLOf,
	createAccount,
	createAndSignIn,
	Device,
	indicatorRecord,
	meetingUpsert,
	pushOne,
	pushOps,
	signIn as apiSignIn,
	signInAdmin,
	tallySet,
	uuidv7
} from './api/accounts';
import { COMPUTATION_QUERY } from '../../src/lib/domain/indicators/computations';
import { todayInJapan } from '../../src/lib/domain/fiscal-year';

const plan = JSON.parse(
	readFileSync(path.join(process.cwd(), 'packs/tsurugashima/plan.json'), 'utf8')
) as { plan: { period: { to: number } } };

/** Today in Japan, or the plan's last day once it has ended (a meeting must be ≤ today). */
function meetingDate(): { date: string; fiscalYear: number } {
	const today = todayInJapan(Date.now());
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
		count: Number(m[1]!.replace(/,/g, '')),
		participants: Number((m[2] ?? '0').replace(/,/g, ''))
	};
}

// Debian's interpreter, where apt puts python3-openpyxl (.ci/run installs it): a pyenv or venv
// python3 first on PATH may lack it (as in tests/unit/export/xlsx.test.ts).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Indicator 2's cells for the fiscal year in the progress table's first sheet, as openpyxl
 * reads them: the figure and its participants, found by the header row's year labels.
 */
function readNo2(file: string, fiscalYear: number): { count: unknown; participants: unknown } {
	const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
rows = list(ws.iter_rows(values_only=True))
header = next(r for r in rows if r and r[0] == 'No.')
year = '（' + sys.argv[2] + '年度）'
col = next(i for i, h in enumerate(header) if isinstance(h, str) and h.startswith('令和') and h.endswith(year))
row = next(r for r in rows if r and r[0] == 2)
print(json.dumps({'count': row[col], 'participants': row[col + 1], 'participantsHeader': header[col + 1]}))
`;
	const run = spawnSync(PYTHON, ['-c', script, file, String(fiscalYear)], { encoding: 'utf8' });
	expect(run.status, run.stderr).toBe(0);
	const cells = JSON.parse(run.stdout) as {
		count: unknown;
		participants: unknown;
		participantsHeader: string;
	};
	expect(cells.participantsHeader).toContain('参加者数');
	return { count: cells.count, participants: cells.participants };
}

test('a tally raises indicator 2; staff adopt the computed figure and it is the XLSX’s', async ({
	browser,
	playwright
}, info) => {
	// A sync, an adoption and a download: longer than one screen's test.
	test.setTimeout(120_000);
	const { date, fiscalYear } = meetingDate();
	const baseURL = baseURLOf(info);
	const admin = await signInAdmin(playwright, baseURL);
	const { api: coordinatorApi } = await createAndSignIn(playwright, baseURL, admin, 'coordinator', [
		'fuji'
	]);
	const staffAccount = await createAccount(admin, 'staff');

	// Staff read indicator 2's computed figure for the year.
	const staffContext = await browser.newContext();
	const staff = await staffContext.newPage();
	await signIn(staff, staffAccount);
	await staff.goto(`/work/indicators?fy=${fiscalYear}`);
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	const card = staff.getByTestId('indicator-2');
	const computed2 = card.getByTestId('computed-2');
	await expect(computed2).toHaveText(/^\d/);
	const before = countWithParticipants(await computed2.innerText())!;
	expect(before, 'indicator 2 computed before the meeting').not.toBeNull();

	// A coordinator's phone records a 地域別懇談会 in 藤 today and its tally: 14 people.
	const phone = new Device();
	const meetingId = uuidv7();
	const results = await pushOps(coordinatorApi, phone, [
		meetingUpsert(phone, { date, venue: 'テスト会場（e2e 生成）' }, meetingId),
		tallySet(phone, meetingId, { counts: { residents: 11, 'city-staff': 3 } })
	]);
	expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
	const after = { count: before.count + 1, participants: before.participants + 14 };
	await staff.reload();
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	await expect.poll(async () => countWithParticipants(await computed2.innerText())).toEqual(after);

	// A figure the records do not give, sent in the computation's name, is refused with the
	// figure they do give.
	const staffApi = await apiSignIn(playwright, baseURL, staffAccount.email, staffAccount.password);
	const staffDevice = new Device();
	const madeUp = await pushOne(
		staffApi,
		staffDevice,
		indicatorRecord(staffDevice, {
			indicatorNumber: 2,
			fiscalYear,
			value: { kind: 'count-with-participants', count: after.count + 5, participants: 999 },
			source: { kind: 'computed', query: COMPUTATION_QUERY['area-meetings'] }
		})
	);
	expect(madeUp).toMatchObject({
		status: 'rejected',
		reason: 'computed_figure_differs',
		details: { value: { kind: 'count-with-participants', ...after } }
	});

	// Staff adopt the computed figure on their phone and send it.
	await card.getByRole('button', { name: 'この値を採用' }).click();
	await expect(card.getByText(/算出値を公式の値として保存しました/)).toBeVisible();
	await staff.goto('/work');
	await waitForApp(staff);
	await staff.getByRole('button', { name: '今すぐ送信' }).click();
	await expect(unsentCount(staff)).toHaveText('すべて送信済みです', { timeout: 20_000 });

	// The server took it: the year's official figure is the adopted one.
	await staff.goto(`/work/indicators?fy=${fiscalYear}`);
	await waitForApp(staff);
	await staff.getByLabel('年度').selectOption(String(fiscalYear));
	await expect(card.getByText('採用済みです（公式の値と同じ）。')).toBeVisible();

	// The progress table as XLSX carries it as two numeric cells.
	const [download] = await Promise.all([
		staff.waitForEvent('download'),
		staff.getByRole('link', { name: /Excel/ }).click()
	]);
	// openpyxl reads a file by its extension: keep the download under its .xlsx name.
	const file = info.outputPath('progress.xlsx');
	await download.saveAs(file);
	expect(readNo2(file, fiscalYear)).toEqual({
		count: after.count,
		participants: after.participants
	});

	await Promise.all([staffContext.close(), staffApi.dispose(), coordinatorApi.dispose()]);
	await admin.dispose();
});
