/**
 * The 通いの場 survey's frequency classes and sheet. Every salon here is GENERATED test data.
 */
import { describe, expect, it } from 'vitest';
import { frequencyClass, surveySheet, type SurveyPlace } from '#lib/domain/paperwork/survey.js';
import { holidayName } from '#lib/domain/holidays.js';
import { occursOn } from '#lib/domain/schedule.js';
import type { ScheduleRule } from '#lib/domain/records.js';

const weeklyMonday: ScheduleRule = { kind: 'weekly', weekdays: [1], start: '10:00', end: '12:00' };
const secondTuesday: ScheduleRule = {
	kind: 'monthly',
	nths: [2],
	weekday: 2,
	start: '10:00',
	end: '12:00'
};

/** Dates of FY 2025 a rule names, optionally without holidays or some months. */
function datesOf(rule: ScheduleRule, skip: (d: string) => boolean = () => false) {
	const out: { date: string }[] = [];
	for (let t = Date.UTC(2025, 3, 1); t <= Date.UTC(2026, 2, 31); t += 86_400_000) {
		const date = new Date(t).toISOString().slice(0, 10);
		if (occursOn(rule, date) && !skip(date)) out.push({ date });
	}
	return out;
}

describe('frequency classes (generated salons, FY 2025)', () => {
	const end = '2026-03-31';
	it('a monthly salon that skipped August is monthly, by its rule and by its logs alone', () => {
		const logs = datesOf(secondTuesday, (d) => d.slice(5, 7) === '08');
		expect(logs).toHaveLength(11);
		expect(frequencyClass(secondTuesday, logs, end)).toBe('monthly');
		expect(frequencyClass(null, logs, end)).toBe('monthly');
		// Two months off: no longer monthly when only the logs tell.
		const twoOff = logs.filter((s) => s.date.slice(5, 7) !== '09');
		expect(frequencyClass(null, twoOff, end)).toBe('other');
	});

	it('a weekly salon that skips holidays is weekly, by its rule and by its logs alone', () => {
		const logs = datesOf(weeklyMonday, (d) => holidayName(d) !== null);
		expect(logs).toHaveLength(43);
		expect(frequencyClass(weeklyMonday, logs, end)).toBe('weekly');
		// 43 Mondays is just below the allowance of 44 a year: twice a month by logs alone.
		expect(frequencyClass(null, logs, end)).toBe('twice-monthly');
		expect(frequencyClass(null, datesOf(weeklyMonday), end)).toBe('weekly');
	});

	it('twice a month by rule; by logs the months since the first session count', () => {
		expect(frequencyClass({ ...secondTuesday, nths: [2, 4] }, [], end)).toBe('twice-monthly');
		// Started in October, met weekly since: 26 sessions in half a year.
		const fromOctober = datesOf(weeklyMonday).filter((s) => s.date >= '2025-10-01');
		expect(frequencyClass(null, fromOctober, end)).toBe('weekly');
		expect(frequencyClass(null, [], end)).toBe('other');
	});
});

describe('the survey sheet', () => {
	const place = (over: Partial<SurveyPlace>): SurveyPlace => ({
		placeId: 'gen',
		name: 'テスト用サロン（生成）',
		activityKinds: [],
		frequency: 'monthly',
		sessions: 10,
		participantVisits: 100,
		registeredMembers: null,
		...over
	});

	it('counts places by kind (each of several) and by frequency, 延べ and 実人数 apart', () => {
		const sheet = surveySheet(2025, [
			place({
				placeId: 'a',
				activityKinds: ['exercise', 'tea-and-talk'],
				frequency: 'weekly',
				participantVisits: 400,
				registeredMembers: 20
			}),
			place({ placeId: 'b', activityKinds: ['exercise'], registeredMembers: 12 }),
			place({ placeId: 'c', participantVisits: 50 }),
			place({ placeId: 'd', sessions: 0, participantVisits: 0, activityKinds: ['meals'] })
		]);
		expect(sheet.total).toEqual({
			places: 3,
			participantVisits: 550,
			registeredMembers: 32,
			membersStated: 2,
			placeIds: ['a', 'b', 'c']
		});
		expect(sheet.byKind.exercise).toMatchObject({
			places: 2,
			participantVisits: 500,
			placeIds: ['a', 'b']
		});
		expect(sheet.byKind['tea-and-talk']).toMatchObject({ places: 1, registeredMembers: 20 });
		expect(sheet.byKind.unstated).toMatchObject({ places: 1, placeIds: ['c'] });
		expect(sheet.byKind.meals.places).toBe(0); // no session held: not counted
		expect(sheet.byFrequency.weekly.places).toBe(1);
		expect(sheet.byFrequency.monthly.places).toBe(2);
	});
});
