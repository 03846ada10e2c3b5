/**
 * The next-meeting line of a list card (次回 12月9日(火) 10:00–12:00). Loaded after start-up
 * by next-meeting.svelte.ts: the calendar code behind it (holidays, eras, the schedule rules) is
 * not needed to see or use the list, so it stays out of the start-up code.
 */
import { todayInJapan } from '#lib/domain/fiscal-year.js';
import { nextMeetings } from '#lib/domain/schedule.js';
import type { Place } from '#lib/domain/model.js';
import type { Translate } from '#lib/i18n/messages.js';
import { dateText, meetingText } from '#lib/i18n/when-text.js';

/** What a list card says about the coming dates. */
export interface NextMeetingLines {
	/** Dates off before the next meeting (「12月9日(火)は休み」): someone may have planned on them. */
	offs: string[];
	/** The next meeting's date and time (the card puts 次回 before it), or null when none is coming. */
	next: string | null;
}

/** The card's lines (paused places are worded by the card). */
export function nextMeetingLines(place: Place, t: Translate): NextMeetingLines {
	const when = nextMeetings(place, todayInJapan(), 1);
	if (when.kind !== 'dates') return { offs: [], next: null };
	const next = when.dates.find((o) => !o.off);
	return {
		offs: when.dates.filter((o) => o.off).map((o) => t('when.offOn', { date: dateText(t, o) })),
		next: next ? meetingText(t, next, when.start, when.end) : null
	};
}
