import { describe, expect, it } from 'vitest';
import { staffRequestCity } from '#lib/server/http/staff-year-request.js';
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

	it('a city asked for (the switcher on /work) is read when the account holds it', () => {
		const both = { cityIds: ['tsurugashima', 'tokorozawa'] };
		expect(staffRequestCity(ctx, both, 'tokorozawa')).toEqual({ ok: true, city: 'tokorozawa' });
		expect(staffRequestCity(ctx, both, undefined)).toEqual({ ok: true, city: 'tsurugashima' });
	});

	it('a city the account does not hold is refused with its reason; an unknown one is 404', async () => {
		const refused = staffRequestCity(ctx, { cityIds: ['tokorozawa'] }, 'tsurugashima');
		expect(refused.ok).toBe(false);
		if (refused.ok) return;
		expect(refused.response.status).toBe(403);
		expect(await refused.response.json()).toEqual({
			reason: 'city_not_held',
			details: { city: 'tsurugashima', held: ['tokorozawa'] }
		});
		const unknown = staffRequestCity(ctx, { cityIds: ['tokorozawa'] }, 'atlantis');
		expect(unknown.ok ? 200 : unknown.response.status).toBe(404);
	});
});
