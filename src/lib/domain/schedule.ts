/**
 * Recurring schedules (毎週○曜 / 毎月第N・第M○曜) and their next dates, with national holidays
 * flagged. Dates are calendar dates in Japan, handled as UTC midnights so no time zone can
 * shift a day.
 */
import type { ScheduleRule } from './records';
import { fiscalYearOf, fiscalYearStart } from './fiscal-year';
import { holidayName } from './holidays';
import { DAY_MS, isoOfDay, occursOn, dayOf, type SchedulePlace } from './schedule-days';

// Rules matched day by day, without the calendar of holidays and eras (the resident list filters
// with them at start-up): schedule-days.ts.
export {
	WHEN_FILTERS,
	meetsBetween,
	occursOn,
	whenWindow,
	type SchedulePlace,
	type WhenFilter
} from './schedule-days';

export const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;
const KANJI_NUM = ['', '1', '2', '3', '4', '5'];

/** 「毎月第2・第4火曜 10:00〜12:00」 */
export function describeSchedule(rule: ScheduleRule, note: string | null = null): string {
	const time = `${rule.start}〜${rule.end}`;
	const base =
		rule.kind === 'weekly'
			? `毎週${rule.weekdays.map((d) => WEEKDAY_JA[d]).join('・')}曜 ${time}`
			: `毎月${rule.nths.map((n) => `第${KANJI_NUM[n]}`).join('・')}${WEEKDAY_JA[rule.weekday]}曜 ${time}`;
	return note ? `${base}（${note}）` : base;
}

export interface Occurrence {
	date: string;
	/** The national holiday on that date, if any: the salon may not meet. */
	holiday: string | null;
	/** Its organizer marked this one date off (休み): shown struck, never counted as a meeting. */
	off?: boolean;
}

/**
 * The next `count` meetings from `fromIso` (inclusive), looking at most two years ahead. Dates
 * the organizer marked off (`offDates`) are listed where they fall, flagged `off`, and do not
 * count toward `count`: a resident sees 「12月9日 休み」 and still gets the next meetings.
 */
export function nextOccurrences(
	rule: ScheduleRule,
	fromIso: string,
	count: number,
	offDates: readonly string[] = []
): Occurrence[] {
	const out: Occurrence[] = [];
	const off = new Set(offDates);
	let held = 0;
	const start = dayOf(fromIso);
	for (let t = start; held < count && t < start + 731 * DAY_MS; t += DAY_MS) {
		const iso = isoOfDay(t);
		if (!occursOn(rule, iso)) continue;
		if (off.has(iso)) out.push({ date: iso, holiday: holidayName(iso), off: true });
		else {
			out.push({ date: iso, holiday: holidayName(iso) });
			held += 1;
		}
	}
	return out;
}

/**
 * The organizer's list after marking (or unmarking) one date off: sorted, without dates
 * before last fiscal year (the yearly report still reads the year just closed; older dates
 * matter to no one, and the list stays short).
 */
export function toggleOffDate(
	offDates: readonly string[],
	date: string,
	todayIso: string
): string[] {
	const keepFrom = fiscalYearStart(fiscalYearOf(todayIso) - 1);
	const kept = offDates.filter((d) => d >= keepFrom && d !== date);
	if (!offDates.includes(date)) kept.push(date);
	return kept.sort();
}

/** The latest occurrence on or before `onOrBeforeIso`, or null within the past year. */
export function latestOccurrence(rule: ScheduleRule, onOrBeforeIso: string): string | null {
	const end = dayOf(onOrBeforeIso);
	for (let t = end; t > end - 366 * DAY_MS; t -= DAY_MS) {
		const iso = isoOfDay(t);
		if (occursOn(rule, iso)) return iso;
	}
	return null;
}

/**
 * The date a session log starts with: the salon's latest scheduled date on or before today (a
 * log is written on the day or after it), else today when the place has no rule or met not
 * once in the past year. A scheduled date that is a national holiday still counts: the rule
 * says nothing of holidays, and the person sees the date and can change it.
 */
export function defaultSessionDate(
	rule: ScheduleRule | null | undefined,
	todayIso: string
): string {
	return (rule && latestOccurrence(rule, todayIso)) || todayIso;
}

/**
 * What a resident is told about when a place next meets: paused (休止中) wins over any rule, a
 * closed place or one without a rule says nothing (its free-text schedule still shows).
 */
export type NextMeetings =
	| { kind: 'paused' }
	| { kind: 'dates'; dates: Occurrence[]; start: string; end: string }
	| { kind: 'none' };

/** `count` meetings, with any date marked off before the last of them (flagged `off`). */
export function nextMeetings(place: SchedulePlace, todayIso: string, count: number): NextMeetings {
	if (place.status === 'paused') return { kind: 'paused' };
	const rule = place.scheduleRule;
	if (place.status === 'closed' || !rule) return { kind: 'none' };
	const dates = nextOccurrences(rule, todayIso, count, place.offDates ?? []);
	return dates.some((o) => !o.off)
		? { kind: 'dates', dates, start: rule.start, end: rule.end }
		: { kind: 'none' };
}
