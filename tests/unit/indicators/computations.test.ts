/** The pure rules of the computed indicators (computations.ts), without a database. */
import { describe, expect, it } from 'vitest';
import {
	computeIndicators,
	placeStateAt,
	roundToTenth,
	teamStateAt,
	type ComputeInput,
	type MeetingFacts,
	type PlaceFacts,
	type TeamFacts
} from '#lib/domain/indicators/computations.js';
import { fiscalYearEndInstant } from '#lib/domain/fiscal-year.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';

const at = (iso: string, counter = 0) =>
	encodeHlc({ wall: Date.parse(iso), counter, node: 'device-1' });

const salon = (events: PlaceFacts['events'], current: Partial<PlaceFacts['current']> = {}) => ({
	id: 'p1',
	current: {
		status: 'active',
		moderation: 'approved',
		category: 'salon',
		districtIds: ['fuji'],
		...current
	},
	events
});

describe('placeStateAt', () => {
	const end2023 = fiscalYearEndInstant(2023);

	it('uses the current state for places with no history (pack data, older rows)', () => {
		expect(placeStateAt(salon([], { status: 'paused' }), end2023)?.status).toBe('paused');
	});

	it('reads each field as of the instant, by stamp order, whatever order events are listed in', () => {
		const place = salon([
			{ field: 'status', at: at('2024-02-01T00:00:00+09:00'), value: 'active' },
			{ field: 'category', at: at('2023-05-01T00:00:00+09:00'), value: 'salon' },
			{ field: 'moderation', at: at('2023-05-01T00:00:00+09:00'), value: 'approved' },
			{ field: 'districtId', at: at('2023-05-01T00:00:00+09:00'), value: 'fuji' },
			{ field: 'status', at: at('2023-09-01T00:00:00+09:00'), value: 'paused' },
			{ field: 'status', at: at('2024-03-31T23:59:59+09:00'), value: 'closed' }
		]);
		expect(placeStateAt(place, end2023)?.status).toBe('closed');
		expect(placeStateAt(place, Date.parse('2024-03-31T23:59:00+09:00'))?.status).toBe('active');
		expect(placeStateAt(place, Date.parse('2023-12-01T00:00:00+09:00'))?.status).toBe('paused');
		expect(placeStateAt(place, Date.parse('2023-04-30T00:00:00+09:00'))).toBeNull();
	});

	it('keeps the current value of a field with no history while another field has some', () => {
		// A salon from before the history whose status was changed since: only that is recorded.
		const place = salon([
			{ field: 'status', at: at('2023-09-01T00:00:00+09:00'), value: 'paused' },
			{ field: 'status', at: at('2023-12-01T00:00:00+09:00'), value: 'active' }
		]);
		expect(placeStateAt(place, end2023)).toEqual({
			category: 'salon',
			moderation: 'approved',
			status: 'active',
			districtIds: ['fuji']
		});
		expect(placeStateAt(place, Date.parse('2023-10-01T00:00:00+09:00'))?.status).toBe('paused');
	});

	it('does not take a moderation decision as made before its first recorded one', () => {
		const place = salon([
			{ field: 'category', at: at('2023-05-01T00:00:00+09:00'), value: 'salon' },
			{ field: 'moderation', at: at('2024-04-02T00:00:00+09:00'), value: 'approved' }
		]);
		expect(placeStateAt(place, end2023)?.moderation).toBe('pending');
		expect(placeStateAt(place, fiscalYearEndInstant(2024))?.moderation).toBe('approved');
	});

	it('reads a change by its effective time: one pushed long after its stamp misses closed years', () => {
		const place = salon([
			{ field: 'category', at: at('2023-05-01T00:00:00+09:00'), value: 'salon' },
			{ field: 'moderation', at: at('2023-05-01T00:00:00+09:00'), value: 'approved' },
			// Stamped in 2023 by a clock set back; received in 2026, effective 90 days before.
			{
				field: 'status',
				at: at('2023-06-01T00:00:00+09:00'),
				effectiveAt: at('2026-02-01T00:00:00+09:00'),
				value: 'closed'
			}
		]);
		expect(placeStateAt(place, end2023)?.status).toBe('active');
		expect(placeStateAt(place, fiscalYearEndInstant(2025))?.status).toBe('closed');
	});
});

describe('teamStateAt', () => {
	const version = (
		v: number,
		stamp: string,
		extra: Partial<TeamFacts['versions'][number]> = {}
	): TeamFacts['versions'][number] => ({
		version: v,
		districtId: 'fuji',
		formedOn: '2023-05-01',
		deleted: false,
		at: at(stamp),
		effectiveAt: at(stamp),
		...extra
	});

	it('stands as the highest version in effect at the instant', () => {
		const team: TeamFacts = {
			id: 't1',
			versions: [
				version(2, '2024-04-20T10:00:00+09:00', { deleted: true }),
				version(1, '2023-05-01T10:00:00+09:00')
			]
		};
		expect(teamStateAt(team, fiscalYearEndInstant(2023))?.deleted).toBe(false);
		expect(teamStateAt(team, fiscalYearEndInstant(2024))?.deleted).toBe(true);
	});

	it('stands as first recorded before its first record: the formation date says since when', () => {
		const team: TeamFacts = {
			id: 't1',
			versions: [version(1, '2024-06-01T10:00:00+09:00', { formedOn: '2022-07-01' })]
		};
		expect(teamStateAt(team, fiscalYearEndInstant(2022))?.version).toBe(1);
	});
});

