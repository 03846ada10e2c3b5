/**
 * A salon's year for its yearly report and grant verdict. Every session here is GENERATED test
 * data (a made-up salon meeting every Monday), not anyone's record.
 */
import { describe, expect, it } from 'vitest';
import type { GrantRules } from '#lib/domain/paperwork/grant-rules.js';
import {
	categoryAtYearEnd,
	latestSessions,
	salonYear,
	type SalonYearInput
} from '#lib/domain/paperwork/salon-year.js';
import type { ScheduleRule, SessionRecord } from '#lib/domain/records.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { makeSessionRecord } from '../factories';

const everyMonday: ScheduleRule = { kind: 'weekly', weekdays: [1], start: '10:00', end: '12:00' };

/** FY 2025's national holidays that fall on a Monday (checked against holidays.ts below). */
const HOLIDAY_MONDAYS = [
	'2025-05-05',
	'2025-07-21',
	'2025-08-11',
	'2025-09-15',
	'2025-10-13',
	'2025-11-03',
	'2025-11-24',
	'2026-01-12',
	'2026-02-23'
];
/** Mondays the generated salon did not log although it was no holiday. */
const UNLOGGED = ['2025-06-30', '2025-12-29'];
/** The one holiday Monday it met on. */
const MET_ON_HOLIDAY = '2025-09-15';
/** Holiday Mondays its organizer marked 休み. */
const OFF = ['2025-05-05', '2026-01-12'];

function mondaysOfFy2025(): string[] {
	const out: string[] = [];
	for (let t = Date.UTC(2025, 3, 7); t <= Date.UTC(2026, 2, 31); t += 7 * 86_400_000) {
		out.push(new Date(t).toISOString().slice(0, 10));
	}
	return out;
}

const record = (date: string, participants: number, extra: Partial<SessionRecord> = {}) =>
	makeSessionRecord({ date, participants: { total: participants }, ...extra });

/**
 * The generated year: every non-holiday Monday but two, the one holiday it met on, an extra
 * session on March 31 (the year's last day), one the day before the year (March 31, 2025) and
 * one the day after (April 1, 2026). Participants alternate 12 / 8 in date order over the
 * sessions in FY 2025; the first session of each month brings one first-timer. On top: a
 * session corrected from 3 to its true count, and a duplicate logged and then deleted.
 */
function generatedYear(): SessionRecord[] {
	const dates = [
		...mondaysOfFy2025().filter(
			(d) => (!HOLIDAY_MONDAYS.includes(d) || d === MET_ON_HOLIDAY) && !UNLOGGED.includes(d)
		),
		'2026-03-31'
	].sort();
	const seenMonth = new Set<string>();
	const records: SessionRecord[] = [];
	dates.forEach((date, i) => {
		const participants = i % 2 === 0 ? 12 : 8;
		const firstTimers = seenMonth.has(date.slice(0, 7)) ? 0 : 1;
		seenMonth.add(date.slice(0, 7));
		if (date === '2025-10-20') {
			// Logged as 3 by a slip, corrected to the true count (version 2).
			const v1 = record(date, 3, { firstTimers });
			records.push(v1, { ...v1, version: 2, participants: { total: participants } });
		} else {
			records.push(record(date, participants, { firstTimers }));
		}
	});
	// Logged twice by mistake; the duplicate deleted (its deleting version is its latest).
	const dup = record('2025-12-01', 30);
	records.push(dup, { ...dup, version: 2, deleted: true });
	records.push(record('2025-03-31', 40), record('2026-04-01', 40));
	return records;
}

const rules = (r: Partial<GrantRules>): GrantRules => ({
	source: 'generated test rule (no real 社協)',
	minSessionsPerYear: 40,
	countedCategories: ['salon'],
	...r
});

const input = (over: Partial<SalonYearInput> = {}): SalonYearInput => ({
	fiscalYear: 2025,
	today: '2026-05-10',
	category: 'salon',
	scheduleRule: everyMonday,
	sessions: generatedYear(),
	offDates: OFF,
	rules: null,
	...over
});

