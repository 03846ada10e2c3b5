/**
 * The XLSX writer produces a zip that any reader opens, with the parts Excel requires, text as
 * text and numbers as numbers. The archive is read back with a small reader written here
 * (node:zlib for inflate and CRC), so the test does not trust the writer's own zip code; then
 * Python's zipfile, XML parser and openpyxl (Debian's python3-openpyxl, which .ci/run installs)
 * read it independently. A missing reader fails the test: a skipped check proves nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import { buildProgressSheet, buildProgressTable } from '#lib/export/progress-tables.js';
import {
	XLSX_LIMITS,
	cleanXmlText,
	columnName,
	crc32,
	printableSheet,
	sanitizeSheetName,
	sheetFromTable,
	writeXlsx,
	type XlsxSheet
} from '#lib/export/xlsx.js';
import { REPO_ROOT } from '../indicators/seed-text';
import { unzip } from '../../support/unzip';

/** `A1` → the cell's XML element in a sheet. */
function cellsOf(sheetXml: string): Map<string, { attrs: string; v: string | null }> {
	const cells = new Map<string, { attrs: string; v: string | null }>();
	for (const m of sheetXml.matchAll(
		/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g
	)) {
		cells.set(m[1]!, { attrs: m[2]!, v: m[3] ?? null });
	}
	return cells;
}

function unescapeXml(s: string): string {
	return s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

function sharedStrings(files: Map<string, string>): string[] {
	const xml = files.get('xl/sharedStrings.xml') ?? '';
	return [...xml.matchAll(/<si><t xml:space="preserve">([^<]*)<\/t><\/si>/g)].map((m) =>
		unescapeXml(m[1]!)
	);
}

/** The text or number of every cell of a sheet, by reference. */
function readSheet(files: Map<string, string>, n = 1): Map<string, string | number> {
	const strings = sharedStrings(files);
	const out = new Map<string, string | number>();
	for (const [ref, c] of cellsOf(files.get(`xl/worksheets/sheet${n}.xml`)!)) {
		if (c.v === null) continue;
		out.set(ref, c.attrs.includes('t="s"') ? strings[Number(c.v)]! : Number(c.v));
	}
	return out;
}

const sheetNames = (files: Map<string, string>) =>
	[...files.get('xl/workbook.xml')!.matchAll(/<sheet name="([^"]*)"/g)].map((m) =>
		unescapeXml(m[1]!)
	);

// ---------------------------------------------------------------------------------------------

const pack = parsePlanPackJson(
	readFileSync(path.join(REPO_ROOT, 'packs/tsurugashima/plan.json'), 'utf8')
);
const progress = buildProgressTable(pack, 2023);
const book = writeXlsx([sheetFromTable('進捗 令和5年度', progress)]);

