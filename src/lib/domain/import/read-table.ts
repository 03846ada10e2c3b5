/**
 * Reads a spreadsheet file as a table of text: the first sheet of an XLSX (fflate unzips it;
 * shared strings, inline strings and numbers are read, formulas by their cached value), or a
 * CSV as Excel writes it — UTF-8 with or without BOM, or Shift_JIS (Excel on Japanese Windows
 * saves 「CSV（コンマ区切り）」 in Shift_JIS). No styles, no dates: a salon list is text and
 * small numbers, and a time Excel stored as a fraction of a day is the caller's to read
 * (cell-readers.ts reads 0.4166… as 10:00).
 */
import { unzipSync } from 'fflate';
import { parseCsv } from '../csv';

export type ImportTable = string[][];

/** Thrown for a file that is neither a readable XLSX nor a CSV; `code` names the problem. */
export class TableReadError extends Error {
	constructor(readonly code: 'notSpreadsheet' | 'noSheet' | 'empty') {
		super(code);
	}
}

const XML_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'"
};

function unescapeXml(s: string): string {
	return s
		.replace(/&(amp|lt|gt|quot|apos);|&#(\d+);|&#x([0-9a-fA-F]+);/g, (_, name, dec, hex) =>
			name
				? XML_ENTITIES[name as string]!
				: String.fromCodePoint(dec ? Number(dec) : parseInt(hex as string, 16))
		)
		.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of an `<si>` or `<is>` item: every `<t>` in it (rich text has several runs). */
function itemText(xml: string): string {
	// Phonetic runs (<rPh>, furigana Excel keeps for Japanese) are not part of the text.
	const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
	let text = '';
	for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) {
		text += unescapeXml(m[1] ?? '');
	}
	return text;
}

/** Column index (0-based) of a cell reference such as `AB12`. */
function columnOf(ref: string): number {
	let n = 0;
	for (const ch of ref) {
		const c = ch.charCodeAt(0);
		if (c < 65 || c > 90) break;
		n = n * 26 + (c - 64);
	}
	return n - 1;
}

const attr = (attrs: string, name: string): string | null =>
	new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;

/** The path of the workbook's first sheet (by workbook.xml order, through its relationships). */
function firstSheetPath(files: Record<string, Uint8Array>, decode: (b: Uint8Array) => string) {
	const workbook = files['xl/workbook.xml'];
	const rels = files['xl/_rels/workbook.xml.rels'];
	if (workbook && rels) {
		const sheet = /<sheet\b([^>]*)\/?>/.exec(decode(workbook));
		const id = sheet ? attr(sheet[1]!, 'r:id') : null;
		for (const m of decode(rels).matchAll(/<Relationship\b([^>]*)\/?>/g)) {
			if (attr(m[1]!, 'Id') !== id) continue;
			const target = attr(m[1]!, 'Target') ?? '';
			const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
			if (files[path]) return path;
		}
	}
	return files['xl/worksheets/sheet1.xml'] ? 'xl/worksheets/sheet1.xml' : null;
}

/** The first sheet of an XLSX file as rows of text (missing cells are ''). */
export function readXlsx(bytes: Uint8Array): ImportTable {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, {
			filter: (f) =>
				f.name.startsWith('xl/') && (f.name.endsWith('.xml') || f.name.endsWith('.rels'))
		});
	} catch {
		throw new TableReadError('notSpreadsheet');
	}
	const decoder = new TextDecoder('utf-8');
	const decode = (b: Uint8Array) => decoder.decode(b);
	const path = firstSheetPath(files, decode);
	if (!path) throw new TableReadError('noSheet');
	const sharedXml = files['xl/sharedStrings.xml'];
	const shared = sharedXml
		? [...decode(sharedXml).matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) =>
				itemText(m[1] ?? '')
			)
		: [];

	const rows: ImportTable = [];
	const sheet = decode(files[path]!);
	for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const rowNumber = Number(attr(rowMatch[1]!, 'r') ?? rows.length + 1);
		const cells: string[] = [];
		let next = 0;
		for (const c of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attrs = c[1]!;
			const ref = attr(attrs, 'r');
			const col = ref ? columnOf(ref) : next;
			next = col + 1;
			const inner = c[2] ?? '';
			const type = attr(attrs, 't');
			const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
			let text = '';
			if (type === 's') text = shared[Number(v)] ?? '';
			else if (type === 'inlineStr') text = itemText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
			else if (type === 'b') text = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : '';
			else if (v !== undefined) text = unescapeXml(v);
			while (cells.length < col) cells.push('');
			cells[col] = text;
		}
		// Rows are addressed by number: a skipped row in the file is an empty row here.
		while (rows.length < rowNumber - 1) rows.push([]);
		rows[rowNumber - 1] = cells;
	}
	return rows;
}

/**
 * A CSV file's text: UTF-8 when it has a BOM or decodes as UTF-8, otherwise Shift_JIS (what
 * Excel on Japanese Windows writes). A Shift_JIS file almost never decodes as valid UTF-8:
 * its kana and kanji bytes break UTF-8's sequence rules.
 */
export function decodeCsv(bytes: Uint8Array): string {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return new TextDecoder('utf-8').decode(bytes.subarray(3));
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('shift_jis').decode(bytes);
	}
}

/** A zip (XLSX) starts with PK\x03\x04; anything else is read as CSV. */
export const isZip = (bytes: Uint8Array): boolean =>
	bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The file's table, XLSX or CSV by its content (a renamed file is still read right). */
export function readTable(bytes: Uint8Array): ImportTable {
	const rows = isZip(bytes) ? readXlsx(bytes) : parseCsv(decodeCsv(bytes));
	const trimmed = rows.map((r) => r.map((c) => c.trim()));
	if (!trimmed.some((r) => r.some((c) => c !== ''))) throw new TableReadError('empty');
	return trimmed;
}
