/**
 * The cells of a 社協 salon list as people type them: 種別, 状況, times (10:00, 10時30分, Excel's
 * fraction of a day) and 開催日 (毎月第2・第4火曜, 毎週月・木曜). Each reader returns the value,
 * or null / undefined for a cell it cannot read, so the row check can name the problem.
 */
import type { PlaceFields } from '../sync/protocol';

const nfkc = (s: string) => s.normalize('NFKC').replace(/\s/gu, '');

const CATEGORY_WORDS: [string, PlaceFields['category']][] = [
	['子どもサロン', 'kids-salon'],
	['こどもサロン', 'kids-salon'],
	['子供サロン', 'kids-salon'],
	['子ども食堂', 'kids-salon'],
	['ふれあいサービス', 'fureai-service'],
	['その他のつどいの場', 'gathering'],
	['つどいの場', 'gathering'],
	['集いの場', 'gathering'],
	['通いの場', 'gathering'],
	['サロン', 'salon'],
	['salon', 'salon'],
	['kids-salon', 'kids-salon'],
	['gathering', 'gathering'],
	['fureai-service', 'fureai-service']
];

/** The export's word for each category (the template's 種別). */
export const CATEGORY_LABELS: Record<PlaceFields['category'], string> = {
	salon: 'サロン',
	'kids-salon': '子どもサロン',
	gathering: 'つどいの場',
	'fureai-service': 'ふれあいサービス'
};

export function readCategory(cell: string): PlaceFields['category'] | null {
	const c = nfkc(cell).toLowerCase();
	if (c === '') return 'salon';
	return CATEGORY_WORDS.find(([word]) => nfkc(word).toLowerCase() === c)?.[1] ?? null;
}

export const STATUS_LABELS: Record<PlaceFields['status'], string> = {
	active: '活動中',
	paused: '休止中',
	closed: '終了'
};

export function readStatus(cell: string): PlaceFields['status'] | null {
	const c = nfkc(cell);
	if (c === '' || c === '活動中' || c === '活動' || c === 'active') return 'active';
	if (c === '休止中' || c === '休止' || c === 'paused') return 'paused';
	if (c === '終了' || c === '廃止' || c === '閉鎖' || c === 'closed') return 'closed';
	return null;
}

/**
 * A time of day: 10:00, 9:30, 10時, 10時30分, or Excel's fraction of a day (0.41666… = 10:00,
 * what a cell formatted as a time holds). '' is null; anything else undefined (an error).
 */
export function readTime(cell: string): string | null | undefined {
	const c = nfkc(cell);
	if (c === '') return null;
	let h: number;
	let m: number;
	const clock = /^(\d{1,2})(?::(\d{2})(?::\d{2})?|時(?:(\d{1,2})分)?|時半)$/u.exec(c);
	if (clock) {
		h = Number(clock[1]);
		m = c.endsWith('時半') ? 30 : Number(clock[2] ?? clock[3] ?? 0);
	} else if (/^0?\.\d+$/.test(c)) {
		const minutes = Math.round(Number(c) * 24 * 60);
		h = Math.floor(minutes / 60);
		m = minutes % 60;
	} else return undefined;
	if (h > 23 || m > 59) return undefined;
	return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A schedule's days without its times. */
export type ScheduleDays =
	{ kind: 'weekly'; weekdays: number[] } | { kind: 'monthly'; nths: number[]; weekday: number };

const WEEKDAY_CHARS = '日月火水木金土';
const NTH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
const TIME_RANGE =
	/(\d{1,2}(?::\d{2}|時(?:\d{1,2}分|半)?))[~〜～\-－ー―](\d{1,2}(?::\d{2}|時(?:\d{1,2}分|半)?))/u;

/**
 * 開催日 as 社協 lists write it: 毎月第2・第4火曜, 第1・3水曜日, 毎週月・木曜, 毎週火曜日,
 * optionally with the time (10:00〜12:00). '' is no schedule (null); text that is not a
 * schedule is undefined (an error: put it in 備考 instead).
 */
export function readSchedule(
	cell: string
): { days: ScheduleDays | null; start?: string; end?: string } | undefined {
	let c = nfkc(cell);
	if (c === '') return { days: null };
	let start: string | undefined;
	let end: string | undefined;
	const range = TIME_RANGE.exec(c);
	if (range) {
		start = readTime(range[1]!) ?? undefined;
		end = readTime(range[2]!) ?? undefined;
		c = c.replace(range[0], '');
	}
	const isWeekly = c.includes('毎週');
	c = c.replace(/毎週|毎月|曜日|曜|の|に/gu, '');
	const nths: number[] = [];
	c = c.replace(/第([1-5一二三四五](?:[・、,/][第]?[1-5一二三四五])*)/gu, (_, list: string) => {
		for (const ch of list) {
			const n = NTH_DIGITS[ch] ?? (/[1-5]/.test(ch) ? Number(ch) : null);
			if (n !== null) nths.push(n);
		}
		return '';
	});
	const weekdays: number[] = [];
	for (const ch of c) {
		const d = WEEKDAY_CHARS.indexOf(ch);
		if (d >= 0) weekdays.push(d);
		else if (!'・、,/()（）'.includes(ch)) return undefined;
	}
	const uniqueDays = [...new Set(weekdays)].sort();
	if (uniqueDays.length === 0) return undefined;
	if (nths.length > 0) {
		if (isWeekly || uniqueDays.length !== 1) return undefined;
		return {
			days: { kind: 'monthly', nths: [...new Set(nths)].sort(), weekday: uniqueDays[0]! },
			start,
			end
		};
	}
	return { days: { kind: 'weekly', weekdays: uniqueDays }, start, end };
}
