import { describe, expect, it } from 'vitest';
import { holidayName } from '#lib/domain/holidays.js';
import {
	defaultSessionDate,
	describeSchedule,
	latestOccurrence,
	nextOccurrences,
	occursOn
} from '#lib/domain/schedule.js';
import type { ScheduleRule } from '#lib/domain/records.js';

const secondFourthTuesday: ScheduleRule = {
	kind: 'monthly',
	nths: [2, 4],
	weekday: 2,
	start: '10:00',
	end: '12:00'
};

describe('national holidays (known offline)', () => {
	it.each([
		['2024-01-01', '元日'],
		['2024-01-08', '成人の日'],
		['2024-02-12', '振替休日'], // 建国記念の日 fell on a Sunday
		['2024-03-20', '春分の日'],
		['2024-05-06', '振替休日'],
		['2024-09-16', '敬老の日'],
		['2024-09-22', '秋分の日'],
		['2024-09-23', '振替休日'],
		['2025-02-24', '振替休日'],
		['2025-11-24', '振替休日'],
		['2026-09-22', '国民の休日'], // between 敬老の日 (21) and 秋分の日 (23)
		['2021-07-23', 'スポーツの日'],
		['2019-05-01', '天皇の即位の日'],
		['2019-04-30', '国民の休日'],
		['2023-02-23', '天皇誕生日']
	])('%s is %s', (date, name) => expect(holidayName(date)).toBe(name));

	it('ordinary days are not holidays', () => {
		expect(holidayName('2024-06-04')).toBeNull();
		expect(holidayName('2021-10-11')).toBeNull(); // スポーツの日 moved to July that year
	});
});

describe('schedule rules', () => {
	it('describes 毎月第2・第4火曜 10:00〜12:00', () => {
		expect(describeSchedule(secondFourthTuesday)).toBe('毎月第2・第4火曜 10:00〜12:00');
		expect(
			describeSchedule({ kind: 'weekly', weekdays: [1, 4], start: '13:30', end: '15:00' })
		).toBe('毎週月・木曜 13:30〜15:00');
	});

	it('finds the 2nd and 4th Tuesdays across a month end and a year end', () => {
		const dates = nextOccurrences(secondFourthTuesday, '2024-11-20', 5).map((o) => o.date);
		expect(dates).toEqual(['2024-11-26', '2024-12-10', '2024-12-24', '2025-01-14', '2025-01-28']);
	});

	it('flags a holiday on a scheduled day', () => {
		// 2024-09-23 (Mon) is 振替休日; a Monday salon would fall on it.
		const weeklyMonday: ScheduleRule = {
			kind: 'weekly',
			weekdays: [1],
			start: '10:00',
			end: '11:00'
		};
		const [first, second] = nextOccurrences(weeklyMonday, '2024-09-16', 2);
		expect(first).toEqual({ date: '2024-09-16', holiday: '敬老の日' });
		expect(second).toEqual({ date: '2024-09-23', holiday: '振替休日' });
	});

	it('has no 5th Tuesday in a month that lacks one', () => {
		const fifth: ScheduleRule = {
			kind: 'monthly',
			nths: [5],
			weekday: 2,
			start: '10:00',
			end: '11:00'
		};
		expect(occursOn(fifth, '2024-10-29')).toBe(true);
		expect(nextOccurrences(fifth, '2024-11-01', 1)[0]!.date).toBe('2024-12-31');
	});

	it('finds the latest occurrence on or before a day (the default date of a session log)', () => {
		expect(latestOccurrence(secondFourthTuesday, '2024-12-23')).toBe('2024-12-10');
		expect(latestOccurrence(secondFourthTuesday, '2024-12-24')).toBe('2024-12-24');
	});
});

describe('the default date of a session log (pinned today)', () => {
	const fourthTuesday: ScheduleRule = { ...secondFourthTuesday, nths: [4] };
	const weeklyMonday: ScheduleRule = {
		kind: 'weekly',
		weekdays: [1],
		start: '10:00',
		end: '11:00'
	};

	it('is today on a scheduled day, else the latest scheduled day before it', () => {
		expect(defaultSessionDate(secondFourthTuesday, '2026-12-08')).toBe('2026-12-08');
		expect(defaultSessionDate(secondFourthTuesday, '2026-12-07')).toBe('2026-11-24');
		expect(defaultSessionDate(secondFourthTuesday, '2026-12-21')).toBe('2026-12-08');
	});

	it('reaches back across a month end and a year end', () => {
		expect(defaultSessionDate(fourthTuesday, '2024-12-01')).toBe('2024-11-26');
		expect(defaultSessionDate(weeklyMonday, '2025-01-01')).toBe('2024-12-30');
		// February 2025 has no 5th Tuesday: the latest is in December.
		const fifthTuesday: ScheduleRule = { ...secondFourthTuesday, nths: [5] };
		expect(defaultSessionDate(fifthTuesday, '2025-03-03')).toBe('2024-12-31');
	});

	it('keeps a scheduled day that is a national holiday (the person sees it and may change it)', () => {
		expect(holidayName('2024-09-16')).toBe('敬老の日');
		expect(defaultSessionDate(weeklyMonday, '2024-09-18')).toBe('2024-09-16');
		expect(defaultSessionDate(weeklyMonday, '2024-09-24')).toBe('2024-09-23');
	});

	it('is today for a place with no rule', () => {
		expect(defaultSessionDate(null, '2026-12-08')).toBe('2026-12-08');
		expect(defaultSessionDate(undefined, '2026-03-31')).toBe('2026-03-31');
	});
});
