/**
 * Japanese fiscal years (年度) and era (和暦) years: the one place that knows the rules.
 *
 * Contracts:
 * - A fiscal year runs from April 1 to March 31 and is named by the Western year it starts in:
 *   FY 2023 = 2023-04-01 … 2024-03-31 (令和5年度).
 * - Dates are Asia/Tokyo calendar dates written `YYYY-MM-DD`. An instant (Date or epoch ms) is
 *   first converted to its Tokyo date; Japan has used UTC+9 without daylight saving since 1951,
 *   so the conversion is a fixed offset and needs no time-zone database.
 * - Eras: 平成 began 1989-01-08, 令和 began 2019-05-01. Only these two are supported: the plans
 *   and records the app holds start well after 1989. Earlier dates throw a RangeError.
 * - Fiscal-year era names follow official usage: 令和N年度 = FY 2018+N (FY 2019 is 令和元年度, the
 *   name the government adopted for the whole year although April 2019 was still 平成31年),
 *   平成N年度 = FY 1988+N for FY 1989–2018.
 * - Calendar-year era names (for data reported per calendar year, e.g. 健康寿命 `令和2年`):
 *   1989–2018 are 平成, 2019 onwards 令和 (2019 = 令和元年, as the plan documents write it).
 * - Year 1 of an era is written 元 (元年 / 元年度); the short form uses the digit (R1, H1).
 */

// The Tokyo date of an instant lives apart (the resident list needs only it at start-up).
import { JST_OFFSET_MS, tokyoDateOf } from './tokyo-date';
export { todayInJapan, tokyoDateOf } from './tokyo-date';

/** The eras the app knows, newest first. `start` is the first calendar day of the era. */
export const ERAS = [
	{ name: '令和', short: 'R', start: '2019-05-01', firstYear: 2019 },
	{ name: '平成', short: 'H', start: '1989-01-08', firstYear: 1989 }
] as const;

export type EraName = (typeof ERAS)[number]['name'];

/** A year within an era: 令和5 → { era: '令和', year: 5 }. */
export interface EraYear {
	era: EraName;
	year: number;
}

/** The earliest fiscal / calendar year the era helpers accept (平成元年). */
export const MIN_ERA_YEAR = 1989;

