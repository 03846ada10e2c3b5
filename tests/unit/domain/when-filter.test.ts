/**
 * 今日・今週 on the resident list and map: which places meet on a day of the window by their
 * rule, worked out on the device from the pack (today pinned), across week, month and year
 * ends; 休止 (the whole salon) and a single date off leave a place out; a national holiday
 * keeps it in (flagged on its card). The window lives in the URL like the other filters.
 * Places are generated test data.
 */
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FIND_PARAMS,
	findParamsToSearch,
	parseFindParams
} from '#lib/domain/find-params.js';
import { indexPlaces, runPlaceQuery, EMPTY_QUERY } from '#lib/domain/place-query.js';
import type { ScheduleRule } from '#lib/domain/records.js';
import { meetsBetween, nextMeetings, whenWindow, type WhenFilter } from '#lib/domain/schedule.js';
import { makePlace } from '../factories';

const secondFourthTuesday: ScheduleRule = {
	kind: 'monthly',
	nths: [2, 4],
	weekday: 2,
	start: '10:00',
	end: '12:00'
};
const mondays: ScheduleRule = { kind: 'weekly', weekdays: [1], start: '13:30', end: '15:00' };
const thursdays: ScheduleRule = { kind: 'weekly', weekdays: [4], start: '10:00', end: '11:30' };

const salon = (rule: ScheduleRule | null, over: Parameters<typeof makePlace>[0] = {}) =>
	makePlace({ scheduleRule: rule, status: 'active', ...over });

/** Whether the place turns up under 今日 or 今週 on `today`. */
const shown = (place: ReturnType<typeof salon>, when: WhenFilter, today: string) => {
	const { from, to } = whenWindow(when, today);
	return meetsBetween(place, from, to);
};

describe('the 今日・今週 window', () => {
	it.each([
		// [today, weekday, end of 今週]
		['2026-12-08', '火', '2026-12-13'],
		['2026-12-13', '日: 今週 is that Sunday alone', '2026-12-13'],
		['2026-12-14', '月: a whole week', '2026-12-20'],
		['2026-11-30', '月, across the month end', '2026-12-06'],
		['2027-03-29', '月, across the month and fiscal year end', '2027-04-04'],
		['2026-12-29', '火, across the year end', '2027-01-03'],
		['2028-02-28', '月, across a leap day', '2028-03-05']
	])('%s (%s) runs to %s', (today, _label, end) => {
		expect(whenWindow('week', today)).toEqual({ from: today, to: end });
		expect(whenWindow('today', today)).toEqual({ from: today, to: today });
	});
});

describe('places meeting today or this week', () => {
	it('a 第2・第4火曜 salon is in 今日 on its Tuesday and in that week, not the week after', () => {
		const p = salon(secondFourthTuesday);
		expect(shown(p, 'today', '2026-12-08')).toBe(true);
		expect(shown(p, 'today', '2026-12-09')).toBe(false);
		expect(shown(p, 'week', '2026-12-07')).toBe(true);
		// 2026-12-15 is the third Tuesday: no meeting that week.
		expect(shown(p, 'week', '2026-12-14')).toBe(false);
		// Wednesday after the meeting: the rest of that week has none.
		expect(shown(p, 'week', '2026-12-09')).toBe(false);
	});

	it('a date marked off takes the place out of 今日 and 今週, and only that date', () => {
		const p = salon(secondFourthTuesday, { offDates: ['2026-12-08'] });
		expect(shown(p, 'today', '2026-12-08')).toBe(false);
		expect(shown(p, 'week', '2026-12-07')).toBe(false);
		expect(shown(p, 'today', '2026-12-22')).toBe(true);
		// The next dates still list it, flagged, before the next meeting.
		const when = nextMeetings(p, '2026-12-07', 1);
		expect(when.kind === 'dates' && when.dates).toEqual([
			{ date: '2026-12-08', holiday: null, off: true },
			{ date: '2026-12-22', holiday: null }
		]);
	});

	it('a paused, closed or rule-less place is never in 今日 or 今週', () => {
		for (const p of [
			salon(mondays, { status: 'paused' }),
			salon(mondays, { status: 'closed' }),
			salon(null)
		]) {
			expect(shown(p, 'week', '2026-12-14')).toBe(false);
			expect(shown(p, 'today', '2026-12-14')).toBe(false);
		}
	});

	it('across the year end: Thursday 31 December is this week, no Monday is', () => {
		expect(shown(salon(thursdays), 'week', '2026-12-29')).toBe(true);
		expect(shown(salon(mondays), 'week', '2026-12-29')).toBe(false);
		expect(shown(salon(mondays), 'week', '2027-01-04')).toBe(true);
	});

	it('a holiday Monday (成人の日 2027-01-11) stays in, unless its organizer marked it off', () => {
		expect(shown(salon(mondays), 'today', '2027-01-11')).toBe(true);
		const when = nextMeetings(salon(mondays), '2027-01-11', 1);
		expect(when.kind === 'dates' && when.dates[0]).toEqual({
			date: '2027-01-11',
			holiday: '成人の日'
		});
		expect(shown(salon(mondays, { offDates: ['2027-01-11'] }), 'today', '2027-01-11')).toBe(false);
	});

	it('the list under 今週 holds exactly the places meeting by then, with the other filters', () => {
		const places = [
			salon(secondFourthTuesday, { id: 'tue', name: '火曜サロン（生成）' }),
			salon(mondays, { id: 'mon', name: '月曜サロン（生成）' }),
			salon(thursdays, { id: 'thu', name: '木曜サロン（生成）', status: 'paused' }),
			salon(null, { id: 'none', name: '予定なしサロン（生成）' })
		];
		const index = indexPlaces(places, new Map());
		const ids = (today: string, when: WhenFilter, text = '') =>
			runPlaceQuery(index, { ...EMPTY_QUERY, text, meets: whenWindow(when, today) }).map(
				(h) => h.place.id
			);
		expect(ids('2026-12-08', 'week')).toEqual(['tue']);
		expect(ids('2026-12-07', 'today')).toEqual(['mon']);
		expect(ids('2026-12-07', 'week')).toEqual(['tue', 'mon']);
		expect(ids('2026-12-07', 'week', '月曜')).toEqual(['mon']);
		expect(runPlaceQuery(index, EMPTY_QUERY)).toHaveLength(4);
	});
});

describe('今日・今週 in the URL', () => {
	const known = { districts: [], towns: [] };
	it('round-trips when=today and when=week, and leaves the default out', () => {
		for (const when of ['today', 'week'] as const) {
			const search = findParamsToSearch({ ...DEFAULT_FIND_PARAMS, when, text: 'サロン' });
			const parsed = parseFindParams(new URLSearchParams(search), known);
			expect(parsed).toEqual({
				ok: true,
				value: { ...DEFAULT_FIND_PARAMS, when, text: 'サロン' }
			});
		}
		expect(findParamsToSearch(DEFAULT_FIND_PARAMS)).toBe('');
	});

	it('refuses a when it does not know, with a reason code', () => {
		expect(parseFindParams(new URLSearchParams('when=tomorrow'), known)).toEqual({
			ok: false,
			reason: 'unknown_when',
			details: 'tomorrow'
		});
	});
});
