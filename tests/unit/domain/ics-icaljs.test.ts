/**
 * The .ics a resident adds to a phone calendar, read by ical.js (Mozilla's maintained
 * iCalendar parser, used only by this test): expanded for a year, its meetings are exactly the
 * app's next dates (nextOccurrences) — a date the organizer marked off (EXDATE) and, for a
 * salon that skips them, national holidays left out; all in Tokyo time. Generated test data.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFile, placeEvent, type CalendarPlace } from '#lib/domain/ics.js';
import type { ScheduleRule } from '#lib/domain/records.js';
import { nextOccurrences } from '#lib/domain/schedule.js';

const secondFourthTuesday: ScheduleRule = {
	kind: 'monthly',
	nths: [2, 4],
	weekday: 2,
	start: '10:00',
	end: '12:00'
};
const mondaysThursdays: ScheduleRule = {
	kind: 'weekly',
	weekdays: [1, 4],
	start: '9:30',
	end: '11:30'
};

// 2026-12-08 is the second Tuesday of December; 2027-03-23 a fourth Tuesday.
const OFF = ['2026-12-08', '2027-03-23'];
const place = (rule: ScheduleRule, offDates: string[] = OFF): CalendarPlace => ({
	id: 'test-salon-1',
	name: 'テスト用サロン（生成）',
	address: '鶴ヶ島市テスト町1-2-3',
	status: 'active',
	scheduleRule: rule,
	offDates,
	scheduleText: '毎月第2・第4火曜'
});
const opts = {
	today: '2026-12-07',
	now: new Date('2026-12-07T21:30:00Z'),
	url: 'https://ibasho.example.jp/places/test-salon-1',
	uidDomain: 'tsurugashima.ibasho'
};

/** Every start and end ical.js expands from the file up to `untilIso`, as local date-times. */
function expand(ics: string, untilIso: string): { start: string; end: string }[] {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	for (const tz of calendar.getAllSubcomponents('vtimezone')) {
		ICAL.TimezoneService.register(tz);
	}
	const vevent = calendar.getFirstSubcomponent('vevent');
	if (!vevent) return [];
	const event = new ICAL.Event(vevent);
	expect(event.startDate.zone?.tzid).toBe('Asia/Tokyo');
	const out: { start: string; end: string }[] = [];
	const it = event.iterator();
	for (let next = it.next(); next && next.toString().slice(0, 10) <= untilIso; next = it.next()) {
		const details = event.getOccurrenceDetails(next);
		out.push({ start: details.startDate.toString(), end: details.endDate.toString() });
		// Tokyo has no daylight saving: every meeting is at +09:00.
		expect(
			details.startDate.toUnixTime() - Date.parse(`${details.startDate.toString()}Z`) / 1000
		).toBe(-9 * 3600);
	}
	return out;
}

/** The app's meetings for a year from today: its next dates without those it will not hold. */
function appMeetings(rule: ScheduleRule, offDates: string[], skipHolidays: boolean, until: string) {
	const pad = (t: string) => t.padStart(5, '0');
	return nextOccurrences(rule, opts.today, 200, offDates)
		.filter((o) => o.date <= until && !o.off && !(skipHolidays && o.holiday))
		.map((o) => ({
			start: `${o.date}T${pad(rule.start)}:00`,
			end: `${o.date}T${pad(rule.end)}:00`
		}));
}

const fileFor = (p: CalendarPlace, skipHolidays = false) =>
	calendarFile({ name: p.name, events: [placeEvent(p, { ...opts, skipHolidays })] });

describe('the place .ics read by ical.js', () => {
	const until = '2027-12-06';

	it('毎月第2・第4火曜 with a date off: a year of occurrences equals the app’s next dates', () => {
		const ics = fileFor(place(secondFourthTuesday));
		expect(ics).toContain('RRULE:FREQ=MONTHLY;BYDAY=2TU,4TU');
		const read = expand(ics, until);
		expect(read).toEqual(appMeetings(secondFourthTuesday, OFF, false, until));
		// 24 Tuesdays in the year, two of them off; the first off date was to be the first meeting.
		expect(read).toHaveLength(22);
		expect(read[0]!.start).toBe('2026-12-22T10:00:00');
		expect(read.map((o) => o.start.slice(0, 10))).not.toContain('2027-03-23');
	});

	it('a salon that skips holidays: the holidays are gone too, and the rest still match', () => {
		const ics = fileFor(place(mondaysThursdays, ['2026-12-10']), true);
		const read = expand(ics, until);
		const app = appMeetings(mondaysThursdays, ['2026-12-10'], true, until);
		expect(read).toEqual(app);
		// 2027-01-11 成人の日 (Monday) and 2026-12-10 (off) are not meetings.
		const dates = read.map((o) => o.start.slice(0, 10));
		expect(dates).not.toContain('2027-01-11');
		expect(dates).not.toContain('2026-12-10');
		expect(dates).toContain('2026-12-14');
		expect(read[0]).toEqual({ start: '2026-12-07T09:30:00', end: '2026-12-07T11:30:00' });
	});

	it('a salon that skips holidays, asked on a holiday Monday: the series starts the week after', () => {
		const on = { ...opts, today: '2027-01-11' }; // 成人の日
		const ics = calendarFile({
			name: 'x',
			events: [placeEvent(place(mondaysThursdays, []), { ...on, skipHolidays: true })]
		});
		expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20270114T093000');
		const read = expand(ics, '2028-01-10');
		const app = nextOccurrences(mondaysThursdays, on.today, 200)
			.filter((o) => o.date <= '2028-01-10' && !o.holiday)
			.map((o) => o.date);
		expect(read.map((o) => o.start.slice(0, 10))).toEqual(app);
	});

	it('without dates off, every scheduled Tuesday of the year is in the calendar', () => {
		const read = expand(fileFor(place(secondFourthTuesday, [])), until);
		expect(read).toEqual(appMeetings(secondFourthTuesday, [], false, until));
		expect(read).toHaveLength(24);
	});
});
