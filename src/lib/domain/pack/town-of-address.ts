/**
 * The 町丁目/大字 an address lies in, for cities whose districts are lists of towns
 * (pack.json `districts.from: "town-list"`): a place's district follows from its town.
 *
 * Addresses are written many ways for the same town: 「埼玉県所沢市けやき台1-38-1」 (GSI),
 * 「所沢市若狭四丁目2478番地4」 (a city page), 「大字坂之下673」. The town list writes
 * 「けやき台一丁目」, 「大字坂之下」. So both are folded (width, 大字, ヶ/ケ) and a 丁目 town
 * matches its base name followed by its number in kanji or digits; the longest match wins
 * (東所沢和田一丁目 over 東所沢…, which does not match 「東所沢和田1」 anyway).
 */
import type { Town } from '../model';

const KANJI_DIGITS = '〇一二三四五六七八九';

/** 1–99 in the kanji a 丁目 name uses (一, 十, 十二, 二十三). */
export function kanjiNumber(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > 99)
		throw new RangeError(`no kanji 丁目 number for ${n}`);
	const tens = Math.floor(n / 10);
	const ones = n % 10;
	const tenPart = tens === 0 ? '' : tens === 1 ? '十' : `${KANJI_DIGITS[tens]}十`;
	return tenPart + (ones === 0 ? '' : KANJI_DIGITS[ones]!);
}

/** A town name or an address, folded the same way: width, spaces, ヶ/ヵ as ケ. */
const fold = (s: string) =>
	s
		.normalize('NFKC')
		.replace(/\s/gu, '')
		.replace(/[ヶヵ]/gu, 'ケ');

/** The key a town is known by in town lists: folded, without a leading 大字. */
export const townKey = (name: string): string => fold(name).replace(/^大字/u, '');

const CHOME_NAME = /^(.+?)([一二三四五六七八九十]+)丁目$/u;

/** How much of `rest` (an address after the municipality) names `town`; 0 when it does not. */
function matchLength(rest: string, town: string): number {
	const chome = CHOME_NAME.exec(town);
	if (!chome) return rest.startsWith(town) ? town.length : 0;
	const [, base, number] = chome as unknown as [string, string, string];
	if (!rest.startsWith(base)) return 0;
	const after = rest.slice(base.length);
	if (after.startsWith(`${number}丁目`)) return town.length;
	const digits = /^(\d+)(?:丁目|-|番|$)/u.exec(after);
	if (digits && kanjiNumber(Number(digits[1])) === number) return town.length;
	return 0;
}

/** The town an address lies in, or null when it names none of them (or another city). */
export function townOfAddress(
	address: string,
	towns: readonly Town[],
	municipality: string
): Town | null {
	let rest = fold(address);
	const city = fold(municipality);
	const at = rest.indexOf(city);
	if (at >= 0) rest = rest.slice(at + city.length);
	rest = rest.replace(/^大字/u, '');
	let best: Town | null = null;
	let bestLength = 0;
	for (const town of towns) {
		const length = matchLength(rest, townKey(town.name));
		if (length > bestLength) {
			best = town;
			bestLength = length;
		}
	}
	return best;
}

/** A town-list city's district for an address (null: no town matched, or the town is in none). */
export function districtOfAddress(
	pack: { towns: readonly Town[]; municipality: string },
	address: string | null
): string | null {
	if (!address) return null;
	return townOfAddress(address, pack.towns, pack.municipality)?.districtId ?? null;
}
