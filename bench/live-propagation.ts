/**
 * `live`: how long a tally tap on one online phone takes to show on another phone that has the
 * same meeting open, with no reload and no button: the tap is saved on A, pushed (after the
 * sync service's 0.8 s pause that lets a burst of taps go as one request), the server tells B
 * through its live notices (GET /api/sync/events), B pulls and redraws. Timed from A's click
 * to B's total showing the new figure (B's page polls for it every animation frame).
 * Two Pixel 7 contexts in one Chromium, signed in as two generated coordinators of one district.
 */
import { chromium, devices, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { summarize } from './measure';
import { hasBuild, missingBuildRow, startProdServer } from './prod-server';
import type { Row } from './section';

const RUNS = 20;
const WARMUP = 2;
const ADMIN = { email: 'bench-admin@example.test', password: 'bench-admin-password' };

async function signIn(page: Page, who: { email: string; password: string }) {
	await page.route(/tile\.openstreetmap\.org/, (r) => r.abort());
	await page.goto('/login');
	await page.locator('body[data-hydrated]').waitFor();
	await page.getByLabel('メールアドレス').fill(who.email);
	await page.getByLabel('パスワード').fill(who.password);
	await page.getByRole('button', { name: 'ログイン' }).click();
	await page.waitForURL(/\/work$/);
}

const totalIs = (page: Page, n: number) =>
	page.waitForFunction(
		(text) => document.querySelector('[data-testid="meeting-total"]')?.textContent === text,
		`合計 ${n}人`,
		{ polling: 'raf', timeout: 60_000 }
	);

export async function run(): Promise<Row[]> {
	const name = 'live: +1 on phone A shown on phone B (both online, same meeting)';
	if (!hasBuild()) return [missingBuildRow(name)];
	process.env.BOOTSTRAP_ADMIN_EMAIL = ADMIN.email;
	process.env.BOOTSTRAP_ADMIN_PASSWORD = ADMIN.password;
	const server = await startProdServer();
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [...CHROMIUM_ARGS]
	});
	try {
		const phone = () =>
			browser.newContext({ ...devices['Pixel 7'], baseURL: server.origin, locale: 'ja-JP' });
		const [contextA, contextB] = [await phone(), await phone()];
		const api = contextA.request;
		await api.post('/api/auth/login', { data: ADMIN });
		const coordinators = ['a', 'b'].map((x) => ({
			email: `bench-coordinator-${x}@example.test`,
			password: `live-bench-coordinator-${x}-pw`
		}));
		for (const c of coordinators)
			await api.post('/api/admin/accounts', {
				data: { ...c, role: 'coordinator', districtIds: ['sakae'] }
			});
		await api.post('/api/auth/logout');
		const [a, b] = [await contextA.newPage(), await contextB.newPage()];
		await signIn(a, coordinators[0]!);
		await signIn(b, coordinators[1]!);

		await a.goto('/work/meetings');
		await a.locator('body[data-hydrated]').waitFor();
		await a.getByLabel('会場').fill('ベンチ用会場（生成）');
		await a.getByRole('button', { name: '会議を作る' }).click();
		await a.waitForURL(/\/work\/meetings\/[0-9a-f-]+$/);
		const meetingUrl = a.url();
		await b.goto('/work/meetings');
		await b.getByRole('link', { name: /ベンチ用会場/ }).waitFor({ timeout: 60_000 });
		await b.goto(meetingUrl);
		await b.locator('body[data-hydrated]').waitFor();
		await totalIs(b, 0);

		const plus = a.getByRole('button', { name: '住民を1増やす' });
		const samples: number[] = [];
		for (let i = 1; i <= RUNS + WARMUP; i++) {
			const start = performance.now();
			await plus.click();
			await totalIs(b, i);
			if (i > WARMUP) samples.push(performance.now() - start);
		}
		const t = summarize(samples);
		return [
			{
				benchmark: name,
				figure: `median ${(t.median / 1000).toFixed(2)} s · p95 ${(t.p95 / 1000).toFixed(2)} s (${t.runs} taps)`,
				target: 'p95 ≤ 5 s',
				ok: t.p95 <= 5_000,
				values: { median: t.median, p95: t.p95 }
			}
		];
	} finally {
		await browser.close();
		await server.stop();
	}
}
