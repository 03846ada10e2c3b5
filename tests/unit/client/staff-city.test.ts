import { describe, expect, it } from 'vitest';
import { pickStaffCity } from '#lib/client/staff-city.js';
import { isOfCity } from '#lib/client/work-city.svelte.js';

/** Staff screens show the plan of a city the signed-in account works in, never another's. */
describe('the city the staff screens work in', () => {
	it("a Tokorozawa account gets Tokorozawa's plan, even on a device that last showed Tsurugashima", () => {
		expect(pickStaffCity(['tokorozawa'], 'tsurugashima', 'tsurugashima')).toBe('tokorozawa');
	});

	it('an account of both cities works in the city on screen, else the default city', () => {
		const both = ['tsurugashima', 'tokorozawa'];
		expect(pickStaffCity(both, 'tokorozawa', 'tsurugashima')).toBe('tokorozawa');
		expect(pickStaffCity(both, undefined, 'tsurugashima')).toBe('tsurugashima');
	});

	it('an account copy from before cities (no cityIds) keeps the default city', () => {
		expect(pickStaffCity([], 'tokorozawa', 'tsurugashima')).toBe('tsurugashima');
		expect(pickStaffCity([], undefined, undefined)).toBeNull();
	});

	it('the city chosen with the switcher wins, among the cities the account holds', () => {
		const both = ['tsurugashima', 'tokorozawa'];
		expect(pickStaffCity(both, 'tsurugashima', 'tsurugashima', 'tokorozawa')).toBe('tokorozawa');
		// A choice made on this device by another account that held another city: not this one's.
		expect(pickStaffCity(['tsurugashima'], undefined, 'tsurugashima', 'tokorozawa')).toBe(
			'tsurugashima'
		);
	});
});

describe('which city a work record is listed in', () => {
	const tsurugashima = new Set(['minami', 'fuji']);
	it('by the city the feed names; a copy from before cities by its districts', () => {
		expect(isOfCity({ packId: 'tokorozawa', districtIds: [] }, 'tokorozawa', new Set(), 'x')).toBe(
			true
		);
		expect(
			isOfCity(
				{ packId: 'tokorozawa', districtIds: [] },
				'tsurugashima',
				tsurugashima,
				'tsurugashima'
			)
		).toBe(false);
		expect(
			isOfCity({ districtIds: ['minami'] }, 'tsurugashima', tsurugashima, 'tsurugashima')
		).toBe(true);
		expect(isOfCity({ districtIds: ['minami'] }, 'tokorozawa', new Set(), 'tsurugashima')).toBe(
			false
		);
	});
	it('an old city-wide copy naming no city is the default city’s, as before there were several', () => {
		expect(isOfCity({ districtIds: [] }, 'tsurugashima', tsurugashima, 'tsurugashima')).toBe(true);
		expect(isOfCity({ districtIds: [] }, 'tokorozawa', new Set(), 'tsurugashima')).toBe(false);
	});
});
