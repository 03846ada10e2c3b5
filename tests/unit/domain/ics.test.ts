/**
 * The .ics a resident subscribes to: its dates for a year are the place page's next dates
 * (holidays skipped only when the salon skips them), 休止 gives no event, and the file keeps
 * RFC 5545's framing (CRLF, 75-octet folding, escaping) that calendar apps reject otherwise.
 *
 * The reader and the RRULE expansion below are written for this test, independently of the
 * generator (they read BYDAY as RFC 5545 §3.3.10 defines it, with JavaScript's own calendar).
 * The same files read by a maintained parser (ical.js): ics-icaljs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
	calendarFile,
	escapeText,
	foldLine,
	placeEvent,
	rruleFor,
	type CalendarPlace
} from '#lib/domain/ics.js';
import type { ScheduleRule } from '#lib/domain/records.js';
import { nextOccurrences } from '#lib/domain/schedule.js';

const secondFourthTuesday: ScheduleRule = {
	kind: 'monthly',
	nths: [4, 2],
	weekday: 2,
	start: '10:00',
	end: '12:00'
};
const mondaysThursdays: ScheduleRule = {
	kind: 'weekly',
	weekdays: [4, 1],
	start: '9:30',
	end: '11:30'
};
const fifthSaturday: ScheduleRule = {
	kind: 'monthly',
	nths: [5],
	weekday: 6,
	start: '13:00',
	end: '15:00'
};

// Generated test data, not a real salon.
const salon = (rule: ScheduleRule, over: Partial<CalendarPlace> = {}): CalendarPlace => ({
	id: 'test-salon-1',
	name: 'テスト用サロン, 第2; 第4\\火曜',
	address: '鶴ヶ島市テスト町1-2-3',
	status: 'active',
	scheduleRule: rule,
	scheduleText: '毎月第2・第4火曜\n10時から',
	...over
});

const opts = {
	today: '2026-12-07',
	now: new Date('2026-12-07T21:30:00Z'),
	url: 'https://ibasho.example.jp/places/test-salon-1',
	uidDomain: 'tsurugashima.ibasho'
};

interface Prop {
	name: string;
	params: Record<string, string>;
	value: string;
}

/** Unfold (CRLF + one space/tab) and split each content line into name, params and value. */
function readIcs(text: string): Prop[] {
	expect(text.endsWith('\r\n')).toBe(true);
	expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	return text
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.filter(Boolean)
		.map((line) => {
			const colon = line.indexOf(':');
			const [name, ...params] = line.slice(0, colon).split(';');
			return {
				name: name!,
				params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
				value: line.slice(colon + 1)
			};
		});
}

const unescape = (v: string) =>
	v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** Dates (YYYY-MM-DD) of a WEEKLY/MONTHLY BYDAY rule from DTSTART for `days` days. */
function expand(dtstart: string, rrule: string, exdates: string[], days: number): string[] {
	const parts = Object.fromEntries(rrule.split(';').map((p) => p.split('=') as [string, string]));
	const start = new Date(
		Date.UTC(+dtstart.slice(0, 4), +dtstart.slice(4, 6) - 1, +dtstart.slice(6, 8))
	);
	const until = parts.UNTIL
		? Date.UTC(+parts.UNTIL.slice(0, 4), +parts.UNTIL.slice(4, 6) - 1, +parts.UNTIL.slice(6, 8))
		: Infinity;
	const byday = parts.BYDAY!.split(',').map((d) => {
		const m = /^(-?\d)?([A-Z]{2})$/.exec(d)!;
		return { nth: m[1] ? Number(m[1]) : null, day: DAYS.indexOf(m[2]!) };
	});
	const out: string[] = [];
	for (let i = 0; i < days; i++) {
		const d = new Date(start.getTime() + i * 86_400_000);
		if (d.getTime() > until) break;
		const hit = byday.some(({ nth, day }) => {
			if (d.getUTCDay() !== day) return false;
			if (parts.FREQ === 'WEEKLY') return nth === null;
			return nth === Math.ceil(d.getUTCDate() / 7);
		});
		const iso = d.toISOString().slice(0, 10);
		if (hit && !exdates.includes(iso.replace(/-/g, ''))) out.push(iso);
	}
	return out;
}

/** The first VEVENT's properties (the VTIMEZONE has a DTSTART of its own). */
function eventOf(ics: string): Prop[] {
	const props = readIcs(ics);
	const begin = props.findIndex((p) => p.name === 'BEGIN' && p.value === 'VEVENT');
	expect(begin).toBeGreaterThan(0);
	return props.slice(
		begin,
		props.findIndex((p) => p.name === 'END' && p.value === 'VEVENT')
	);
}

function datesOf(ics: string, days = 365): string[] {
	const props = eventOf(ics);
	const dtstart = props.find((p) => p.name === 'DTSTART')!;
	expect(dtstart.params.TZID).toBe('Asia/Tokyo');
	const rrule = props.find((p) => p.name === 'RRULE')!.value;
	const exdates = props.filter((p) => p.name === 'EXDATE').map((p) => p.value.slice(0, 8));
	// Count the window from today, as appDates does, not from the first meeting.
	const first = Date.UTC(
		+dtstart.value.slice(0, 4),
		+dtstart.value.slice(4, 6) - 1,
		+dtstart.value.slice(6, 8)
	);
	const lead = (first - Date.parse(`${opts.today}T00:00:00Z`)) / 86_400_000;
	return expand(dtstart.value, rrule, exdates, days - lead);
}

