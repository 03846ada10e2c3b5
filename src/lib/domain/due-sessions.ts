/**
 * Sessions held by the schedule but not logged (開催日で未記録): the reminder an organizer sees
 * on /work instead of a push notification. Pure: the places, the logged and skipped dates and
 * "now" (a Tokyo date and time) go in, the reminders come out.
 *
 * The rule:
 * - A place reminds of the dates its schedule rule gives within the last `days` days up to
 *   today (today only once the session's end time has passed: before that it may not be over).
 * - Not before the rule was set (`ruleSince`): a rule entered today says nothing about the
 *   weeks before, when the salon may have met on other days or not used the app.
 * - A paused (休止中) or closed place reminds of nothing; a place without a rule neither.
 * - A national holiday stays in the list, named: the app does not know whether a salon meets
 *   on holidays (the same reason the resident pages say 「祝日は休みのことがあります」); one tap
 *   on 休み settles it.
 * - A date is settled by a session logged at that place on that date (a deleted one does not
 *   count) or by 休み for that place and date.
 */
import type { ScheduleRule } from './records';
import { occursOn } from './schedule';
import { holidayName } from './holidays';
import { tokyoDateOf } from './fiscal-year';
import { decodeHlc } from './sync/hlc';

/** About four weeks: a monthly salon's last two sessions, a weekly one's last four. */
export const REMINDER_DAYS = 28;

export interface DuePlace {
	id: string;
	status: 'active' | 'paused' | 'closed';
	scheduleRule?: ScheduleRule | null;
	/** The Tokyo date the rule was last set on, when known. */
	ruleSince?: string | null;
}

export interface PlaceDate {
	placeId: string;
	date: string;
}

export interface DueSession extends PlaceDate {
	/** The national holiday on that date, if any. */
	holiday: string | null;
}

export interface DueInput {
	places: readonly DuePlace[];
	/** Sessions logged (the latest version of each, deleted ones left out or flagged). */
	logged: Iterable<PlaceDate & { deleted?: boolean }>;
	/** Dates marked 休み. */
	skipped: Iterable<PlaceDate>;
	/** Today in Japan, YYYY-MM-DD. */
	today: string;
	/** The time in Japan now, HH:MM. */
	time: string;
	days?: number;
}

const DAY_MS = 86_400_000;
const parse = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const key = (p: PlaceDate) => `${p.placeId} ${p.date}`;

/** The reminders, newest date first, places in the order given. */
export function dueUnloggedSessions(input: DueInput): DueSession[] {
	const days = input.days ?? REMINDER_DAYS;
	const settled = new Set<string>();
	for (const s of input.logged) if (!s.deleted) settled.add(key(s));
	for (const s of input.skipped) settled.add(key(s));
	const end = parse(input.today);
	const out: DueSession[] = [];
	for (let t = end; t > end - days * DAY_MS; t -= DAY_MS) {
		const date = format(t);
		for (const place of input.places) {
			const rule = place.scheduleRule;
			if (place.status !== 'active' || !rule) continue;
			if (place.ruleSince && date < place.ruleSince) continue;
			if (!occursOn(rule, date)) continue;
			if (date === input.today && input.time < rule.end) continue;
			if (settled.has(key({ placeId: place.id, date }))) continue;
			out.push({ placeId: place.id, date, holiday: holidayName(date) });
		}
	}
	return out;
}

/** The Tokyo date of an edit's stamp (when a field such as the schedule rule was set), or null. */
export function stampDate(stamp: string | undefined | null): string | null {
	const wall = stamp ? decodeHlc(stamp)?.wall : undefined;
	return wall === undefined ? null : tokyoDateOf(wall);
}

/** The time in Japan (HH:MM) of an instant. */
export function tokyoTimeOf(now: number): string {
	return new Date(now + 9 * 3_600_000).toISOString().slice(11, 16);
}
