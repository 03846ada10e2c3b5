/**
 * The progress table, evaluation sheet and open-data rows built from the Tsurugashima pack read
 * like the city's own 令和5年度 progress table (seed 001): the figures a council member would
 * check, in the documents' notation, and empty cells where nothing was reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTF8_BOM, parseCsv } from '#lib/domain/csv.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import { parseIndicatorValue, type PlanPack } from '#lib/domain/indicators/model.js';
import {
	OPEN_DATA_COLUMNS,
	buildEvaluationSheet,
	buildOpenDataRows,
	buildProgressTable,
	tableToCsv,
	type Cell,
	type Table
} from '#lib/export/progress-tables.js';
import { REPO_ROOT } from './seed-text';

const FILE = path.join(REPO_ROOT, 'packs/tsurugashima/plan.json');
const text = readFileSync(FILE, 'utf8');
const pack = parsePlanPackJson(text, FILE);
/** A copy to change without touching the shared pack. */
const fresh = (): PlanPack => parsePlanPackJson(text, FILE);

/** The cell of indicator `no` under the header `column` (exact header text). */
function cell(table: Table, no: number, column: string): Cell {
	const header = table.header[table.header.length - 1]!;
	const c = header.indexOf(column);
	if (c < 0) throw new Error(`no column ${column} in ${header.join(' | ')}`);
	const row = table.rows.find((r) => r[0] === no);
	if (!row) throw new Error(`no row ${no}`);
	return row[c]!;
}

const R4 = '令和4年度（2022年度）';
const R5 = '令和5年度（2023年度）';
const R6 = '令和6年度（2024年度）';

describe('buildProgressTable', () => {
	const table = buildProgressTable(pack, 2023);

	it('has the 20 indicators in number order, each row as wide as the header', () => {
		expect(table.rows).toHaveLength(20);
		expect(table.rows.map((r) => r[0])).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		for (const row of table.rows) expect(row).toHaveLength(table.header[0]!.length);
	});

	it('lays the columns out as the city table does, era years with the Western year', () => {
		expect(table.header).toEqual([
			[
				'No.',
				'実現に向けての目標',
				'回答課',
				'現状 令和2年度（2020年度）',
				'目標 令和8年度（2026年度）',
				R4,
				`${R4}具体的な取組内容`,
				R5,
				`${R5}具体的な取組内容`,
				`${R5}達成率（%）`,
				`${R5}状況`
			]
		]);
		expect(table.title).toContain('令和5年度（2023年度）実績及び具体的な取組内容');
	});

	it("prints indicator 2's 令和5年度 value as 8（138人）", () => {
		expect(cell(table, 2, R5)).toBe('8（138人）');
		expect(cell(table, 2, R4)).toBe('8（156人）');
		expect(cell(table, 2, `${R5}具体的な取組内容`)).toContain('〇地域別懇談会を実施');
	});

	it('prints the title, the departments one per line, baseline and target', () => {
		expect(cell(table, 2, '実現に向けての目標')).toBe(
			'さまざまな活動主体とのつながりをつくる懇談会の実施回数'
		);
		expect(cell(table, 2, '回答課')).toBe('福祉政策課\n社会福祉協議会');
		expect(cell(table, 7, '現状 令和2年度（2020年度）')).toBe('3,600/年');
		expect(cell(table, 7, '目標 令和8年度（2026年度）')).toBe('10,800/年');
		// No. 11: the documents disagree; the preferred (later) reading is printed.
		expect(cell(table, 11, '現状 令和2年度（2020年度）')).toBe('6,460');
	});

	it("keeps a record's printed notation (No. 10 prints 3934.5 without a separator)", () => {
		expect(cell(table, 10, R5)).toBe('3934.5');
		expect(cell(table, 10, R4)).toBe('4,194');
	});

	it('shows both series of No. 18, each figure with the year it refers to', () => {
		expect(cell(table, 18, '現状 令和2年度（2020年度）')).toBe('（令和元年）\n男性17.87 女性20.64');
		expect(cell(table, 18, '目標 令和8年度（2026年度）')).toBe('（令和6年）\n男性18.63 女性21.38');
		expect(cell(table, 18, R4)).toBe('（令和2年）\n男性17.87 女性20.83');
		expect(cell(table, 18, R5)).toBe('（令和3年）\n男性18.03 女性21.08');
	});

	it('shows No. 20 with its text target and the related number next to the count', () => {
		expect(cell(table, 20, '目標 令和8年度（2026年度）')).toBe('希望者すべて');
		expect(cell(table, 20, R5)).toBe('405');
		expect(cell(table, 20, `${R5}具体的な取組内容`)).toBe('計画策定対象者\u30001,649人');
		expect(cell(table, 20, `${R4}具体的な取組内容`)).toBe('計画策定対象者\u30001,613人');
	});

	it('adds the related number when the activities do not state it', () => {
		const p = fresh();
		const no20 = p.indicators.find((i) => i.number === 20)!;
		no20.records.find((r) => r.fiscalYear === 2023)!.activities = '名簿を更新した。';
		const t = buildProgressTable(p, 2023);
		expect(cell(t, 20, `${R5}具体的な取組内容`)).toBe(
			'計画策定対象者\u30001,649人\n名簿を更新した。'
		);
	});

	it('gives the last year achievement rate (%) and status', () => {
		expect(cell(table, 2, `${R5}達成率（%）`)).toBe(100);
		expect(cell(table, 2, `${R5}状況`)).toBe('達成');
		// 希望者すべて: rate = plans made / people eligible = 405 / 1,649.
		expect(cell(table, 20, `${R5}達成率（%）`)).toBe(24.6);
		expect(cell(table, 20, `${R5}状況`)).toBe('遅れ');
		expect(cell(table, 1, `${R5}状況`)).toBe('未着手');
	});

	it('leaves a year with no record empty, its rate and status too', () => {
		const t = buildProgressTable(pack, 2024);
		expect(t.header[0]).toContain(R6);
		for (const no of [1, 2, 18, 20]) {
			expect(cell(t, no, R6)).toBeNull();
			expect(cell(t, no, `${R6}具体的な取組内容`)).toBeNull();
			expect(cell(t, no, `${R6}達成率（%）`)).toBeNull();
			expect(cell(t, no, `${R6}状況`)).toBeNull();
			expect(cell(t, no, R5)).not.toBeNull();
		}
	});

	it('leaves a single missing year empty and keeps the others', () => {
		const p = fresh();
		const no5 = p.indicators.find((i) => i.number === 5)!;
		no5.records = no5.records.filter((r) => r.fiscalYear !== 2022);
		const t = buildProgressTable(p, 2023);
		expect(cell(t, 5, R4)).toBeNull();
		expect(cell(t, 5, `${R4}具体的な取組内容`)).toBeNull();
		expect(cell(t, 5, R5)).toBe('81');
	});

	it('has one value and one activities column per year from the plan start', () => {
		expect(buildProgressTable(pack, 2022).header[0]).toHaveLength(9);
		expect(buildProgressTable(pack, 2026).header[0]).toHaveLength(5 + 2 * 5 + 2);
		expect(() => buildProgressTable(pack, 2021)).toThrow(RangeError);
	});

	it('has English headers and statuses in English', () => {
		const en = buildProgressTable(pack, 2023, 'en');
		expect(en.header[0]).toEqual([
			'No.',
			'Goal',
			'Departments',
			'Baseline FY2020 (令和2年度)',
			'Target FY2026 (令和8年度)',
			'FY2022 (令和4年度)',
			'FY2022 (令和4年度) activities',
			'FY2023 (令和5年度)',
			'FY2023 (令和5年度) activities',
			'FY2023 (令和5年度) achievement rate (%)',
			'FY2023 (令和5年度) status'
		]);
		expect(cell(en, 2, 'FY2023 (令和5年度) status')).toBe('Achieved');
		expect(cell(en, 2, 'FY2023 (令和5年度)')).toBe('8（138人）');
	});
});