describe('a salon’s fiscal year (generated sessions)', () => {
	it('the generated calendar is what it claims: 52 Mondays, these 9 holidays', async () => {
		const { holidayName } = await import('#lib/domain/holidays.js');
		const mondays = mondaysOfFy2025();
		expect(mondays).toHaveLength(52);
		expect(mondays.filter((d) => holidayName(d) !== null)).toEqual(HOLIDAY_MONDAYS);
	});

	it('counts the latest version of each session held in the year, deleted ones out', () => {
		const year = salonYear(input());
		// 52 Mondays − 9 holidays − 2 unlogged + 1 holiday met on + March 31 = 43.
		expect(year.totals).toEqual({
			sessions: 43,
			participantVisits: 22 * 12 + 21 * 8, // 延べ 432: the correction counts 8, not 3
			volunteerVisits: 43 * 3,
			firstTimers: 12,
			hours: 86
		});
		expect(year.averages).toEqual({ participantsPerSession: 10, volunteersPerSession: 3 });
		expect(year.sessions[0]!.date).toBe('2025-04-07');
		expect(year.sessions.at(-1)!.date).toBe('2026-03-31');
		expect(year.sessions.filter((s) => s.date === '2025-12-01')).toHaveLength(1);
		const corrected = year.sessions.find((s) => s.date === '2025-10-20')!;
		expect([corrected.version, corrected.participants]).toEqual([2, 8]); // not the slip's 3
		expect(year.sessions.find((s) => s.date === MET_ON_HOLIDAY)!.holiday).toBe('敬老の日');
		expect(year.partial).toBe(false);
		expect(year.countedThrough).toBe('2026-03-31');
	});

	it('month and year ends: March 31 is the year’s last day, April 1 the next year’s first', () => {
		expect(salonYear(input({ fiscalYear: 2024 })).totals.sessions).toBe(1); // 2025-03-31
		expect(salonYear(input({ fiscalYear: 2026, today: '2026-04-01' })).totals).toMatchObject({
			sessions: 1,
			participantVisits: 40
		});
	});

	it('lists scheduled dates with no log as gaps, holidays named, 休み marks apart', () => {
		const year = salonYear(input());
		expect(year.gaps.map((g) => g.date)).toEqual([
			'2025-06-30',
			'2025-07-21',
			'2025-08-11',
			'2025-10-13',
			'2025-11-03',
			'2025-11-24',
			'2025-12-29',
			'2026-02-23'
		]);
		expect(year.gaps.find((g) => g.date === '2025-07-21')!.holiday).toBe('海の日');
		expect(year.gaps.find((g) => g.date === '2025-06-30')!.holiday).toBeNull();
		expect(year.offDates).toEqual(OFF);
	});

	it('a year still running counts up to today and lists no gap for today', () => {
		const year = salonYear(input({ today: '2025-09-29' }));
		expect(year.partial).toBe(true);
		expect(year.countedThrough).toBe('2025-09-29');
		// Mondays Apr 7 – Sep 29: 26; minus 05-05, 07-21, 08-11, 06-30; plus 09-15 met on.
		expect(year.totals.sessions).toBe(22);
		expect(year.totals.participantVisits).toBe(11 * 12 + 11 * 8);
		expect(year.gaps.map((g) => g.date)).toEqual(['2025-06-30', '2025-07-21', '2025-08-11']);
	});

	it('gaps start at the salon’s first logged session, never before it', () => {
		const fromJuly = generatedYear().filter((s) => s.date >= '2025-07-01');
		const year = salonYear(input({ sessions: fromJuly }));
		expect(year.gaps[0]!.date).toBe('2025-07-21');
		expect(salonYear(input({ sessions: [] })).gaps).toEqual([]);
	});

	it('with no schedule rule there are no gaps to list', () => {
		expect(salonYear(input({ scheduleRule: null })).gaps).toEqual([]);
	});
});

