/**
 * Sessions due by the schedule and not logged (the /work reminder), today pinned. Salons and
 * ids are generated for the test.
 */
import { describe, expect, it } from 'vitest';
import { dueUnloggedSessions, type DueInput, type DuePlace } from '#lib/domain/due-sessions.js';
import type { ScheduleRule } from '#lib/domain/records.js';

const weekly = (...weekdays: number[]): ScheduleRule => ({
	kind: 'weekly',
	weekdays,
	start: '10:00',
	end: '12:00'
});
const monthly = (weekday: number, ...nths: number[]): ScheduleRule => ({
	kind: 'monthly',
	nths,
	weekday,
	start: '13:30',
	end: '15:00'
});
const salon = (id: string, scheduleRule: ScheduleRule | null, more: Partial<DuePlace> = {}) => ({
	id,
	status: 'active' as const,
	scheduleRule,
	...more
});
const due = (input: Partial<DueInput> & Pick<DueInput, 'places' | 'today'>) =>
	dueUnloggedSessions({ logged: [], skipped: [], time: '09:00', ...input }).map((d) =>
		d.holiday ? `${d.placeId} ${d.date} ${d.holiday}` : `${d.placeId} ${d.date}`
	);

describe('which dates are due', () => {
	it('a weekly salon: the last four weeks, newest first, today only once the session is over', () => {
		// Tuesday 8 December 2026.
		const places = [salon('tue', weekly(2))];
		expect(due({ places, today: '2026-12-08', time: '09:00' })).toEqual([
			'tue 2026-12-01',
			'tue 2026-11-24',
			'tue 2026-11-17'
		]);
		expect(due({ places, today: '2026-12-08', time: '11:59' })).not.toContain('tue 2026-12-08');
		expect(due({ places, today: '2026-12-08', time: '12:00' })[0]).toBe('tue 2026-12-08');
	});

	it('across a month end: a monthly rule counts each month on its own', () => {
		// 第1・第4火曜: 24 November is November's 4th, 1 December is December's 1st.
		const places = [salon('m', monthly(2, 1, 4))];
		expect(due({ places, today: '2026-12-08' })).toEqual(['m 2026-12-01', 'm 2026-11-24']);
		// 第5土曜 exists in some months only: 29 August 2026 is one, September has none.
		const fifth = [salon('five', monthly(6, 5))];
		expect(due({ places: fifth, today: '2026-09-20' })).toEqual(['five 2026-08-29']);
		expect(due({ places: fifth, today: '2026-10-20' })).toEqual([]);
	});

	it('across February: 28 days back from 2 March reach 3 February', () => {
		const places = [salon('sat', weekly(6))];
		expect(due({ places, today: '2026-03-02' })).toEqual([
			'sat 2026-02-28',
			'sat 2026-02-21',
			'sat 2026-02-14',
			'sat 2026-02-07'
		]);
	});

	it('a national holiday stays in the list, named', () => {
		const places = [salon('mon', weekly(1))];
		expect(due({ places, today: '2026-11-30' })).toEqual([
			'mon 2026-11-23 勤労感謝の日',
			'mon 2026-11-16',
			'mon 2026-11-09' // 2 November is 28 days back: outside the window
		]);
		// The 2026 Silver Week: three holidays in a row, each named.
		const daily = [salon('d', weekly(1, 2, 3))];
		expect(due({ places: daily, today: '2026-09-23', time: '18:00' }).slice(0, 3)).toEqual([
			'd 2026-09-23 秋分の日',
			'd 2026-09-22 国民の休日',
			'd 2026-09-21 敬老の日'
		]);
	});

	it('not before the rule was set', () => {
		const places = [salon('tue', weekly(2), { ruleSince: '2026-11-20' })];
		expect(due({ places, today: '2026-12-08' })).toEqual(['tue 2026-12-01', 'tue 2026-11-24']);
	});
});

describe('what reminds of nothing', () => {
	it('a paused (休止中) or closed salon, or one without a rule', () => {
		const places = [
			salon('paused', weekly(2), { status: 'paused' }),
			salon('closed', weekly(2), { status: 'closed' }),
			salon('none', null)
		];
		expect(due({ places, today: '2026-12-08' })).toEqual([]);
	});

	it('a date logged at that salon, or marked 休み; not a deleted log, not another salon’s', () => {
		const places = [salon('a', weekly(2)), salon('b', weekly(2))];
		const result = due({
			places,
			today: '2026-12-08',
			logged: [
				{ placeId: 'a', date: '2026-12-01' },
				{ placeId: 'a', date: '2026-11-24', deleted: true },
				{ placeId: 'a', date: '2026-11-25' } // a day later: the 24th is still open
			],
			skipped: [{ placeId: 'b', date: '2026-11-17' }]
		});
		expect(result).toEqual(['b 2026-12-01', 'a 2026-11-24', 'b 2026-11-24', 'a 2026-11-17']);
	});
});

describe('the times it reads', () => {
	it('the date a rule was set comes from its stamp, in Japan; the time now too', async () => {
		const { stampDate, tokyoTimeOf } = await import('#lib/domain/due-sessions.js');
		const { encodeHlc } = await import('#lib/domain/sync/hlc.js');
		// 20 November 2026, 23:30 in Tokyo is still the 20th there (14:30 UTC).
		const wall = Date.UTC(2026, 10, 20, 14, 30);
		expect(stampDate(encodeHlc({ wall, counter: 0, node: 'dev' }))).toBe('2026-11-20');
		expect(stampDate(encodeHlc({ wall: wall + 3_600_000, counter: 0, node: 'dev' }))).toBe(
			'2026-11-21'
		);
		expect(stampDate(undefined)).toBeNull();
		expect(tokyoTimeOf(wall)).toBe('23:30');
	});
});