describe('buildEvaluationSheet', () => {
	const header = [
		'No.',
		'指標',
		`${R6}実績`,
		'達成率（%）',
		'状況',
		'成果',
		'課題',
		'評価',
		'今後の方向性',
		'理由'
	];

	it('shows the evaluation filed for the year, and no figure where none was reported', () => {
		const sheet = buildEvaluationSheet(pack, 2024);
		expect(sheet.header).toEqual([header]);
		expect(sheet.rows).toHaveLength(20);
		expect(cell(sheet, 2, '成果')).toBe('多くの参加者により、懇談会を実施することが出来た。');
		expect(cell(sheet, 2, '課題')).toMatch(/^これまで実施した形の他に/);
		// 001 gives no mark, direction or reason: empty, not guessed.
		expect(cell(sheet, 2, '評価')).toBeNull();
		expect(cell(sheet, 2, '今後の方向性')).toBeNull();
		expect(cell(sheet, 2, `${R6}実績`)).toBeNull();
		expect(cell(sheet, 2, '状況')).toBeNull();
	});

	it('shows the year figure and progress, with empty evaluation cells when none is filed', () => {
		const sheet = buildEvaluationSheet(pack, 2023);
		expect(cell(sheet, 2, `${R5}実績`)).toBe('8（138人）');
		expect(cell(sheet, 20, `${R5}実績`)).toBe('405（計画策定対象者\u30001,649人）');
		expect(cell(sheet, 20, '達成率（%）')).toBe(24.6);
		expect(cell(sheet, 20, '状況')).toBe('遅れ');
		for (const col of ['成果', '課題', '評価', '今後の方向性', '理由']) {
			expect(cell(sheet, 2, col)).toBeNull();
		}
	});

	it('shows a mark, direction and reason when the evaluation has them', () => {
		const p = fresh();
		p.indicators
			.find((i) => i.number === 5)!
			.evaluations.push({
				fiscalYear: 2023,
				results: '登録団体が増えた。',
				issues: '担い手の高齢化。',
				mark: '○',
				direction: '拡充',
				reason: '参加者が増えているため。',
				source: { kind: 'document', document: '001' },
				recordedBy: 'test',
				recordedAt: '2024-05-01T09:00:00+09:00'
			});
		const ja = buildEvaluationSheet(p, 2023);
		expect(ja.rows.find((r) => r[0] === 5)!.slice(5)).toEqual([
			'登録団体が増えた。',
			'担い手の高齢化。',
			'○',
			'拡充',
			'参加者が増えているため。'
		]);
		expect(cell(buildEvaluationSheet(p, 2023, 'en'), 5, 'Direction')).toBe('Expand');
	});
});

