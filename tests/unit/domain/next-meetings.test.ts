/**
 * What residents read as 次回 on list cards and place pages: the dates from the rule (today
 * pinned), national holidays flagged, 休止 winning over the rule, worded by the i18n helper.
 */
import { describe, expect, it } from 'vitest';
import { nextMeetings } from '#lib/domain/schedule.js';
import type { ScheduleRule } from '#lib/domain/records.js';
import { loadCatalog, translator } from '#lib/i18n/messages.js';
import { meetingText } from '#lib/i18n/when-text.js';

await loadCatalog('en');

const secondFourthTuesday: ScheduleRule = {
	kind: 'monthly',
	nths: [2, 4],
	weekday: 2,
	start: '10:00',
	end: '12:00'
};
const mondays: ScheduleRule = { kind: 'weekly', weekdays: [1], start: '13:30', end: '15:00' };

function lines(rule: ScheduleRule, today: string, lang: 'ja' | 'en' = 'ja') {
	const when = nextMeetings({ status: 'active', scheduleRule: rule }, today, 3);
	if (when.kind !== 'dates') throw new Error(`expected dates, got ${when.kind}`);
	return when.dates.map((o) => meetingText(translator(lang), o, when.start, when.end));
}

describe('next meetings as residents read them', () => {
	it('counts today and crosses a month end', () => {
		expect(lines(secondFourthTuesday, '2026-12-08')).toEqual([
			'12月8日(火) 10:00–12:00',
			'12月22日(火) 10:00–12:00',
			'1月12日(火) 10:00–12:00'
		]);
	});

	it('crosses the year end and flags a national holiday', () => {
		// 2027-01-11 is 成人の日 (second Monday of January).
		expect(lines(mondays, '2026-12-29')).toEqual([
			'1月4日(月) 13:30–15:00',
			'1月11日(月・祝) 13:30–15:00 成人の日: 祝日は休みのことがあります',
			'1月18日(月) 13:30–15:00'
		]);
	});

	it('words the same dates in English', () => {
		expect(lines(mondays, '2026-12-29', 'en')[1]).toBe(
			'Mon 1/11 (holiday) 13:30–15:00 成人の日: it may not meet on a holiday'
		);
	});

	it('a salon whose fourth Tuesday falls on a holiday still lists it, flagged', () => {
		// 2025-09-23, the fourth Tuesday of September, is 秋分の日.
		expect(lines(secondFourthTuesday, '2025-09-10')).toEqual([
			'9月23日(火・祝) 10:00–12:00 秋分の日: 祝日は休みのことがあります',
			'10月14日(火) 10:00–12:00',
			'10月28日(火) 10:00–12:00'
		]);
	});

	it('a paused salon says 休止 whatever its rule; a closed or rule-less one says nothing', () => {
		expect(nextMeetings({ status: 'paused', scheduleRule: mondays }, '2026-12-08', 3)).toEqual({
			kind: 'paused'
		});
		expect(nextMeetings({ status: 'closed', scheduleRule: mondays }, '2026-12-08', 3)).toEqual({
			kind: 'none'
		});
		expect(nextMeetings({ status: 'active', scheduleRule: null }, '2026-12-08', 3)).toEqual({
			kind: 'none'
		});
	});
});
