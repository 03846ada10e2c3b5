/**
 * Day-one data: staff import the 社協's salon list (src/routes/work/places/import). The XLSX
 * here is GENERATED for the test (生成: invented salon names, numbers and house numbers); the
 * towns are real Tsurugashima 町丁目 from the pack, whose points the import uses — the test
 * gives no coordinates. Good and bad rows: the preview names each bad row's problem, the
 * import adds exactly the good ones, the same file again adds nothing, a changed row updates
 * its one place, and a resident then finds an imported salon in the list.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { readXlsx } from '../../src/lib/domain/import/read-table';
import { writeXlsx } from '../../src/lib/export/xlsx';
import { expect, test, waitForApp } from './fixtures';
import { createAccount, signIn, unsentCount } from './pages/work';

const run = Date.now().toString(36);
const name = (label: string) => `生成サロン${label}-${run}`;

/** A generated list as a 社協 keeps it in Excel: a title row, the header, then salons. */
function generatedList(changedEnd = '12:00'): Buffer {
	const rows = [
		['ふれあいいきいきサロン一覧（e2e テスト用に生成したデータ）'],
		['番号', 'サロン名', '所在地', '小学校区', '開催日', '開始', '終了', '参加費'],
		[
			`${run}-1`,
			name('あおば'),
			'鶴ヶ島市脚折町1-2-3',
			'',
			'毎月第2・第4火曜',
			'10:00',
			changedEnd,
			'100円'
		],
		[
			`${run}-2`,
			name('みどり'),
			'鶴ヶ島市富士見3丁目4-5',
			'',
			'毎週月・木曜',
			'13:30',
			'15:30',
			''
		],
		[`${run}-3`, name('かぜ'), '鶴ヶ島市どこか1-1', '栄小学校区', '', '', '', ''],
		[`${run}-4`, '', '鶴ヶ島市南町一丁目', '', '毎月第1水曜', '10:00', '11:30', ''],
		[
			`${run}-5`,
			name('うみ'),
			'鶴ヶ島市新町2-1',
			'月の小学校区',
			'毎月第1水曜',
			'10:00',
			'12:00',
			''
		],
		[`${run}-6`, name('やま'), '鶴ヶ島市新町2-1', '', 'ときどき', '', '', ''],
		[`${run}-1`, name('あおば（再掲）'), '鶴ヶ島市脚折町1-2-3', '', '', '', '', '']
	];
	return Buffer.from(writeXlsx([{ name: 'サロン一覧', rows }]));
}

async function pick(page: Page, file: Buffer) {
	await page.getByLabel('ファイルを選ぶ（XLSX・CSV）').setInputFiles({
		name: 'salons.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: file
	});
}

const row = (page: Page, n: number) =>
	page
		.getByRole('region', { name: '取り込む前の確認' })
		.getByRole('row')
		.filter({
			has: page.getByRole('cell', { name: String(n), exact: true })
		});

async function allSent(page: Page) {
	await page.getByRole('link', { name: '記録', exact: true }).click();
	await expect(unsentCount(page)).toHaveText('すべて送信済みです', { timeout: 20_000 });
	await page.getByRole('link', { name: 'サロン名簿の取り込み・書き出し' }).click();
}

test('staff import a generated salon list exactly once, and residents find the salons', async ({
	page,
	request,
	browser
}) => {
	const staff = await createAccount(request, 'staff');
	await signIn(page, staff);
	await page.getByRole('link', { name: 'サロン名簿の取り込み・書き出し' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'サロン名簿の取り込み・書き出し'
	);

	await pick(page, generatedList());
	const summary = page.getByTestId('import-summary');
	await expect(summary).toHaveText('追加 3件・更新 0件・変更なし 0件・取り込まない 4件');
	// The columns were found by their headers, the title row passed over.
	await expect(page.getByRole('combobox', { name: '名称' })).toHaveValue('1');
	// Each bad row, with its reason in Japanese (spreadsheet row numbers).
	await expect(row(page, 6)).toContainText('名称がありません。');
	await expect(row(page, 7)).toContainText('小学校区「月の小学校区」はこの市にありません。');
	await expect(row(page, 8)).toContainText('開催日「ときどき」が読めません');
	await expect(row(page, 9)).toContainText('3行目と同じ場所です');
	for (const n of [6, 7, 8, 9]) await expect(row(page, n)).toContainText('取り込まない');
	// Good rows sit at their town's point; one whose address names no town waits for a map pick.
	await expect(row(page, 3)).toContainText('脚折町一丁目');
	await expect(row(page, 4)).toContainText('富士見三丁目');
	await expect(row(page, 5)).toContainText('位置なし（後で地図で選ぶ）');

	await page.getByRole('button', { name: '3件を取り込む' }).click();
	await expect(page.getByText('3件を追加し、0件を更新しました。')).toBeVisible();
	await allSent(page);

	// The same file again: nothing to add.
	await pick(page, generatedList());
	await expect(summary).toHaveText('追加 0件・更新 0件・変更なし 3件・取り込まない 4件');
	await expect(page.getByText('取り込む行はありません')).toBeVisible();

	// One row changed (its end time): that one place is updated.
	await pick(page, generatedList('12:30'));
	await expect(summary).toHaveText('追加 0件・更新 1件・変更なし 2件・取り込まない 4件');
	await expect(row(page, 3)).toContainText('更新');
	await page.getByRole('button', { name: '1件を取り込む' }).click();
	await expect(page.getByText('0件を追加し、1件を更新しました。')).toBeVisible();
	await allSent(page);

	// The export is the same template: read back, it holds the three salons with their ids.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Excel（XLSX）で書き出す' }).click();
	const exported = readXlsx(readFileSync((await (await download).path())!));
	expect(exported[0]!.slice(0, 3)).toEqual(['アプリID', '番号', '名称']);
	const mine = exported.filter((r) => r[2]?.endsWith(run));
	expect(mine.map((r) => r[2]).sort()).toEqual([name('あおば'), name('かぜ'), name('みどり')]);
	expect(mine.find((r) => r[2] === name('あおば'))).toContain('12:30');

	// A resident on another phone finds each imported salon once, with the changed time.
	const resident = await browser.newContext();
	const residentPage = await resident.newPage();
	await residentPage.goto('/?c=salon');
	await waitForApp(residentPage);
	const list = residentPage.getByRole('list', { name: /件/ });
	await expect(list.getByRole('link', { name: name('あおば'), exact: true })).toHaveCount(1);
	await expect(list.getByRole('link', { name: name('みどり'), exact: true })).toHaveCount(1);
	await expect(list.getByRole('link', { name: name('かぜ'), exact: true })).toHaveCount(1);
	for (const bad of ['うみ', 'やま', 'あおば（再掲）']) {
		await expect(list.getByRole('link', { name: name(bad), exact: true })).toHaveCount(0);
	}
	await expect(list.getByRole('listitem').filter({ hasText: name('あおば') })).toContainText(
		'10:00–12:30'
	);
	await resident.close();
});