function appDates(rule: ScheduleRule, days = 365, skipHolidays = false): string[] {
	const end = new Date(Date.parse(`${opts.today}T00:00:00Z`) + days * 86_400_000);
	return nextOccurrences(rule, opts.today, 1000)
		.filter((o) => new Date(`${o.date}T00:00:00Z`) < end)
		.filter((o) => !(skipHolidays && o.holiday))
		.map((o) => o.date);
}

const file = (place: CalendarPlace, skipHolidays = false) =>
	calendarFile({ name: place.name, events: [placeEvent(place, { ...opts, skipHolidays })] });

describe('a salon calendar (.ics)', () => {
	it('writes 毎月第2・第4火曜 as a monthly BYDAY rule in Tokyo time', () => {
		expect(rruleFor(secondFourthTuesday)).toBe('RRULE:FREQ=MONTHLY;BYDAY=2TU,4TU');
		expect(rruleFor(mondaysThursdays)).toBe('RRULE:FREQ=WEEKLY;BYDAY=MO,TH');
		const ics = file(salon(secondFourthTuesday));
		const props = eventOf(ics);
		expect(props.find((p) => p.name === 'DTSTART')!.value).toBe('20261208T100000');
		expect(props.find((p) => p.name === 'DTEND')!.value).toBe('20261208T120000');
		expect(props.find((p) => p.name === 'DTSTAMP')!.value).toBe('20261207T213000Z');
		const zone = readIcs(ics);
		expect(zone.find((p) => p.name === 'TZID')!.value).toBe('Asia/Tokyo');
		expect(zone.find((p) => p.name === 'TZOFFSETTO')!.value).toBe('+0900');
	});

	it.each([
		['第2・第4火曜', secondFourthTuesday],
		['毎週月・木曜', mondaysThursdays],
		['第5土曜 (some months have none)', fifthSaturday]
	])('gives the place page’s dates for a year: %s', (_, rule) => {
		const dates = datesOf(file(salon(rule)));
		expect(dates).toEqual(appDates(rule));
		expect(dates.length).toBeGreaterThan(3);
	});

	it('lists the holidays a salon skips as EXDATEs, and ends the rule where that list ends', () => {
		const ics = file(salon(mondaysThursdays), true);
		const exdates = eventOf(ics).filter((p) => p.name === 'EXDATE');
		// 2027-01-11 成人の日 is a Monday: listed, at the meeting's start time.
		expect(exdates.map((p) => p.value)).toContain('20270111T093000');
		expect(exdates.every((p) => p.params.TZID === 'Asia/Tokyo')).toBe(true);
		expect(datesOf(ics)).toEqual(appDates(mondaysThursdays, 365, true));
		expect(datesOf(ics)).not.toContain('2027-01-11');
		// Past the two years the holidays are listed for, nothing is promised.
		const until = eventOf(ics).find((p) => p.name === 'RRULE')!.value;
		expect(until).toMatch(/;UNTIL=2028\d{4}T150000Z$/);
		expect(datesOf(ics, 3 * 365).at(-1)! < '2029-01-01').toBe(true);
	});

	it('keeps holidays in a salon not known to skip them (the page flags them)', () => {
		expect(datesOf(file(salon(mondaysThursdays)))).toContain('2027-01-11');
	});

	it('has no event for a paused, closed or rule-less place, and is still a calendar', () => {
		for (const place of [
			salon(secondFourthTuesday, { status: 'paused' }),
			salon(secondFourthTuesday, { status: 'closed' }),
			salon(secondFourthTuesday, { scheduleRule: null })
		]) {
			const props = readIcs(
				calendarFile({ name: place.name, description: '休止中', events: [placeEvent(place, opts)] })
			);
			expect(props.some((p) => p.value === 'VEVENT')).toBe(false);
			expect(props.filter((p) => p.name === 'BEGIN').map((p) => p.value)).toEqual([
				'VCALENDAR',
				'VTIMEZONE',
				'STANDARD'
			]);
		}
	});

	it('escapes text and round-trips the name, address and multi-line description', () => {
		expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
		const props = eventOf(file(salon(secondFourthTuesday)));
		expect(unescape(props.find((p) => p.name === 'SUMMARY')!.value)).toBe(
			'テスト用サロン, 第2; 第4\\火曜'
		);
		expect(unescape(props.find((p) => p.name === 'LOCATION')!.value)).toBe('鶴ヶ島市テスト町1-2-3');
		expect(unescape(props.find((p) => p.name === 'DESCRIPTION')!.value)).toBe(
			`毎月第2・第4火曜\n10時から\n${opts.url}`
		);
		expect(props.find((p) => p.name === 'UID')!.value).toBe('test-salon-1@tsurugashima.ibasho');
	});

	it('folds lines at 75 octets without splitting a character', () => {
		const long = `SUMMARY:${'あ'.repeat(60)}`;
		const folded = foldLine(long);
		const lines = folded.split('\r\n');
		expect(lines.length).toBeGreaterThan(2);
		for (const l of lines) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
		expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
		expect(folded.replace(/\r\n /g, '')).toBe(long);
		expect(foldLine('SHORT:x')).toBe('SHORT:x');
		const ics = file(salon(secondFourthTuesday, { name: 'とても長い名前のサロン'.repeat(5) }));
		for (const l of ics.split('\r\n')) {
			expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
		}
	});
});
