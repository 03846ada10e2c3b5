/**
 * `salon-import`: staff import a 社協 salon list of 500 GENERATED rows (生成サロン 0001…, invented
 * house numbers in the Tsurugashima pack's real 町丁目, cycled) on the real screen
 * (/work/places/import), in Chromium at 1280 × 800 against the production build:
 * - preview: from handing the XLSX to the file input to the summary line showing 500 to add
 *   (reading the file with fflate, the column mapping, planning every row against the pack's
 *   towns and the device's places, rendering the 500-row table);
 * - commit: from tapping 500件を取り込む to 「500件を追加し…」 (500 place.upsert ops and their
 *   places in one IndexedDB transaction, then the re-plan against them).
 * 3 runs, each with its own numbers and names, so each adds 500 new places (the device holds
 * 500 more each run). No target: the figure goes to docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { writeXlsx } from '../src/lib/export/xlsx';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { formatMs, summarize } from './measure';
import { hasBuild, missingBuildRow, startProdServer } from './prod-server';
import { NO_TARGET, type Row } from './section';

const ROWS = 500;
const RUNS = 3;
const ADMIN = { email: 'bench-admin@example.test', password: 'bench-admin-password' };

/** The pack's real town names (their points come from the pack when the rows are planned). */
function townNames(): string[] {
	const towns = JSON.parse(
		readFileSync('packs/tsurugashima/source/tsurugashima-towns.geojson', 'utf8')
	) as { features: { properties: { town: string } }[] };
	return towns.features.map((f) => f.properties.town.replace(/^大字/, ''));
}

/** 500 generated rows in the 社協 template; `run` keeps each run's rows apart. */
function generatedList(run: number): Buffer {
	const towns = townNames();
	const days = ['毎月第1月曜', '毎月第2・第4火曜', '毎週水曜', '毎月第3金曜', '毎週月・木曜'];
	const rows: (string | number)[][] = [
		['番号', 'サロン名', '所在地', '開催日', '開始', '終了', '参加費'],
		...Array.from({ length: ROWS }, (_, i) => [
			`b${run}-${i + 1}`,
			`生成サロン ${run}-${String(i + 1).padStart(4, '0')}`,
			`鶴ヶ島市${towns[i % towns.length]}${(i % 40) + 1}`,
			days[i % days.length]!,
			'10:00',
			'12:00',
			i % 3 === 0 ? '100円' : ''
		])
	];
	return Buffer.from(writeXlsx([{ name: 'サロン一覧（生成）', rows }]));
}

export async function run(): Promise<Row[]> {
	if (!hasBuild()) return [missingBuildRow('salon-import: preview 500 rows')];
	process.env.BOOTSTRAP_ADMIN_EMAIL = ADMIN.email;
	process.env.BOOTSTRAP_ADMIN_PASSWORD = ADMIN.password;
	const server = await startProdServer();
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [...CHROMIUM_ARGS]
	});
	try {
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 },
			baseURL: server.origin,
			locale: 'ja-JP'
		});
		const api = context.request;
		await api.post('/api/auth/login', { data: ADMIN });
		const staff = { email: 'bench-import-staff@example.test', password: 'salon-import-staff-pw' };
		await api.post('/api/admin/accounts', { data: { ...staff, role: 'staff', districtIds: [] } });
		await api.post('/api/auth/logout');

		const page = await context.newPage();
		await page.route(/tile\.openstreetmap\.org/, (r) => r.abort());
		await page.goto('/login');
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByLabel('メールアドレス').fill(staff.email);
		await page.getByLabel('パスワード').fill(staff.password);
		await page.getByRole('button', { name: 'ログイン' }).click();
		await page.waitForURL(/\/work$/);
		await page.goto('/work/places/import');
		await page.locator('body[data-hydrated]').waitFor();

		const previews: number[] = [];
		const commits: number[] = [];
		for (let r = 1; r <= RUNS; r++) {
			const buffer = generatedList(r);
			const summary = page.getByTestId('import-summary');
			let start = performance.now();
			await page.getByLabel('ファイルを選ぶ（XLSX・CSV）').setInputFiles({
				name: `salons-${r}.xlsx`,
				mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				buffer
			});
			await summary.filter({ hasText: `追加 ${ROWS}件` }).waitFor({ timeout: 60_000 });
			previews.push(performance.now() - start);
			start = performance.now();
			await page.getByRole('button', { name: `${ROWS}件を取り込む` }).click();
			await page.getByText(`${ROWS}件を追加し、0件を更新しました。`).waitFor({ timeout: 120_000 });
			commits.push(performance.now() - start);
			console.error(
				`  run ${r}: preview ${formatMs(previews.at(-1)!)} · commit ${formatMs(commits.at(-1)!)}`
			);
		}
		const p = summarize(previews);
		const c = summarize(commits);
		const list = (xs: number[]) => xs.map((x) => formatMs(x)).join(', ');
		return [
			{
				benchmark: `salon-import: preview ${ROWS} rows (XLSX read, plan, table shown)`,
				figure: `median ${formatMs(p.median)} (${RUNS} runs: ${list(previews)})`,
				target: NO_TARGET,
				ok: null,
				values: { medianMs: p.median, maxMs: p.max }
			},
			{
				benchmark: `salon-import: commit ${ROWS} rows (ops + places in IndexedDB)`,
				figure: `median ${formatMs(c.median)} (${RUNS} runs: ${list(commits)})`,
				target: NO_TARGET,
				ok: null,
				values: { medianMs: c.median, maxMs: c.max }
			}
		];
	} finally {
		await browser.close();
		await server.stop();
	}
}
