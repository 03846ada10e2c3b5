/**
 * A minimal XLSX (Office Open XML spreadsheet) writer: enough for the plan's tables to open
 * in Excel and LibreOffice as real sheets; the zip container is fflate's. It owns the file format only;
 * what goes in the rows is the caller's (domain/indicators/progress-table.ts).
 *
 * Contracts:
 * - Strings are shared strings, numbers are numeric cells, null is no cell. A string is never
 *   written as a formula, so text like `=1+1` stays text.
 * - Text is cleaned for XML 1.0: characters XML cannot carry (control characters, lone
 *   surrogates, U+FFFE/U+FFFF) are dropped, CR LF becomes LF (Excel's line break), and a
 *   literal `_x000D_` is escaped so Excel does not decode it.
 * - A `title` is a bold first row above the header, frozen with it, not wrapped and not
 *   widening its column. `print` sets A4 landscape, fit to one page wide (any length).
 * - `header` rows are bold and frozen. Text longer than its column, or with a line break,
 *   wraps. Widths are in characters; without `columnWidths` they fit the content (a
 *   full-width character counts two; a heading counts at most 16), between 6 and 50.
 * - Sheet names are made valid: no []:*?/\, not empty, no leading or trailing apostrophe,
 *   at most 31 characters, unique ignoring case.
 * - The zip container is fflate's zipSync (DEFLATE, level 6) with a fixed timestamp: synchronous,
 *   runs in Node and browsers alike, and the same input gives the same bytes. Deflate makes the
 *   progress-table workbook 3.4× smaller than STORE did (34,311 → 9,967 bytes, 令和5年度).
 */
import { zipSync, type Zippable } from 'fflate';

export type XlsxCell = string | number | null;

export interface XlsxSheet {
	name: string;
	rows: readonly (readonly XlsxCell[])[];
	/** Leading rows to freeze and print bold. */
	header?: number;
	/** Column widths in characters, first column first. */
	columnWidths?: readonly number[];
	/** A title row above everything (what the sheet is, when printed or read alone). */
	title?: string;
	/** Print setup: A4 landscape, fit to the page's width. */
	print?: { paper: 'A4'; orientation: 'landscape'; fitToWidth: true };
}

/** Limits of the format (Excel 2007 and later). */
export const XLSX_LIMITS = {
	rows: 1_048_576,
	columns: 16_384,
	cellText: 32_767,
	sheetName: 31
} as const;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** cellXfs indices in styles.xml. */
const STYLE = { body: 1, wrap: 2, header: 3, title: 4 } as const;

// ---------------------------------------------------------------------------------------------
// Text

const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Drops what XML 1.0 cannot carry and makes every line break a LF. */
export function cleanXmlText(s: string): string {
	return s.replace(INVALID_XML, '').replace(/\r\n?/g, '\n');
}

function escapeXml(s: string): string {
	return cleanXmlText(s)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** Excel decodes `_xHHHH_` in cell text; a literal one is written with its `_` escaped. */
function escapeExcelText(s: string): string {
	return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

/** Width in Excel character units: full-width (CJK, kana, full-width forms) count two. */
function displayWidth(line: string): number {
	let w = 0;
	for (const ch of line) {
		const cp = ch.codePointAt(0)!;
		w += cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xff9f) ? 2 : 1;
	}
	return w;
}

function cellWidth(value: XlsxCell): number {
	if (value === null) return 0;
	if (typeof value === 'number') return String(value).length;
	return Math.max(0, ...value.split(/\r\n?|\n/).map(displayWidth));
}

// ---------------------------------------------------------------------------------------------
// Sheet names

const RESERVED_SHEET_NAMES = new Set(['history']);

/**
 * A valid, unique sheet name. `taken` holds the lower-cased names already used and is
 * updated. Forbidden characters become `_`.
 */
export function sanitizeSheetName(name: string, index = 0, taken = new Set<string>()): string {
	let base = cleanXmlText(name)
		.replace(/[[\]:*?/\\]/g, '_')
		.replace(/[\n\t]/g, ' ')
		.trim()
		.replace(/^'+|'+$/g, '');
	if (base === '') base = `Sheet${index + 1}`;
	if (RESERVED_SHEET_NAMES.has(base.toLowerCase())) base = `${base}_`;
	let candidate = truncate(base, XLSX_LIMITS.sheetName);
	for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
		const suffix = ` (${n})`;
		candidate = truncate(base, XLSX_LIMITS.sheetName - suffix.length) + suffix;
	}
	taken.add(candidate.toLowerCase());
	return candidate;
}

