/**
 * Whether a schedule rule meets on given days: the resident list's 今日・今週 filter. Kept apart
 * from schedule.ts (next dates with holiday names, fiscal-year bounds) so that the list's
 * start-up code carries only this. Dates are calendar dates in Japan, handled as UTC midnights
 * so no time zone can shift a day.
 */
import type { ScheduleRule } from './records';

export const DAY_MS = 86_400_000;
/** A calendar date (YYYY-MM-DD) as its UTC midnight. */
export const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** The calendar date of a UTC midnight. */
export const isoOfDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** True when the date (YYYY-MM-DD) is an occurrence of the rule. */
export function occursOn(rule: ScheduleRule, iso: string): boolean {
	const d = new Date(dayOf(iso));
	const weekday = d.getUTCDay();
	if (rule.kind === 'weekly') return rule.weekdays.includes(weekday);
	if (weekday !== rule.weekday) return false;
	const nth = Math.floor((d.getUTCDate() - 1) / 7) + 1;
	return rule.nths.includes(nth);
}

export interface SchedulePlace {
	status: 'active' | 'paused' | 'closed';
	scheduleRule?: ScheduleRule | null;
	/** Single scheduled dates its organizer marked off (休み), YYYY-MM-DD. */
	offDates?: readonly string[] | null;
}

/** 今日 or 今週: the resident's "when" filter on the list and map. */
export const WHEN_FILTERS = ['today', 'week'] as const;
export type WhenFilter = (typeof WHEN_FILTERS)[number];

/**
 * The days a "when" filter covers, both ends inclusive: 今日 is today; 今週 is today through
 * this week's Sunday (a week runs Monday to Sunday, as on Japanese calendars at work and
 * school; days already past are of no use to someone planning a visit). On a Sunday 今週 is
 * that day alone.
 */
export function whenWindow(when: WhenFilter, todayIso: string): { from: string; to: string } {
	if (when === 'today') return { from: todayIso, to: todayIso };
	const weekday = new Date(dayOf(todayIso)).getUTCDay();
	const toSunday = (7 - weekday) % 7;
	return { from: todayIso, to: isoOfDay(dayOf(todayIso) + toSunday * DAY_MS) };
}

/**
 * True when the place holds a meeting on some day from `from` to `to` (inclusive) by its rule:
 * not paused or closed, and not on a date its organizer marked off. A national holiday still
 * counts (the rule says nothing of holidays; the card says the salon may not meet that day,
 * and an organizer who knows it will not marks that date off).
 */
export function meetsBetween(place: SchedulePlace, from: string, to: string): boolean {
	const rule = place.scheduleRule;
	if (place.status !== 'active' || !rule) return false;
	const end = dayOf(to);
	for (let t = dayOf(from); t <= end; t += DAY_MS) {
		const iso = isoOfDay(t);
		if (occursOn(rule, iso) && !place.offDates?.includes(iso)) return true;
	}
	return false;
}
