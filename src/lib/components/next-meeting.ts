/**
 * The next-meeting line of a list card (次回 12月9日(火) 10:00–12:00). Loaded after start-up
 * by next-meeting.svelte.ts: the calendar code behind it (holidays, eras, the schedule rules) is
 * not needed to see or use the list, so it stays out of the start-up code.
 */
import { todayInJapan } from '#lib/domain/fiscal-year.js';
import { nextMeetings } from '#lib/domain/schedule.js';
import type { Place } from '#lib/domain/model.js';
import type { Translate } from '#lib/i18n/messages.js';
import { meetingText } from '#lib/i18n/when-text.js';

/** The date and time of the line (the card puts 次回 before it), or null when no date is coming
 * (paused places are worded by the card). */
export function nextMeetingText(place: Place, t: Translate): string | null {
	const when = nextMeetings(place, todayInJapan(), 1);
	if (when.kind !== 'dates') return null;
	return meetingText(t, when.dates[0]!, when.start, when.end);
}