const pad2 = (n: number) => String(n).padStart(2, '0');

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (rejects 2023-02-29). */
export function isIsoDate(value: string): boolean {
	const m = DATE_RE.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (mo < 1 || mo > 12 || d < 1) return false;
	return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Normalises a date argument to a validated Tokyo `YYYY-MM-DD` string. */
function toIsoDate(date: string | Date | number): string {
	if (typeof date === 'string') {
		if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD calendar date: ${date}`);
		return date;
	}
	return tokyoDateOf(date);
}

/**
 * The fiscal year a date belongs to. Strings are Tokyo calendar dates; a Date or epoch ms is
 * converted to its Tokyo date first (2024-03-31T15:00Z is 2024-04-01 in Tokyo → FY 2024).
 */
export function fiscalYearOf(date: string | Date | number): number {
	const iso = toIsoDate(date);
	const year = Number(iso.slice(0, 4));
	const month = Number(iso.slice(5, 7));
	return month >= 4 ? year : year - 1;
}

/** First day (April 1) of a fiscal year. */
export function fiscalYearStart(fiscalYear: number): string {
	assertYear(fiscalYear);
	return `${fiscalYear}-04-01`;
}

/** Last day (March 31 of the next calendar year) of a fiscal year. */
export function fiscalYearEnd(fiscalYear: number): string {
	assertYear(fiscalYear);
	return `${fiscalYear + 1}-03-31`;
}

/**
 * The instant (epoch ms) a fiscal year ends: April 1 00:00 in Japan of the next calendar year.
 * "At fiscal-year end" means every change made before this instant.
 */
export function fiscalYearEndInstant(fiscalYear: number): number {
	assertYear(fiscalYear);
	return Date.UTC(fiscalYear + 1, 3, 1) - JST_OFFSET_MS;
}

/** True when the date lies in the fiscal year (both ends inclusive). */
export function isInFiscalYear(date: string | Date | number, fiscalYear: number): boolean {
	return fiscalYearOf(date) === fiscalYear;
}

function assertYear(year: number): void {
	if (!Number.isInteger(year) || year < 1 || year > 9999) {
		throw new RangeError(`not a year: ${year}`);
	}
}

function assertEraRange(year: number): void {
	assertYear(year);
	if (year < MIN_ERA_YEAR) {
		throw new RangeError(`years before ${MIN_ERA_YEAR} (平成元年) are not supported: ${year}`);
	}
}

/** The era year of a calendar date: 2019-04-30 → 平成31, 2019-05-01 → 令和1. */
export function eraOfDate(date: string | Date | number): EraYear {
	const iso = toIsoDate(date);
	for (const era of ERAS) {
		if (iso >= era.start) {
			return { era: era.name, year: Number(iso.slice(0, 4)) - era.firstYear + 1 };
		}
	}
	throw new RangeError(`dates before ${ERAS[ERAS.length - 1]!.start} are not supported: ${iso}`);
}

/** The era year naming a fiscal year: FY 2019 → 令和1 (令和元年度), FY 2018 → 平成30. */
export function eraOfFiscalYear(fiscalYear: number): EraYear {
	assertEraRange(fiscalYear);
	return fiscalYear >= 2019
		? { era: '令和', year: fiscalYear - 2018 }
		: { era: '平成', year: fiscalYear - 1988 };
}

/** The era year naming a calendar year: 2019 → 令和1 (令和元年), 2018 → 平成30. */
export function eraOfCalendarYear(year: number): EraYear {
	// Same split as fiscal years: a year-long figure for 2019 is written 令和元年.
	return eraOfFiscalYear(year);
}

/** The Western year of an era year: 令和5 → 2023, 平成31 → 2019, 平成32 → 2020. */
export function westernYear(era: EraName, year: number): number {
	if (!Number.isInteger(year) || year < 1) throw new RangeError(`not an era year: ${year}`);
	const def = ERAS.find((e) => e.name === era);
	if (!def) throw new RangeError(`unknown era: ${era}`);
	return def.firstYear + year - 1;
}

function eraYearText(y: EraYear): string {
	return y.year === 1 ? '元' : String(y.year);
}

export interface FiscalYearLabelOptions {
	/** Append the Western year: 令和5年度（2023年度）. */
	western?: boolean;
}

/** `令和5年度`, `令和元年度`, or with `western`: `令和5年度（2023年度）`. */
export function fiscalYearLabel(fiscalYear: number, options: FiscalYearLabelOptions = {}): string {
	const e = eraOfFiscalYear(fiscalYear);
	const label = `${e.era}${eraYearText(e)}年度`;
	return options.western ? `${label}（${fiscalYear}年度）` : label;
}

/** The short form used in tables: FY 2023 → `R5`, FY 2018 → `H30`. */
export function fiscalYearShortLabel(fiscalYear: number): string {
	const e = eraOfFiscalYear(fiscalYear);
	return `${e.era === '令和' ? 'R' : 'H'}${e.year}`;
}

/** `令和2年`, `令和元年`, or with `western`: `令和2年（2020年）`. */
export function calendarYearLabel(year: number, options: FiscalYearLabelOptions = {}): string {
	const e = eraOfCalendarYear(year);
	const label = `${e.era}${eraYearText(e)}年`;
	return options.western ? `${label}（${year}年）` : label;
}

/** Full-width digits and letters to ASCII; trims and drops inner spaces. */
function normaliseInput(input: string): string {
	return input
		.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[\s\u3000]+/g, '')
		.trim();
}

const ERA_YEAR_RE = /^(令和|平成|R|H)(元|\d{1,2})(?:年度?)?$/i;
const WESTERN_RE = /^(?:FY)?(\d{4})(?:年度?)?$/i;

/**
 * Parses a fiscal year written as `令和5年度`, `令和５年度`, `令和元年度`, `R5`, `r5`, `H30`,
 * `平成30年度`, `2023`, `2023年度` or `FY2023` into the Western fiscal year (2023). Returns null
 * for anything else.
 *
 * 平成 years past 31 are accepted (平成32年度 = FY 2020): documents written before the era change
 * named future years that way. 令和0 / 平成0 and Western years outside 1989–2199 are rejected.
 */
export function parseFiscalYear(input: string): number | null {
	const s = normaliseInput(input);
	const era = ERA_YEAR_RE.exec(s);
	if (era) {
		const name = era[1]!.toUpperCase();
		const n = era[2] === '元' ? 1 : Number(era[2]);
		if (n < 1) return null;
		return westernYear(name === '令和' || name === 'R' ? '令和' : '平成', n);
	}
	const western = WESTERN_RE.exec(s);
	if (western) {
		const y = Number(western[1]);
		return y >= MIN_ERA_YEAR && y <= 2199 ? y : null;
	}
	return null;
}

const WAREKI_DATE_RE = /^(令和|平成|R|H)(元|\d{1,2})[.年/](\d{1,2})[.月/](\d{1,2})日?$/i;

/**
 * Parses an era date as the documents print it (`R4.4.1`, `令和4年4月1日`, `H31.4.30`) into a
 * `YYYY-MM-DD` date. Returns null when the text is not such a date or the day does not exist,
 * or when it names a day outside its era (令和1.4.30 was still 平成; 平成31.5.1 was 令和).
 */
export function parseEraDate(input: string): string | null {
	const m = WAREKI_DATE_RE.exec(normaliseInput(input));
	if (!m) return null;
	const name = m[1]!.toUpperCase();
	const era: EraName = name === '令和' || name === 'R' ? '令和' : '平成';
	const n = m[2] === '元' ? 1 : Number(m[2]);
	if (n < 1) return null;
	const iso = `${westernYear(era, n)}-${pad2(Number(m[3]))}-${pad2(Number(m[4]))}`;
	if (!isIsoDate(iso) || iso < ERAS[ERAS.length - 1]!.start) return null;
	return eraOfDate(iso).era === era ? iso : null;
}
