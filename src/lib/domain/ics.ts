/**
 * iCalendar (RFC 5545) files a resident subscribes to or imports: one per salon, one per
 * district. A place's schedule rule becomes one recurring event (RRULE), so the file stays
 * small and a calendar app keeps showing the dates with no network. Times are local to Japan
 * (TZID=Asia/Tokyo with its VTIMEZONE, which has no daylight saving time).
 *
 * Paused (休止中) and closed places, and places without a rule, get no event: a calendar would
 * otherwise promise a meeting that is not held. The file still has its VTIMEZONE, so it is a
 * valid calendar (RFC 5545 §3.6 asks for at least one component) that shows nothing.
 *
 * Holidays: the app's rule says nothing about national holidays (the place page flags them
 * "may not meet"). When the caller knows the salon skips them (`skipHolidays`), each holiday
 * date is an EXDATE, and the rule ends (UNTIL) where the listed holidays end, so no holiday
 * past the horizon shows as a meeting.
 *
 * Single dates off (休止 on 12月9日, `offDates`) are EXDATEs too, always: the organizer said
 * that meeting is not held.
 *
 * The text a person reads (calendar name, the paused note) comes from the caller, which takes
 * it from the message catalogs: this module stays free of the UI's languages.
 */
import type { ScheduleRule } from './records';
import { nextOccurrences } from './schedule';

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export const ICS_TZID = 'Asia/Tokyo';

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(text: string): string {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/**
 * Content lines longer than 75 octets are folded (RFC 5545 §3.1): CRLF then one space. Counted
 * in UTF-8 octets (a Japanese character is three), never splitting a character.
 */
export function foldLine(line: string): string {
	if (octets(line) <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let size = 0;
	// Continuation lines start with a space, which counts toward their 75 octets.
	let limit = 75;
	for (const ch of line) {
		const n = octets(ch);
		if (size + n > limit) {
			parts.push(current);
			current = '';
			size = 0;
			limit = 74;
		}
		current += ch;
		size += n;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** `RRULE:FREQ=MONTHLY;BYDAY=2TU,4TU` for 毎月第2・第4火曜; `FREQ=WEEKLY;BYDAY=MO,TH` for 毎週月・木曜. */
export function rruleFor(rule: ScheduleRule, until: string | null = null): string {
	const byday =
		rule.kind === 'weekly'
			? [...rule.weekdays].sort((a, b) => a - b).map((d) => WEEKDAY_CODES[d])
			: [...rule.nths].sort((a, b) => a - b).map((n) => `${n}${WEEKDAY_CODES[rule.weekday]}`);
	const freq = rule.kind === 'weekly' ? 'WEEKLY' : 'MONTHLY';
	// UNTIL with a local (TZID) DTSTART: a floating date-time is not allowed (§3.3.10), a UTC one is.
	const end = until ? `;UNTIL=${until.replace(/-/g, '')}T150000Z` : '';
	return `RRULE:FREQ=${freq};BYDAY=${byday.join(',')}${end}`;
}

const localDateTime = (iso: string, hhmm: string) =>
	`${iso.replace(/-/g, '')}T${hhmm.replace(':', '').padStart(4, '0')}00`;

/** `20261207T213000Z` */
export function utcStamp(at: Date): string {
	return at
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

export const VTIMEZONE_TOKYO = [
	'BEGIN:VTIMEZONE',
	`TZID:${ICS_TZID}`,
	'BEGIN:STANDARD',
	'DTSTART:19700101T000000',
	'TZOFFSETFROM:+0900',
	'TZOFFSETTO:+0900',
	'TZNAME:JST',
	'END:STANDARD',
	'END:VTIMEZONE'
];

export interface CalendarPlace {
	id: string;
	name: string;
	address: string | null;
	status: 'active' | 'paused' | 'closed';
	scheduleRule?: ScheduleRule | null;
	offDates?: readonly string[] | null;
	scheduleText: string | null;
}

export interface EventOptions {
	/** Today in Japan (YYYY-MM-DD): the series starts at the first meeting on or after it. */
	today: string;
	/** When the file is made: DTSTAMP. */
	now: Date;
	/** The place page's absolute URL; null when the server knows no public origin (a URI
	 * property cannot be root-relative, and a request's Host header is not to be trusted). */
	url: string | null;
	/** The domain part of each UID, so ids stay unique across deployments (e.g. the pack id). */
	uidDomain: string;
	/** The salon does not meet on national holidays: list them as EXDATEs. */
	skipHolidays?: boolean;
}

/** One VEVENT for a place's rule, or nothing when it does not meet (paused, closed, no rule). */
export function placeEvent(place: CalendarPlace, opts: EventOptions): string[] {
	const rule = place.scheduleRule;
	if (place.status !== 'active' || !rule) return [];
	const horizon = nextOccurrences(rule, opts.today, 10_000, place.offDates ?? []);
	const excluded = (o: (typeof horizon)[number]) => !!(o.off || (opts.skipHolidays && o.holiday));
	// The series starts with the first meeting held: a date skipped before it needs no EXDATE.
	const start = horizon.findIndex((o) => !excluded(o));
	const first = horizon[start];
	if (!first) return [];
	const lines = [
		'BEGIN:VEVENT',
		`UID:${escapeText(place.id)}@${opts.uidDomain}`,
		`DTSTAMP:${utcStamp(opts.now)}`,
		`DTSTART;TZID=${ICS_TZID}:${localDateTime(first.date, rule.start)}`,
		`DTEND;TZID=${ICS_TZID}:${localDateTime(first.date, rule.end)}`
	];
	// With holidays skipped the horizon is nextOccurrences' two years: the rule ends with the
	// last date listed, so no holiday past it shows as a meeting.
	lines.push(rruleFor(rule, opts.skipHolidays ? horizon[horizon.length - 1]!.date : null));
	for (const o of horizon.slice(start + 1).filter(excluded)) {
		lines.push(`EXDATE;TZID=${ICS_TZID}:${localDateTime(o.date, rule.start)}`);
	}
	lines.push(`SUMMARY:${escapeText(place.name)}`);
	if (place.address) lines.push(`LOCATION:${escapeText(place.address)}`);
	const description = [place.scheduleText, opts.url].filter((s): s is string => !!s).join('\n');
	lines.push(`DESCRIPTION:${escapeText(description)}`);
	if (opts.url) lines.push(`URL:${opts.url}`);
	lines.push('END:VEVENT');
	return lines;
}

export interface CalendarOptions {
	/** X-WR-CALNAME: what the calendar app lists it as. */
	name: string;
	/** X-WR-CALDESC, e.g. the paused note. */
	description?: string | null;
	events: string[][];
}

/** The whole file: CRLF line ends, folded lines, Asia/Tokyo defined once. */
export function calendarFile(opts: CalendarOptions): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Ibasho//Ibasho calendar//JA',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(opts.name)}`,
		`X-WR-TIMEZONE:${ICS_TZID}`,
		...(opts.description ? [`X-WR-CALDESC:${escapeText(opts.description)}`] : []),
		// A subscribed calendar asks again daily: a new rule or 休止 reaches it within a day.
		'REFRESH-INTERVAL;VALUE=DURATION:P1D',
		'X-PUBLISHED-TTL:P1D',
		...VTIMEZONE_TOKYO,
		...opts.events.flat(),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** A file name ASCII-safe for Content-Disposition: the place's id, which is ASCII already. */
export function icsFileName(id: string): string {
	return `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.ics`;
}
