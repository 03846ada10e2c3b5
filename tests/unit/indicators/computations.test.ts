/** The pure rules of the computed indicators (computations.ts), without a database. */
import { describe, expect, it } from 'vitest';
import {
	computeIndicators,
	fiscalYearEndInstant,
	placeStateAt,
	roundToTenth,
	type ComputeInput,
	type PlaceFacts
} from '$lib/domain/indicators/computations';
import { encodeHlc } from '$lib/domain/sync/hlc';

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

	it('ends the fiscal year at April 1 00:00 in Japan', () => {
		expect(new Date(end2023).toISOString()).toBe('2024-03-31T15:00:00.000Z');
	});

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
				{ id: 'm1', kind: 'training', date: '2026-11-23', districtIds: [], tallies: [] },
				{ id: 'm2', kind: 'training', date: '2026-11-24', districtIds: [], tallies: [] }
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

	it('rounds hours to one decimal without float surprises', () => {
		expect(roundToTenth(0.05)).toBe(0.1);
		expect(roundToTenth(4.25)).toBe(4.3);
		expect(roundToTenth(3934.5)).toBe(3934.5);
	});
});
