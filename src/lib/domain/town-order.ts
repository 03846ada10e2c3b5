/**
 * Town names (町名) in the order a resident looks for them: by base name, then by 丁目 number.
 * Plain collation compares 丁目 numerals as characters and gives 一, 五, 三, 四, 二, 六.
 */
const COLLATOR = new Intl.Collator('ja');
const CHOME = /^(.*?)([0-9〇一二三四五六七八九十百]+)丁目$/u;
const DIGITS: Record<string, number> = {
	〇: 0,
	一: 1,
	二: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};

/** 一 → 1, 十二 → 12, 二十 → 20, 百三 → 103; Arabic digits (full or half width) too. */
export function readNumeral(text: string): number | null {
	const folded = text.normalize('NFKC');
	if (/^[0-9]+$/.test(folded)) return Number(folded);
	let total = 0;
	let digit: number | null = null;
	for (const ch of folded) {
		if (ch in DIGITS) digit = DIGITS[ch]!;
		else if (ch === '十' || ch === '百') {
			total += (digit ?? 1) * (ch === '十' ? 10 : 100);
			digit = null;
		} else return null;
	}
	return total + (digit ?? 0);
}

/** 「富士見三丁目」 → { base: '富士見', chome: 3 }; a name without 丁目 has chome null. */
export function splitChome(name: string): { base: string; chome: number | null } {
	const m = CHOME.exec(name.normalize('NFKC'));
	const chome = m ? readNumeral(m[2]!) : null;
	return m && chome !== null ? { base: m[1]!, chome } : { base: name, chome: null };
}

/** Base name first; the bare name (大字富士見) before its 丁目; 丁目 by number. */
export function compareTownNames(a: string, b: string): number {
	const x = splitChome(a);
	const y = splitChome(b);
	const byBase = COLLATOR.compare(x.base, y.base);
	if (byBase !== 0) return byBase;
	return (x.chome ?? 0) - (y.chome ?? 0) || COLLATOR.compare(a, b);
}

export function sortTownsByName<T extends { name: string }>(towns: readonly T[]): T[] {
	return [...towns].sort((a, b) => compareTownNames(a.name, b.name));
}
