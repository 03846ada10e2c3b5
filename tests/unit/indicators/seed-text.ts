/**
 * Helpers for checking a transcription against the seed documents' extracted text.
 *
 * The seeds are PDF text: table cells are flattened, lines break anywhere (`希望者\nすべて`,
 * `8,597\n/年度\n末`), digits and brackets come full- or half-width. So a figure is searched
 * with whitespace allowed between any two characters, after folding full-width ASCII forms,
 * and with digit boundaries so that `1` never matches inside `10` or `1,613`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
/**
 * The plan documents the pack was transcribed from, copied into the repository with their
 * origin (packs/tsurugashima/source/SOURCES.md), so the check runs on any clone.
 */
export const SEEDS_DIR = path.resolve(REPO_ROOT, 'packs/tsurugashima/source/plan');

/** Reads a seed document; fails loudly (never skips) when one is missing. */
export function readSeed(file: string, dir: string = SEEDS_DIR): string {
	if (!existsSync(dir)) throw new Error(`Seed documents not found at ${dir}.`);
	const full = path.join(dir, file);
	if (!existsSync(full)) throw new Error(`Seed document ${file} is missing from ${dir}`);
	return readFileSync(full, 'utf8');
}

/**
 * Full-width digits, Latin letters and ASCII punctuation to ASCII, ideographic space to a
 * space. Circled numbers (①) and kana are left alone (NFKC would turn ① into 1).
 */
export function fold(s: string): string {
	return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The text without any whitespace, plus for every kept character its index in the input. */
export function stripWithMap(s: string): { text: string; map: number[] } {
	let text = '';
	const map: number[] = [];
	for (let i = 0; i < s.length; i++) {
		if (/\s/.test(s[i]!)) continue;
		text += s[i];
		map.push(i);
	}
	return { text, map };
}

export const strip = (s: string) => fold(s).replace(/\s+/g, '');

/**
 * Some PDFs extract kanji as their radical look-alikes (⺠ for 民, ⽣ for 生, ⾒ for 見): Kangxi
 * radicals (U+2F00–U+2FDF) to the kanji NFKC gives, and the two CJK radicals supplement forms
 * seen in the seeds (no NFKC mapping) by hand.
 */
export function foldRadicals(s: string): string {
	return s
		.replace(/[\u2f00-\u2fdf]/g, (c) => c.normalize('NFKC'))
		.replace(/\u2ea0/g, '民')
		.replace(/\u2ed1/g, '長');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex source matching `printed` with any whitespace between its characters. */
export function flexible(printed: string): string {
	const chars = [...fold(printed).replace(/\s+/g, '')];
	let src = chars.map(escapeRe).join('\\s*');
	if (/^[\d]/.test(chars[0] ?? '')) src = `(?<![\\d.,])${src}`;
	if (/[\d]$/.test(chars[chars.length - 1] ?? '')) src = `${src}(?!\\d|[.,]\\d)`;
	return src;
}

/** The row of indicator `n` in a progress table: from its number + title to the next row. */
export function rowSlice(
	doc: string,
	n: number,
	titleStart: (k: number) => string[],
	last: number
): string {
	const start = rowStart(doc, n, titleStart(n));
	if (start < 0) throw new Error(`row ${n} not found`);
	const end = n < last ? rowStart(doc, n + 1, titleStart(n + 1)) : doc.length;
	if (end < 0) throw new Error(`row ${n + 1} not found`);
	if (end <= start) throw new Error(`row ${n + 1} starts before row ${n}`);
	return doc.slice(start, end);
}

function rowStart(doc: string, n: number, titles: string[]): number {
	for (const title of titles) {
		const head = [...strip(title)].slice(0, 5).map(escapeRe).join('\\s*');
		const m = new RegExp(`(?:^|\\n)${n}\\s+${head}`).exec(doc);
		if (m) return m.index;
	}
	return -1;
}