/** At most `max` UTF-16 units, never splitting a surrogate pair. */
function truncate(s: string, max: number): string {
	if (s.length <= max) return s;
	let out = s.slice(0, max);
	if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
	return out.replace(/'+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Parts

/** `A`, `Z`, `AA` … for a zero-based column index. */
export function columnName(index: number): string {
	let n = index + 1;
	let name = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		name = String.fromCharCode(65 + r) + name;
		n = Math.floor((n - 1) / 26);
	}
	return name;
}

class SharedStrings {
	readonly list: string[] = [];
	private readonly index = new Map<string, number>();
	count = 0;

	add(s: string): number {
		this.count++;
		let i = this.index.get(s);
		if (i === undefined) {
			i = this.list.length;
			this.list.push(s);
			this.index.set(s, i);
		}
		return i;
	}

	toXml(): string {
		const items = this.list
			.map((s) => `<si><t xml:space="preserve">${escapeExcelText(escapeXml(s))}</t></si>`)
			.join('');
		return `${XML_DECL}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
	}
}

const MIN_AUTO_WIDTH = 6;
const MAX_AUTO_WIDTH = 50;
/** The most a header cell widens its column by itself (in characters). */
const HEADER_FIT = 16;

function columnWidthsOf(sheet: XlsxSheet, columns: number, header: number): number[] {
	const widths: number[] = [];
	for (let c = 0; c < columns; c++) {
		const given = sheet.columnWidths?.[c];
		if (given !== undefined && Number.isFinite(given) && given > 0) {
			widths.push(Math.min(given, 255));
			continue;
		}
		let w = 0;
		sheet.rows.forEach((row, r) => {
			const cw = cellWidth(row[c] ?? null);
			// Header text wraps: a long heading should not widen a column of short figures.
			w = Math.max(w, r < header ? Math.min(cw, HEADER_FIT) : cw);
		});
		widths.push(Math.min(MAX_AUTO_WIDTH, Math.max(MIN_AUTO_WIDTH, w + 1)));
	}
	return widths;
}

function sheetXml(given: XlsxSheet, name: string, strings: SharedStrings, first: boolean): string {
	const titled = given.title !== undefined;
	// The title is row 1 and part of the frozen header; it never sizes a column.
	const sheet: XlsxSheet = titled
		? {
				...given,
				rows: [[given.title!], ...given.rows],
				header: (given.header ?? 0) + 1
			}
		: given;
	const rows = sheet.rows;
	if (rows.length > XLSX_LIMITS.rows) {
		throw new RangeError(`sheet ${name}: ${rows.length} rows, at most ${XLSX_LIMITS.rows}`);
	}
	const columns = Math.max(0, ...rows.map((r) => r.length));
	if (columns > XLSX_LIMITS.columns) {
		throw new RangeError(`sheet ${name}: ${columns} columns, at most ${XLSX_LIMITS.columns}`);
	}
	const header = Math.max(0, Math.min(Math.floor(sheet.header ?? 0), rows.length));
	const widths = columnWidthsOf(titled ? given : sheet, columns, titled ? header - 1 : header);

	const body: string[] = [];
	rows.forEach((row, r) => {
		const cells: string[] = [];
		row.forEach((value, c) => {
			if (value === null || value === undefined) return;
			const ref = `${columnName(c)}${r + 1}`;
			const isHeader = r < header;
			if (typeof value === 'number' && Number.isFinite(value)) {
				const s = isHeader ? STYLE.header : STYLE.body;
				cells.push(`<c r="${ref}" s="${s}"><v>${Object.is(value, -0) ? 0 : value}</v></c>`);
				return;
			}
			const text = cleanXmlText(String(value));
			if (text.length > XLSX_LIMITS.cellText) {
				throw new RangeError(
					`sheet ${name}, cell ${ref}: ${text.length} characters, at most ${XLSX_LIMITS.cellText}`
				);
			}
			const wraps = text.includes('\n') || displayWidth(text) > (widths[c] ?? 0);
			const s =
				titled && r === 0 ? STYLE.title : isHeader ? STYLE.header : wraps ? STYLE.wrap : STYLE.body;
			cells.push(`<c r="${ref}" s="${s}" t="s"><v>${strings.add(text)}</v></c>`);
		});
		if (cells.length > 0) body.push(`<row r="${r + 1}">${cells.join('')}</row>`);
	});

	const lastRef = columns > 0 && rows.length > 0 ? `${columnName(columns - 1)}${rows.length}` : '';
	const dimension = lastRef && lastRef !== 'A1' ? `A1:${lastRef}` : 'A1';
	const selected = first ? ' tabSelected="1"' : '';
	const pane =
		header > 0
			? `<pane ySplit="${header}" topLeftCell="A${header + 1}" activePane="bottomLeft" state="frozen"/>` +
				`<selection pane="bottomLeft" activeCell="A${header + 1}" sqref="A${header + 1}"/>`
			: '';
	const cols =
		widths.length > 0
			? `<cols>${widths
					.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
					.join('')}</cols>`
			: '';
	// Element order is the schema's: sheetPr first; pageMargins and pageSetup after sheetData.
	const print = sheet.print;
	const sheetPr = print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
	const pageSetup = print
		? '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
			'<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
		: '';
	return (
		`${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${sheetPr}` +
		`<dimension ref="${dimension}"/>` +
		`<sheetViews><sheetView${selected} workbookViewId="0">${pane}</sheetView></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="18"/>${cols}` +
		`<sheetData>${body.join('')}</sheetData>${pageSetup}</worksheet>`
	);
}

const STYLES_XML =
	`${XML_DECL}<styleSheet xmlns="${NS_MAIN}">` +
	'<fonts count="2">' +
	'<font><sz val="11"/><name val="游ゴシック"/><family val="3"/><charset val="128"/></font>' +
	'<font><b/><sz val="11"/><name val="游ゴシック"/><family val="3"/><charset val="128"/></font>' +
	'</fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill>' +
	'<fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="5">' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
	'</cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

/** The workbook's parts, path → XML text, in the order they are zipped. */
export function xlsxParts(sheets: readonly XlsxSheet[]): [string, string][] {
	if (sheets.length === 0) throw new RangeError('a workbook needs at least one sheet');
	const taken = new Set<string>();
	const names = sheets.map((s, i) => sanitizeSheetName(s.name, i, taken));
	const strings = new SharedStrings();
	const worksheets = sheets.map((s, i) => sheetXml(s, names[i]!, strings, i === 0));
	const hasStrings = strings.list.length > 0;
	const n = sheets.length;

	const overrides = [
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
		...worksheets.map(
			(_, i) =>
				`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
		),
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
		...(hasStrings
			? [
					`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
				]
			: [])
	];
	const contentTypes =
		`${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`;
	const rootRels =
		`${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">` +
		`<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`;
	const workbook =
		`${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
		`<bookViews><workbookView/></bookViews><sheets>` +
		names
			.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
			.join('') +
		`</sheets></workbook>`;
	const workbookRels =
		`${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">` +
		names
			.map(
				(_, i) =>
					`<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
			)
			.join('') +
		`<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
		(hasStrings
			? `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`
			: '') +
		`</Relationships>`;

	return [
		['[Content_Types].xml', contentTypes],
		['_rels/.rels', rootRels],
		['xl/workbook.xml', workbook],
		['xl/_rels/workbook.xml.rels', workbookRels],
		['xl/styles.xml', STYLES_XML],
		...(hasStrings ? [['xl/sharedStrings.xml', strings.toXml()] as [string, string]] : []),
		...worksheets.map((xml, i) => [`xl/worksheets/sheet${i + 1}.xml`, xml] as [string, string])
	];
}

/**
 * A sheet from a table with header rows (progress-table.ts): header rows first, frozen and
 * bold.
 */
export function sheetFromTable(
	name: string,
	table: { header: readonly (readonly string[])[]; rows: readonly (readonly XlsxCell[])[] },
	columnWidths?: readonly number[]
): XlsxSheet {
	return {
		name,
		rows: [...table.header, ...table.rows],
		header: table.header.length,
		...(columnWidths ? { columnWidths } : {})
	};
}

/** A sheet meant to be printed and read alone: the table's title on top, A4 landscape. */
export function printableSheet(
	name: string,
	table: {
		title: string;
		header: readonly (readonly string[])[];
		rows: readonly (readonly XlsxCell[])[];
	}
): XlsxSheet {
	return {
		...sheetFromTable(name, table),
		title: table.title,
		print: { paper: 'A4', orientation: 'landscape', fitToWidth: true }
	};
}

/** The workbook as .xlsx bytes (MIME application/vnd.openxmlformats-officedocument.spreadsheetml.sheet). */
export function writeXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
	const encoder = new TextEncoder();
	return zipDeflate(xlsxParts(sheets).map(([path, xml]) => ({ path, data: encoder.encode(xml) })));
}

// ---------------------------------------------------------------------------------------------
// Zip

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (IEEE 802.3), as zip records it (the tests check archives with it). */
export function crc32(data: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/**
 * 1980-01-01 00:00 local time, the zip epoch: a fixed stamp keeps the output reproducible
 * (fflate writes the DOS time of the Date it is given; the default would be now).
 */
const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/** A deflated zip archive (fflate), entries in the given order with a fixed timestamp. */
export function zipDeflate(files: readonly { path: string; data: Uint8Array }[]): Uint8Array {
	const entries: Zippable = {};
	for (const f of files) entries[f.path] = [f.data, { level: 6, mtime: ZIP_EPOCH }];
	return zipSync(entries);
}
