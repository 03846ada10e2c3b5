import { describe, expect, it } from 'vitest';
import { accountCity } from '#lib/server/pack-service.js';

/** Staff papers (a salon's year, the 通いの場 survey) read the account's own city only. */
describe('the city a staff request works in', () => {
	const ctx = {
		packs: new Map([
			['tsurugashima', {}],
			['tokorozawa', {}]
		]) as never,
		defaultPackId: 'tsurugashima'
	};

	it("a Tokorozawa account reads Tokorozawa's salons, never the default city's", () => {
		expect(accountCity(ctx, { cityIds: ['tokorozawa'] })).toBe('tokorozawa');
	});

	it('an account of both works in the default city; an account of no loaded city in none', () => {
		expect(accountCity(ctx, { cityIds: ['tokorozawa', 'tsurugashima'] })).toBe('tsurugashima');
		expect(accountCity(ctx, { cityIds: ['atlantis'] })).toBeNull();
	});
});