describe('grant verdicts from rules given as data (generated rules)', () => {
	it('minimum sessions with a minimum of participants each: only those sessions count', () => {
		const { verdict } = salonYear(input({ rules: rules({ minParticipantsPerSession: 10 }) }));
		expect(verdict).toEqual({
			met: false,
			countedSessions: 22,
			shortfalls: [{ kind: 'sessions', needed: 40, counted: 22, minParticipants: 10 }]
		});
		const lower = salonYear(input({ rules: rules({ minParticipantsPerSession: 8 }) }));
		expect(lower.verdict).toEqual({ met: true, countedSessions: 43, shortfalls: [] });
	});

	it('minimum average: 432 / 43 = 10.05 meets 10 and 10.04, not 10.05 shown as 10.0', () => {
		expect(
			salonYear(input({ rules: rules({ minAverageParticipants: 10 }) })).verdict
		).toMatchObject({ met: true, countedSessions: 43 });
		expect(salonYear(input({ rules: rules({ minAverageParticipants: 10.04 }) })).verdict?.met).toBe(
			true
		);
		expect(salonYear(input({ rules: rules({ minAverageParticipants: 10.05 }) })).verdict).toEqual({
			met: false,
			countedSessions: 43,
			shortfalls: [{ kind: 'average', needed: 10.05, actual: 10 }]
		});
	});

	it('too few sessions in all, and a kind of place the grant does not count', () => {
		const verdict = salonYear(
			input({
				rules: rules({ minSessionsPerYear: 44, countedCategories: ['kids-salon'] })
			})
		).verdict;
		expect(verdict).toEqual({
			met: false,
			countedSessions: 43,
			shortfalls: [
				{ kind: 'category', category: 'salon', counted: ['kids-salon'] },
				{ kind: 'sessions', needed: 44, counted: 43 }
			]
		});
	});

	it('the deleted duplicate and the slip before correction never reach the verdict', () => {
		// Were the deleted one counted there would be 44 sessions; were v1 counted, 10-20 had 3.
		const verdict = salonYear(input({ rules: rules({ minSessionsPerYear: 44 }) })).verdict!;
		expect(verdict.met).toBe(false);
		const strict = salonYear(
			input({ rules: rules({ minSessionsPerYear: 22, minParticipantsPerSession: 12 }) })
		).verdict!;
		expect(strict).toMatchObject({ met: true, countedSessions: 22 });
	});

	it('no rules: no verdict', () => {
		expect(salonYear(input()).verdict).toBeNull();
	});
});

describe('helpers shared with the indicators', () => {
	it('latestSessions keeps the highest version whatever the order it arrived in', () => {
		const a = record('2025-04-07', 5);
		const b = { ...a, version: 2, participants: { total: 7 } };
		expect(latestSessions([b, a]).map((s) => s.participants.total)).toEqual([7]);
		expect(latestSessions([a, { ...b, deleted: true }])).toEqual([]);
	});

	it('the category at year end follows the 90-day rule (effective stamps), as indicators do', () => {
		const at = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'gen' });
		const place = {
			id: 'generated-salon',
			current: { status: 'active', moderation: 'approved', category: 'gathering', districtIds: [] },
			events: [
				{ field: 'category' as const, at: at('2025-01-10T00:00:00Z'), value: 'salon' },
				// Made offline on March 30 but synced in July: takes effect 90 days before July 20.
				{
					field: 'category' as const,
					at: at('2026-03-30T00:00:00Z'),
					effectiveAt: at('2026-04-21T00:00:00Z'),
					value: 'gathering'
				}
			]
		};
		expect(categoryAtYearEnd(place, 2025)).toBe('salon');
		expect(categoryAtYearEnd({ ...place, events: place.events.slice(0, 1) }, 2025)).toBe('salon');
		expect(
			categoryAtYearEnd(
				{ ...place, events: [{ ...place.events[1]!, effectiveAt: undefined }] },
				2025
			)
		).toBe('gathering');
	});
});
