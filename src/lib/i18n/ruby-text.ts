/**
 * Readings (ふりがな) in catalog strings, in the Aozora Bunko notation: `｜地図《ちず》`, or
 * `地図《ちず》` when the base is the run of kanji just before `《`. A catalog string is text,
 * never HTML: it is parsed into parts here, and `Ruby.svelte` renders each part as a text node
 * or a <ruby>, so nothing is ever given to {@html}. Values filled into `{name}` placeholders
 * (place names, addresses) are put in after parsing: they are never read as notation.
 */

/** Plain text, or a base with its reading. */
export type RubyPart = string | { readonly base: string; readonly reading: string };
export type RubyText = readonly RubyPart[];

const KANJI = /[\u3005\u3400-\u9fff\uf900-\ufaff]/u;
/** `｜base《reading》` or `kanji《reading》`; the base never holds notation characters. */
const NOTATION =
	/｜([^｜《》]+)《([^｜《》]+)》|([\u3005\u3400-\u9fff\uf900-\ufaff]+)《([^｜《》]+)》/gu;
/** A reading is kana (with the long-vowel mark), nothing else. */
const READING = /^[\u3041-\u309f\u30a0-\u30ff]+$/u;

/** Parts of a catalog string; a string with no `《` is one plain part (the usual case). */
export function parseRuby(text: string): RubyText {
	if (!text.includes('《')) return [text];
	const parts: RubyPart[] = [];
	let at = 0;
	for (const m of text.matchAll(NOTATION)) {
		if (m.index > at) parts.push(text.slice(at, m.index));
		parts.push({ base: (m[1] ?? m[3])!, reading: (m[2] ?? m[4])! });
		at = m.index + m[0].length;
	}
	if (at < text.length) parts.push(text.slice(at));
	return parts;
}

/** The text with its readings left out: for titles, aria-labels, <option>s and scripts. */
export const plainText = (parts: RubyText): string =>
	parts.map((p) => (typeof p === 'string' ? p : p.base)).join('');

/** Values for `{name}`: plain text, or words that carry their own readings (another key's). */
export type RubyParams = Record<string, string | number | RubyText>;

/**
 * Fills `{name}` placeholders in the plain parts only (a reading never holds a placeholder); a
 * value with readings keeps them.
 */
export function fillParts(parts: RubyText, params: RubyParams): RubyText {
	return parts.flatMap((part) => {
		if (typeof part !== 'string') return [part];
		return part.split(/(\{\w+\})/).flatMap((piece, i): RubyPart[] => {
			if (i % 2 === 0) return piece ? [piece] : [];
			const value = params[piece.slice(1, -1)];
			if (value === undefined) return [piece];
			return typeof value === 'object' ? [...value] : [String(value)];
		});
	});
}

/** The same values, readings left out. */
export const plainParams = (params: RubyParams): Record<string, string | number> =>
	Object.fromEntries(
		Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? plainText(v) : v])
	);

/**
 * What is wrong with a catalog string's notation, or [] when it is well-formed: stray `｜《》`,
 * a reading that is not kana, and (with `everyKanjiRead`) a kanji outside any base.
 */
export function rubyProblems(text: string, { everyKanjiRead = false } = {}): string[] {
	const problems: string[] = [];
	for (const part of parseRuby(text)) {
		if (typeof part === 'string') {
			const stray = part.match(/[｜《》]/u);
			if (stray) problems.push(`stray "${stray[0]}" in "${part}"`);
			// Placeholders are filled with data (a district's name): their letters are not ours.
			const outside = part.replace(/\{[^{}]*\}/g, '');
			if (everyKanjiRead && KANJI.test(outside))
				problems.push(`kanji without a reading in "${part}"`);
		} else if (!READING.test(part.reading)) {
			problems.push(`reading "${part.reading}" of "${part.base}" is not kana`);
		}
	}
	return problems;
}
