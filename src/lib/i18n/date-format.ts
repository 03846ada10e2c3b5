/**
 * Dates as people read them, one formatter per language (pages never branch on the language
 * themselves): a day in a list is 12月8日(火) / Tue 8 Dec; a full date is 令和8年12月8日 /
 * 8 December 2026. Input is a calendar date (YYYY-MM-DD, a day in Japan), so no time zone can
 * shift it. Machines (CSV, the API) keep ISO dates.
 */
import { eraOfDate, tokyoDateOf } from '#lib/domain/fiscal-year.js';
import type { Lang } from './messages';

export interface DateFormat {
	/** A day in a list or a form's hint: 12月8日(火) */
	day(iso: string): string;
	/** A date that stands alone (a record, a paper): 令和8年12月8日 */
	full(iso: string): string;
	/** An instant (a record's history) as its day and time in Japan: 12月8日(火) 05:12 */
	at(instant: string | number): string;
	/** The app's build, from SvelteKit's version (a build timestamp unless a deployer set one). */
	build(version: string): string;
}

const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_EN = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

function parts(iso: string) {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return { y, m, d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/** The Japan calendar date and HH:MM of an instant. */
function japanTime(instant: string | number) {
	const ms = typeof instant === 'number' ? instant : Date.parse(instant);
	return { iso: tokyoDateOf(ms), time: new Date(ms + 9 * 3_600_000).toISOString().slice(11, 16) };
}

/** A build timestamp (ms) as its Japan date and time, or null when the version is a name. */
const buildInstant = (version: string) =>
	/^\d{12,14}$/.test(version) ? japanTime(Number(version)) : null;
const ja: DateFormat = {
	day(iso) {
		const { m, d, weekday } = parts(iso);
		return `${m}月${d}日(${WEEKDAY_JA[weekday]})`;
	},
	full(iso) {
		const { m, d } = parts(iso);
		const { era, year } = eraOfDate(iso);
		return `${era}${year === 1 ? '元' : year}年${m}月${d}日`;
	},
	at(instant) {
		const { iso, time } = japanTime(instant);
		return `${ja.day(iso)} ${time}`;
	},
	build(version) {
		const at = buildInstant(version);
		return at ? `${ja.full(at.iso)} ${at.time} 版` : version;
	}
};

const en: DateFormat = {
	day(iso) {
		const { m, d, weekday } = parts(iso);
		return `${WEEKDAY_EN[weekday]} ${d} ${MONTH_EN[m - 1]!.slice(0, 3)}`;
	},
	full(iso) {
		const { y, m, d } = parts(iso);
		return `${d} ${MONTH_EN[m - 1]} ${y}`;
	},
	at(instant) {
		const { iso, time } = japanTime(instant);
		return `${en.day(iso)} ${time}`;
	},
	build(version) {
		const at = buildInstant(version);
		return at ? `built ${en.full(at.iso)}, ${at.time} (Japan time)` : version;
	}
};

const FORMATS: Record<Lang, DateFormat> = { ja, en };

export const dateFormat = (lang: Lang): DateFormat => FORMATS[lang];
