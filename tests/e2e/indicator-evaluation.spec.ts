/**
 * A staff member evaluates indicator 2's 令和5年度 with no signal: the form starts from
 * document 001's 成果・課題, a draft survives a reload, a 見直し without its reason is refused
 * on the spot, the saved evaluation survives a reload while unsent, and once online the
 * workbook's evaluation sheet (評価シート) and the print view show it in No. 2's row.
 */
import { expect, test, waitForApp } from './fixtures';
import { createAccount, offlineReady, signIn } from './pages/work';
import { unzip } from '../support/unzip';

const unescapeXml = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');

/** A worksheet's rows as text cells by column letter, shared strings resolved. */
function sheetRows(files: Map<string, string>, sheet: string): Record<string, string>[] {
	const shared = [
		...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)
	].map((m) =>
		unescapeXml([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
	);
	const xml = files.get(sheet);
	expect(xml, sheet).toBeDefined();
	return [...xml!.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
		const cells: Record<string, string> = {};
		for (const c of row[1]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*)><v>([^<]*)<\/v><\/c>/g)) {
			cells[c[1]!] = c[2]!.includes('t="s"') ? shared[Number(c[3])]! : c[3]!;
		}
		return cells;
	});
}

test('staff evaluate a year offline, reload, go online: the XLSX evaluation sheet and the print view show it', async ({
	context,
	page,
	request
}) => {
	// Offline, two reloads, a sync and a download: longer than one screen's test.
	test.setTimeout(120_000);
	const staff = await createAccount(request, 'staff');
	await signIn(page, staff);
	await offlineReady(page);

	// The signal goes right after sign-in; the screens open from the links, with no reload.
	await context.setOffline(true);
	await page.getByRole('link', { name: '計画の指標' }).click();
	await page.getByLabel('年度').selectOption('2023');
	await page.getByRole('link', { name: /^No\. 2 / }).click();
	await page.getByRole('link', { name: '令和5年度の評価を入力する' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('No. 2');
	const results = page.getByLabel('成果（良かった点）');
	const issues = page.getByLabel('課題', { exact: true });
	const reason = page.getByLabel(/^理由/);
	const double = page.getByRole('radio', { name: '◎ 計画以上に進んだ' });
	const review = page.getByRole('radio', { name: /^見直し/ });
	// The form starts from the 成果・課題 transcribed from document 001, and says so.
	await expect(page.getByTestId('started-from')).toContainText('資料001');
	await expect(results).toHaveValue(/多くの参加者により/);

	const tag = `テスト評価${Date.now()}（e2e 生成）`;
	await results.fill(`${tag} 成果`);
	await issues.fill(`${tag} 課題`);
	await double.check();
	await review.check();

	// What is typed survives a reload before it is saved.
	await page.reload();
	await waitForApp(page);
	await expect(page.getByText('入力途中の内容を復元しました。')).toBeVisible();
	await expect(results).toHaveValue(`${tag} 成果`);
	await expect(double).toBeChecked();
	await expect(review).toBeChecked();

	// 見直し needs its reason: refused on the spot, nothing saved.
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('「見直し」を選んだときは理由を書いてください。')).toBeVisible();
	await expect(reason).toBeFocused();
	await reason.fill(`${tag} 理由`);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status').filter({ hasText: '評価を保存しました' })).toBeVisible();
	const standing = page.getByTestId('standing');
	await expect(standing).toContainText('◎ 計画以上に進んだ');
	await expect(standing).toContainText('見直し');
	await expect(standing).toContainText('未送信');

	// Still offline, a reload shows the saved evaluation, waiting to be sent.
	await page.reload();
	await waitForApp(page);
	await expect(standing).toContainText('◎ 計画以上に進んだ');
	await expect(standing).toContainText('未送信');
	await expect(page.getByTestId('evaluation-history')).toContainText(`${tag} 理由`);

	await context.setOffline(false);
	await expect(standing).toContainText('送信済み', { timeout: 20_000 });
	// Online, the history lists the documents' text first, then this evaluation with who made it.
	const history = page.getByTestId('evaluation-history').getByRole('listitem');
	await expect(history).toHaveCount(2);
	await expect(history.first()).toContainText('資料から転記');
	await expect(history.last()).toContainText(staff.email);
	await expect(history.last()).toContainText('現在の評価');

	// The workbook's second sheet, 評価シート, carries it in No. 2's row.
	const res = await page.request.get('/api/indicators/progress.xlsx?plan=tsurugashima&fy=2023');
	expect(res.ok()).toBe(true);
	const files = unzip(await res.body());
	expect(files.get('xl/workbook.xml')).toContain('name="評価シート"');
	const [header, ...rows] = sheetRows(files, 'xl/worksheets/sheet2.xml');
	expect(Object.values(header!).slice(5)).toEqual(['成果', '課題', '評価', '今後の方向性', '理由']);
	const no2 = rows.find((r) => r.A === '2');
	expect(no2).toMatchObject({
		F: `${tag} 成果`,
		G: `${tag} 課題`,
		H: '◎',
		I: '見直し',
		J: `${tag} 理由`
	});

	// The print view's evaluation sheet shows the same row.
	await page.goto('/work/indicators/print?fy=2023');
	await waitForApp(page);
	const row = page
		.getByTestId('evaluation-sheet')
		.getByRole('row')
		.filter({ hasText: `${tag} 成果` });
	await expect(row).toHaveCount(1);
	for (const text of [`${tag} 課題`, '◎', '見直し', `${tag} 理由`]) {
		await expect(row).toContainText(text);
	}

	// The indicator's page summarises the year's evaluation and heads its figure history with
	// the figure transcribed from the documents (no staff entry: it is the current one).
	await page.goto('/work/indicators/2?fy=2023');
	await waitForApp(page);
	await expect(page.getByTestId('year-evaluation')).toContainText('◎ 計画以上に進んだ');
	const figures = page.getByTestId('entry-history').getByRole('row');
	await expect(figures.nth(1)).toContainText('資料から転記');
	await expect(figures.nth(1)).toContainText('8（138人）');
	await expect(figures.nth(1)).toContainText('現在の値');
});