describe('writeXlsx', () => {
	it('writes a zip with the parts Excel needs', () => {
		const files = unzip(book);
		expect([...files.keys()]).toEqual(
			expect.arrayContaining([
				'[Content_Types].xml',
				'_rels/.rels',
				'xl/workbook.xml',
				'xl/_rels/workbook.xml.rels',
				'xl/styles.xml',
				'xl/sharedStrings.xml',
				'xl/worksheets/sheet1.xml'
			])
		);
		expect(files.get('[Content_Types].xml')).toContain('/xl/worksheets/sheet1.xml');
		expect(files.get('xl/_rels/workbook.xml.rels')).toContain('worksheets/sheet1.xml');
		expect(sheetNames(files)).toEqual(['進捗 令和5年度']);
	});

	it('holds the 20 indicator titles as text and the numbers as numeric cells', () => {
		const files = unzip(book);
		const cells = readSheet(files);
		const raw = cellsOf(files.get('xl/worksheets/sheet1.xml')!);
		for (const indicator of pack.indicators) {
			const r = indicator.number + 1;
			expect(cells.get(`B${r}`)).toBe(indicator.title);
			// No. is a number cell (no t="s"), not the text "1".
			expect(raw.get(`A${r}`)!.attrs).not.toContain('t=');
			expect(cells.get(`A${r}`)).toBe(indicator.number);
		}
		expect(cells.get('H3')).toBe('8（138人）');
		expect(cells.get('J21')).toBe(24.6);
		expect(raw.get('J21')!.attrs).not.toContain('t=');
		expect(cells.get('H19')).toBe('（令和3年）\n男性18.03 女性21.08');
	});

	it('freezes and bolds the header rows and wraps long text', () => {
		const files = unzip(book);
		const sheet = files.get('xl/worksheets/sheet1.xml')!;
		expect(sheet).toContain(
			'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
		);
		const raw = cellsOf(sheet);
		const styles = files.get('xl/styles.xml')!;
		const xfs = [...styles.split('<cellXfs')[1]!.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map(
			(m) => m[0]
		);
		const styleOf = (ref: string) => xfs[Number(/s="(\d+)"/.exec(raw.get(ref)!.attrs)![1])]!;
		expect(styleOf('A1')).toMatch(/fontId="1"/);
		expect(styles).toMatch(/<font><b\/>/);
		// 令和5年度 取組内容 of No. 2: long and multi-line.
		expect(styleOf('I3')).toContain('wrapText="1"');
		expect(styleOf('A3')).not.toContain('wrapText');
	});

	it('writes null as no cell and keeps column widths when given', () => {
		const files = unzip(
			writeXlsx([
				{ name: 'x', rows: [['a', null, 'c'], [null, null, null], [1]], columnWidths: [12] }
			])
		);
		const cells = readSheet(files);
		expect([...cells.keys()]).toEqual(['A1', 'C1', 'A3']);
		const sheet = files.get('xl/worksheets/sheet1.xml')!;
		expect(sheet).not.toContain('<row r="2"');
		expect(sheet).toContain('<col min="1" max="1" width="12" customWidth="1"/>');
		expect(sheet).not.toContain('<pane');
	});

	it('escapes XML and drops characters XML 1.0 cannot carry', () => {
		const nasty = 'a<b>&"c"\u0001\u0008\uFFFE d\uD800e\r\nf =1+1 _x000D_ 😀';
		const files = unzip(writeXlsx([{ name: 'x', rows: [[nasty]] }]));
		const xml = files.get('xl/sharedStrings.xml')!;
		for (const bad of ['\u0001', '\u0008', '\uFFFE', '\r']) expect(xml).not.toContain(bad);
		expect(xml).toContain('a&lt;b&gt;&amp;&quot;c&quot;');
		expect(xml).toContain('_x005F_x000D_');
		expect(readSheet(files).get('A1')).toBe('a<b>&"c" de\nf =1+1 _x005F_x000D_ 😀');
		expect(cleanXmlText(nasty)).toBe('a<b>&"c" de\nf =1+1 _x000D_ 😀');
		expect(files.get('xl/worksheets/sheet1.xml')).not.toContain('<f>');
	});

	it('sanitises sheet names: forbidden characters, length, duplicates, empty', () => {
		const files = unzip(
			writeXlsx([
				{ name: 'R5/進捗:[案]*?\\', rows: [[1]] },
				{ name: 'r5/進捗:[案]*?\\', rows: [[2]] },
				{ name: "'引用'", rows: [[3]] },
				{ name: '', rows: [[4]] },
				{ name: 'あ'.repeat(40), rows: [[5]] },
				{ name: 'History', rows: [[6]] }
			])
		);
		const names = sheetNames(files);
		expect(names).toEqual([
			'R5_進捗__案____',
			'r5_進捗__案____ (2)',
			'引用',
			'Sheet4',
			'あ'.repeat(31),
			'History_'
		]);
		for (const name of names) {
			expect(name.length).toBeLessThanOrEqual(XLSX_LIMITS.sheetName);
			expect(name).not.toMatch(/[[\]:*?/\\]/);
		}
		expect(sanitizeSheetName('a'.repeat(31), 0, new Set(['a'.repeat(31)]))).toBe(
			`${'a'.repeat(27)} (2)`
		);
	});

	it('gives the same bytes for the same input', () => {
		expect(writeXlsx([sheetFromTable('進捗 令和5年度', progress)])).toEqual(book);
	});

	it('refuses an empty workbook and a cell longer than Excel allows', () => {
		expect(() => writeXlsx([])).toThrow(RangeError);
		expect(() =>
			writeXlsx([{ name: 'x', rows: [['x'.repeat(XLSX_LIMITS.cellText + 1)]] }])
		).toThrow(/cell A1: 32768 characters/);
	});

	it('deflates its parts and gives the same bytes for the same input', () => {
		const again = writeXlsx([sheetFromTable('進捗 令和5年度', progress)]);
		expect(Buffer.from(again).equals(Buffer.from(book))).toBe(true);
		const view = new DataView(book.buffer, book.byteOffset, book.byteLength);
		// The first local header: method 8 (DEFLATE), compressed smaller than the part itself.
		expect(view.getUint16(8, true)).toBe(8);
		expect(view.getUint32(18, true)).toBeLessThan(view.getUint32(22, true));
	});

	it('names columns and computes the zip CRC-32 like zlib', () => {
		expect([0, 25, 26, 701, 702, 16383].map(columnName)).toEqual([
			'A',
			'Z',
			'AA',
			'ZZ',
			'AAA',
			'XFD'
		]);
		const data = new TextEncoder().encode('123456789');
		expect(crc32(data)).toBe(0xcbf43926);
		expect(crc32(book)).toBe(zlibCrc32(book) >>> 0);
	});
});

// ---------------------------------------------------------------------------------------------
// The progress sheet as the XLSX export writes it: numbers Excel can sum, a title, print setup.

const sheet = buildProgressSheet(pack, 2023);

describe('the progress sheet for spreadsheets', () => {
	const files = unzip(writeXlsx([printableSheet('進捗管理表', sheet)]));
	const cells = readSheet(files);
	const raw = cellsOf(files.get('xl/worksheets/sheet1.xml')!);
	const isNumber = (ref: string) => !raw.get(ref)!.attrs.includes('t=');

	it('has the title on top, then the header, frozen together', () => {
		expect(cells.get('A1')).toBe(sheet.title);
		expect(cells.get('A2')).toBe('No.');
		expect(files.get('xl/worksheets/sheet1.xml')).toContain(
			'<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>'
		);
	});

	it('writes baselines, targets and actuals as numbers; a count and its participants as two', () => {
		// No. 3 (row 5): 現状 137, 目標 201, 令和4年度 139, 令和5年度 145 — numbers, not '137'.
		for (const [ref, value] of [
			['D5', 137],
			['F5', 201],
			['H5', 139],
			['K5', 145]
		] as const) {
			expect(cells.get(ref)).toBe(value);
			expect(isNumber(ref)).toBe(true);
		}
		// No. 2 (row 4): 令和4年度 8（156人）, 令和5年度 8（138人） as count and participants.
		expect(cells.get('G2')).toBe('目標 令和8年度（2026年度）（参加者数）');
		expect([cells.get('H4'), cells.get('I4'), cells.get('K4'), cells.get('L4')]).toEqual([
			8, 156, 8, 138
		]);
		expect(['H4', 'I4', 'K4', 'L4'].every(isNumber)).toBe(true);
		// A figure of another year keeps its year, as text (No. 18, row 20).
		expect(cells.get('K20')).toBe('（令和3年）\n男性18.03 女性21.08');
	});

	it('prints on A4 landscape, one page wide', () => {
		const xml = files.get('xl/worksheets/sheet1.xml')!;
		expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
		expect(xml).toContain(
			'<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
		);
	});

	it('leaves the CSV table as the documents print it (machines read it unchanged)', () => {
		expect(progress.rows[1]![5]).toBe('8（156人）');
		expect(progress.header[0]!.length).toBe(11);
	});
});

// ---------------------------------------------------------------------------------------------
// An independent reader: Python's zipfile and openpyxl (.ci/run installs python3-openpyxl).

// Debian's interpreter, where apt puts python3-openpyxl (a pyenv or venv python3 first on PATH
// would not see it).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const python = spawnSync(PYTHON, ['-c', 'import zipfile, xml.etree.ElementTree'], {
	encoding: 'utf8'
});
const hasPython = python.status === 0;
const hasOpenpyxl =
	hasPython && spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;

