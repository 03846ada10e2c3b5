import { describe, expect, it } from 'vitest';
import { pickStaffCity } from '#lib/client/staff-city.js';

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
});