describe('buildOpenDataRows', () => {
	const data = buildOpenDataRows(pack, 2023);
	const row = (no: number) => {
		const r = data.rows.find((x) => x[0] === no)!;
		return Object.fromEntries(data.header.map((h, i) => [h, r[i]]));
	};

	it('has the open-data columns and one row per indicator', () => {
		expect(data.header).toEqual([...OPEN_DATA_COLUMNS]);
		expect(data.rows).toHaveLength(20);
	});

	it('prints values as the tables do, with Western years and the source document title', () => {
		expect(row(2)).toEqual({
			no: 2,
			title: 'さまざまな活動主体とのつながりをつくる懇談会の実施回数',
			unit: '回',
			baseline: '0',
			baseline_year: 2020,
			baseline_period: 'fiscal',
			target: '8',
			target_year: 2026,
			target_period: 'fiscal',
			fiscal_year: 2023,
			data_year: 2023,
			data_period: 'fiscal',
			value: '8（138人）',
			source: pack.sources.find((s) => s.id === '001')!.title
		});
		// No. 10 in open data uses the common notation, not the document's 3934.5.
		expect(row(10).value).toBe('3,934.5');
	});

	it('gives No. 18 its calendar years and No. 20 its text target and related number', () => {
		expect(row(18)).toMatchObject({
			baseline: '男性17.87 女性20.64',
			baseline_year: 2019,
			baseline_period: 'calendar',
			target: '男性18.63 女性21.38',
			target_year: 2024,
			target_period: 'calendar',
			// Reported in 令和5年度 (fiscal 2023), the figure is of 令和3年 (calendar 2021).
			fiscal_year: 2023,
			data_year: 2021,
			data_period: 'calendar',
			value: '男性18.03 女性21.08'
		});
		expect(row(20)).toMatchObject({
			target: '希望者すべて',
			value: '405（計画策定対象者\u30001,649人）'
		});
		const shape = pack.indicators.find((i) => i.number === 20)!.shape;
		expect(parseIndicatorValue(shape, String(row(20).value))).toMatchObject({
			ok: true,
			value: { count: 405, related: 1649 }
		});
	});

	it('leaves the data year, value and source empty in a year with no record', () => {
		const table = buildOpenDataRows(pack, 2024);
		const r = table.rows.find((x) => x[0] === 2)!;
		const cell = Object.fromEntries(table.header.map((h, i) => [h, r[i]]));
		expect(cell).toMatchObject({
			target: '8',
			fiscal_year: 2024,
			data_year: null,
			data_period: null,
			value: null,
			source: null
		});
	});

	it('names a computed figure as computed from app data, with its query', () => {
		const p = fresh();
		p.indicators.find((i) => i.number === 6)!.records.find((r) => r.fiscalYear === 2023)!.source = {
			kind: 'computed',
			query: 'kids-salon-sites(2023)'
		};
		const r = buildOpenDataRows(p, 2023).rows.find((x) => x[0] === 6)!;
		expect(r[OPEN_DATA_COLUMNS.indexOf('source')]).toBe(
			'computed from app data (kids-salon-sites(2023))'
		);
	});
});

describe('tableToCsv', () => {
	it('writes UTF-8 CSV for Excel: BOM, CRLF, header first', () => {
		const csv = tableToCsv(buildProgressTable(pack, 2023));
		expect(csv.startsWith(UTF8_BOM)).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		const parsed = parseCsv(csv);
		expect(parsed).toHaveLength(21);
		expect(parsed[0]![0]).toBe('No.');
		expect(parsed.find((r) => r[0] === '2')![7]).toBe('8（138人）');
		expect(parsed.find((r) => r[0] === '18')![7]).toBe('（令和3年）\n男性18.03 女性21.08');
	});

	it('round-trips a cell with a comma, a quote and a line break', () => {
		const tricky = '成果, "大きい"\n課題あり';
		const csv = tableToCsv({ header: [['a', 'b']], rows: [[tricky, 1]] });
		expect(csv).toContain('"成果, ""大きい""\n課題あり"');
		expect(parseCsv(csv)).toEqual([
			['a', 'b'],
			[tricky, '1']
		]);
	});

	it('takes the single header row of the open data', () => {
		const parsed = parseCsv(tableToCsv(buildOpenDataRows(pack, 2023)));
		expect(parsed[0]).toEqual([...OPEN_DATA_COLUMNS]);
		expect(parsed).toHaveLength(21);
	});
});