describe('read by Python and openpyxl', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'ibasho-xlsx-'));
	const file = path.join(dir, 'progress.xlsx');
	const twoSheets: XlsxSheet[] = [
		printableSheet('進捗', sheet),
		{ name: 'メモ', rows: [['見出し'], ['a, "b"\nc'], [3.5]], header: 1 }
	];
	writeFileSync(file, writeXlsx(twoSheets));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('the readers are installed (python3 and python3-openpyxl; .ci/run installs them)', () => {
		expect(hasPython, 'python3 with zipfile').toBe(true);
		expect(hasOpenpyxl, 'python3-openpyxl (apt-get install python3-openpyxl)').toBe(true);
	});

	it('zipfile finds no corrupt entry and every part is well-formed XML', () => {
		const script = [
			'import sys, zipfile, xml.etree.ElementTree as ET',
			'z = zipfile.ZipFile(sys.argv[1])',
			'assert z.testzip() is None',
			'[ET.fromstring(z.read(n)) for n in z.namelist()]',
			'print(len(z.namelist()))'
		].join('\n');
		const run = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(run.stdout.trim()).toBe('8');
	});

	it('openpyxl opens it with the figures as numbers and the print setup in place', () => {
		const script = [
			'import sys, json, openpyxl',
			'wb = openpyxl.load_workbook(sys.argv[1])',
			'ws = wb["進捗"]',
			'figures = [ws[r].value for r in ("D5", "F5", "H5", "K5", "H4", "I4", "K4", "L4")]',
			'print(json.dumps([wb.sheetnames, ws.freeze_panes, ws.max_row, ws["A22"].value,',
			'  figures, all(isinstance(v, (int, float)) for v in figures), sum(figures),',
			'  ws.page_setup.orientation, int(ws.page_setup.paperSize), int(ws.page_setup.fitToWidth),',
			'  ws.sheet_properties.pageSetUpPr.fitToPage,',
			'  wb["メモ"]["A2"].value, wb["メモ"]["A3"].value], ensure_ascii=False))'
		].join('\n');
		const run = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(JSON.parse(run.stdout)).toEqual([
			['進捗', 'メモ'],
			'A3',
			22,
			20,
			[137, 201, 139, 145, 8, 156, 8, 138],
			true,
			137 + 201 + 139 + 145 + 8 + 156 + 8 + 138,
			'landscape',
			9,
			1,
			true,
			'a, "b"\nc',
			3.5
		]);
	});
});
