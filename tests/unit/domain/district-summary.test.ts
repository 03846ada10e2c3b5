import { describe, expect, it } from 'vitest';
import { categoriesWithNoPlaces, ORGANIZER_CATEGORY_IDS } from '#lib/domain/categories.js';
import { groupDistrictPlaces, handoutRows } from '#lib/domain/district-summary.js';
import { INTERNAL_CATEGORY_IDS } from '#lib/domain/model.js';
import { placeFieldsSchema } from '#lib/domain/sync/protocol.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { makePlace } from '../factories';

const { pack } = tsurugashimaPack();

describe('district summary', () => {
	it('counts a place under every category it has', () => {
		const centre = makePlace({ categories: ['public-facility', 'shelter'], districtIds: ['d'] });
		const school = makePlace({ categories: ['shelter'], districtIds: ['d'] });
		const elsewhere = makePlace({ categories: ['shelter'], districtIds: ['other'] });
		const groups = groupDistrictPlaces([centre, school, elsewhere], 'd');
		expect(groups.map((g) => [g.category, g.places.length])).toEqual([
			['shelter', 2],
			['public-facility', 1]
		]);
	});

	it('鶴ヶ島第一小学校区 has 5 shelter sites, its 2 community centres among them', () => {
		const shelters = groupDistrictPlaces(pack.places, 'tsurugashima-1').find(
			(g) => g.category === 'shelter'
		)!;
		expect(shelters.places.map((p) => p.name).sort()).toEqual(
			[
				'北市民センター',
				'埼玉県立鶴ヶ島清風高等学校',
				'女性センター',
				'鶴ヶ島市立鶴ヶ島中学校',
				'鶴ヶ島市立鶴ヶ島第一小学校'
			].sort()
		);
	});

	it('the handout numbers each place once, in group order', () => {
		const groups = groupDistrictPlaces(pack.places, 'tsurugashima-1');
		const rows = handoutRows(groups);
		const ids = rows.map((r) => r.place.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBe(
			pack.places.filter((p) => p.districtIds.includes('tsurugashima-1')).length
		);
		expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => i + 1));
		// A community centre is listed with the shelters (the first of its groups), not twice.
		expect(rows.find((r) => r.place.name === '北市民センター')!.category).toBe('shelter');
	});
});

describe('categories with no places at all', () => {
	it('names the chosen categories only when none of them has a place', () => {
		expect(categoriesWithNoPlaces(pack.places, ['salon', 'kids-salon'])).toEqual([
			'salon',
			'kids-salon'
		]);
		expect(categoriesWithNoPlaces(pack.places, ['salon', 'shelter'])).toBeNull();
		expect(categoriesWithNoPlaces(pack.places, [])).toBeNull();
		const salon = makePlace({ categories: ['salon'] });
		expect(categoriesWithNoPlaces([...pack.places, salon], ['salon'])).toBeNull();
	});

	it('organizer categories and the internal ones are exactly what the sync protocol lets a person register', () => {
		// Internal categories (ふれあいサービス records) are never shown to residents, so the
		// empty-list message never names them.
		expect([...ORGANIZER_CATEGORY_IDS, ...INTERNAL_CATEGORY_IDS].sort()).toEqual(
			[...placeFieldsSchema.shape.category.options].sort()
		);
	});
});
