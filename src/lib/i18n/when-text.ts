/**
 * The one place a meeting date is worded for residents: 「12月9日(火) 10:00–12:00」, with the
 * holiday's name when the date is a national holiday (the salon may not meet that day). The
 * words come from the catalogs; the rule that picked the dates lives in domain/schedule.
 */
import type { Occurrence } from '#lib/domain/schedule.js';
import type { MessageKey, Translate } from './messages';

/** 「12月9日(火)」, 「1月11日(月・祝)」 on a national holiday. */
export function dateText(t: Translate, o: Occurrence): string {
	const [, month, day] = o.date.split('-').map(Number);
	const weekday = new Date(`${o.date}T00:00:00Z`).getUTCDay();
	return t(o.holiday ? 'when.dateHoliday' : 'when.date', {
		month: month!,
		day: day!,
		weekday: t(`weekday.${weekday}` as MessageKey)
	});
}

export function meetingText(t: Translate, o: Occurrence, start: string, end: string): string {
	const text = t('when.dateTime', { date: dateText(t, o), start, end });
	return o.holiday ? `${text} ${t('when.holiday', { name: o.holiday })}` : text;
}
