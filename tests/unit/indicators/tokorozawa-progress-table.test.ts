/**
 * Tokorozawa's progress table, CSV and spreadsheet show both of its plan's targets — 令和5年度
 * (mid) and 令和8年度 (final) — in columns of their own under the headings its plan prints
 * (指標名, 単位, 現況値, 目標値), with no departments column (the plan names no 回答課), and a
 * year's figure is judged against the mid target until 令和5年度 and the final one after.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTF8_BOM, parseCsv } from '#lib/domain/csv.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import type { PlanPack, YearRecord } from '#lib/domain/indicators/model.js';
import {
	buildProgressSheet,
	buildProgressTable,
	tableToCsv,
	type Cell,
	type Table
} from '#lib/export/progress-tables.js';
import { REPO_ROOT } from './seed-text';

const FILE = path.join(REPO_ROOT, 'packs/tokorozawa/plan.json');
const text = readFileSync(FILE, 'utf8');
const pack = parsePlanPackJson(text, FILE);
const fresh = (): PlanPack => parsePlanPackJson(text, FILE);

const BASELINE = '現況値 令和元年度（2019年度）';
const MID = '目標値 令和5年度（2023年度）';
const FINAL = '目標値 令和8年度（2026年度）';

function cell(table: Table, no: number, column: string): Cell {
	const header = table.header[table.header.length - 1]!;
	const c = header.indexOf(column);
	if (c < 0) throw new Error(`no column ${column} in ${header.join(' | ')}`);
	return table.rows.find((r) => r[0] === no)![c]!;
}

/** A generated yearly figure (test data, not from any document). */
function record(fiscalYear: number, value: number): YearRecord {
	return {
		fiscalYear,
		value: { kind: 'number', value },
		activities: '（テスト用の生成データ）',
		source: { kind: 'reported', by: 'テスト' },
		recordedBy: 'test@example.jp',
		recordedAt: '2024-05-01T09:00:00+09:00'
	};
}

describe('Tokorozawa progress table', () => {
	const table = buildProgressTable(pack, 2023);

	it('has the plan’s headings, a column per target year and no departments column', () => {
		expect(table.header[0]!.slice(0, 6)).toEqual(['No.', '指標名', '単位', BASELINE, MID, FINAL]);
		expect(table.header[0]).not.toContain('回答課');
		// The plan's years from 令和3年度 through the one asked for, then rate and status.
		expect(table.header[0]!.slice(6)).toEqual([
			'令和3年度（2021年度）',
			'令和3年度（2021年度）具体的な取組内容',
			'令和4年度（2022年度）',
			'令和4年度（2022年度）具体的な取組内容',
			'令和5年度（2023年度）',
			'令和5年度（2023年度）具体的な取組内容',
			'令和5年度（2023年度）達成率（%）',
			'令和5年度（2023年度）状況'
		]);
		expect(table.rows).toHaveLength(47);
		for (const row of table.rows) expect(row).toHaveLength(table.header[0]!.length);
	});

	it('prints baseline, mid and final target as the plan does', () => {
		expect([1, 2, 3].map((no) => [BASELINE, MID, FINAL].map((c) => cell(table, no, c)))).toEqual([
			['3,232', '3,400', '3,500'],
			['264', '300', '350'],
			['134,740', '142,500', '142,500']
		]);
		expect(cell(table, 1, '単位')).toBe('件');
		// No baseline (-), targets not set (―), figures with their bracket, trailing zeros kept.
		expect([BASELINE, MID, FINAL].map((c) => cell(table, 8, c))).toEqual(['-', '2', '2']);
		expect([BASELINE, MID, FINAL].map((c) => cell(table, 38, c))).toEqual(['1,119', '―', '―']);
		expect([BASELINE, MID, FINAL].map((c) => cell(table, 47, c))).toEqual([
			'31（267点）',
			'39（279点）',
			'45（288点）'
		]);
		expect([BASELINE, MID, FINAL].map((c) => cell(table, 9, c))).toEqual(['68.4', '69.0', '70.0']);
	});

	it('judges a year against the mid target through 令和5年度, the final one after', () => {
		const p = fresh();
		const no1 = p.indicators.find((i) => i.number === 1)!;
		no1.records.push(record(2023, 3400), record(2024, 3400));
		expect(cell(buildProgressTable(p, 2023), 1, '令和5年度（2023年度）状況')).toBe('達成');
		const r6 = buildProgressTable(p, 2024);
		expect(cell(r6, 1, '令和6年度（2024年度）')).toBe('3,400');
		// (3,400 − 3,232) ÷ (3,500 − 3,232) = 62.7 %.
		expect(cell(r6, 1, '令和6年度（2024年度）達成率（%）')).toBe(62.7);
	});

	it('has the same headings in English, from the pack', () => {
		const en = buildProgressTable(pack, 2023, 'en');
		expect(en.header[0]!.slice(0, 6)).toEqual([
			'No.',
			'Indicator',
			'Unit',
			'Baseline FY2019 (令和元年度)',
			'Target FY2023 (令和5年度)',
			'Target FY2026 (令和8年度)'
		]);
	});

	it('CSV: one header row with both targets, every row in the plan’s notation', () => {
		const csv = tableToCsv(table);
		expect(csv.startsWith(UTF8_BOM)).toBe(true);
		const [header, ...rows] = parseCsv(csv.slice(UTF8_BOM.length));
		expect(header!.slice(3, 6)).toEqual([BASELINE, MID, FINAL]);
		expect(rows).toHaveLength(47);
		const byNo = new Map(rows.map((r) => [r[0], r]));
		expect(byNo.get('1')!.slice(1, 6)).toEqual([
			'コミュニティソーシャルワーカー（ＣＳＷ）による総合的福祉相談支援件数',
			'件',
			'3,232',
			'3,400',
			'3,500'
		]);
		expect(byNo.get('15')!.slice(3, 6)).toEqual([
			'83.0（39/47校）',
			'83.0（39/47校）',
			'83.0（39/47校）'
		]);
	});

	it('spreadsheet (XLSX): each target is a number in its own column', () => {
		const sheet = buildProgressSheet(pack, 2023);
		expect(sheet.header[0]!.slice(3, 6)).toEqual([BASELINE, MID, FINAL]);
		expect([BASELINE, MID, FINAL].map((c) => cell(sheet, 13, c))).toEqual([
			8572349, 9000000, 9300000
		]);
		// A figure that is no number stays the text the plan prints.
		expect(cell(sheet, 8, BASELINE)).toBe('-');
		expect(cell(sheet, 38, FINAL)).toBe('―');
	});
});