describe('computeIndicators', () => {
	const base: ComputeInput = {
		fiscalYear: 2023,
		today: '2026-11-23',
		districtIds: ['fuji', 'minami'],
		places: [],
		sessions: [],
		meetings: [],
		teams: []
	};

	it('gives every district a zero, and the year as complete once it has ended', () => {
		const year = computeIndicators(base);
		expect(year.partial).toBe(false);
		expect(year.countedThrough).toBe('2024-03-31');
		expect(year.figures['area-meetings'].byDistrict).toEqual({
			fuji: { kind: 'count-with-participants', count: 0, participants: 0 },
			minami: { kind: 'count-with-participants', count: 0, participants: 0 }
		});
		expect(year.figures['kids-salon-sites'].coverage).toEqual({ covered: 0, total: 2 });
	});

	it('counts a running year through today only', () => {
		const year = computeIndicators({
			...base,
			fiscalYear: 2026,
			meetings: [
				{
					id: 'm1',
					kind: 'training',
					date: '2026-11-23',
					districtIds: [],
					cancelled: false,
					tallies: []
				},
				{
					id: 'm2',
					kind: 'training',
					date: '2026-11-24',
					districtIds: [],
					cancelled: false,
					tallies: []
				}
			]
		});
		expect(year.partial).toBe(true);
		expect(year.countedThrough).toBe('2026-11-23');
		expect(year.figures['training-meetings'].value).toEqual({ kind: 'number', value: 1 });
	});

	it('sums each tally once and attributes a meeting to each of its districts', () => {
		const year = computeIndicators({
			...base,
			meetings: [
				{
					id: 'm1',
					kind: 'area-meeting',
					date: '2023-04-01',
					districtIds: ['fuji', 'minami'],
					cancelled: false,
					tallies: [
						{ counts: { residents: 10 }, organisations: [] },
						{ counts: { 'city-staff': 2, residents: 1 }, organisations: [] }
					]
				}
			]
		});
		const f = year.figures['area-meetings'];
		expect(f.value).toEqual({ kind: 'count-with-participants', count: 1, participants: 13 });
		expect(f.byDistrict.fuji).toEqual(f.value);
		expect(f.byDistrict.minami).toEqual(f.value);
	});

	it('counts only the hours of ふれあいサービス activities, never a salon’s', () => {
		const place = (id: string, category: string, moderation = 'approved'): PlaceFacts => ({
			id,
			current: { status: 'active', moderation, category, districtIds: ['fuji'] },
			events: []
		});
		const year = computeIndicators({
			...base,
			places: [
				place('fureai', 'fureai-service'),
				place('salon', 'salon'),
				place('kids', 'kids-salon'),
				place('pending-fureai', 'fureai-service', 'pending')
			],
			sessions: [
				{ placeId: 'fureai', sessions: 3, hours: 7.5 },
				{ placeId: 'salon', sessions: 10, hours: 20 },
				{ placeId: 'kids', sessions: 2, hours: 4 },
				{ placeId: 'pending-fureai', sessions: 1, hours: 2 }
			]
		});
		expect(year.figures['fureai-service-hours'].value).toEqual({ kind: 'number', value: 7.5 });
		expect(year.figures['fureai-service-hours'].byDistrict.fuji).toEqual({
			kind: 'number',
			value: 7.5
		});
		// The salon's sessions still count where sessions count (No. 6 for children's salons).
		expect(year.figures['kids-salon-sites'].value).toEqual({ kind: 'number', value: 1 });
	});

	it('counts a cancelled meeting nowhere', () => {
		const meeting = (id: string, cancelled: boolean): MeetingFacts => ({
			id,
			kind: 'area-meeting',
			date: '2023-06-01',
			districtIds: ['fuji'],
			cancelled,
			tallies: [{ counts: { residents: 10 }, organisations: [] }]
		});
		const year = computeIndicators({
			...base,
			meetings: [meeting('held', false), meeting('cancelled', true)]
		});
		expect(year.figures['area-meetings'].value).toEqual({
			kind: 'count-with-participants',
			count: 1,
			participants: 10
		});
	});

	it('rounds hours to one decimal without float surprises', () => {
		expect(roundToTenth(0.05)).toBe(0.1);
		expect(roundToTenth(4.25)).toBe(4.3);
		expect(roundToTenth(3934.5)).toBe(3934.5);
	});
});
