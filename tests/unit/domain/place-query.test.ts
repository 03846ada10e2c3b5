import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceMeters, formatDistance } from '#lib/domain/geo.js';
import {
	indexPlaces,
	nearestFirst,
	runPlaceQuery,
	sortByDistance,
	EMPTY_QUERY,
	NEAREST_SORTED,
	type PlaceHit
} from '#lib/domain/place-query.js';
import { foldForSearch, matchesQuery } from '#lib/domain/text-fold.js';
import { makePlace } from '../factories';

describe('Japanese search folding', () => {
	it('folds half-width katakana, full-width latin and katakana to one key', () => {
		expect(foldForSearch('ｻﾛﾝ')).toBe(foldForSearch('サロン'));
		expect(foldForSearch('サロン')).toBe(foldForSearch('さろん'));
		expect(foldForSearch('ＡＢＣ１２３')).toBe('abc123');
		expect(foldForSearch('鶴ヶ島')).toBe(foldForSearch('鶴ケ島'));
		expect(foldForSearch('ふれあい・いきいき サロン')).toBe(
			foldForSearch('ふれあいいきいきさろん')
		);
	});

	it('does not over-fold: が and け stay different', () => {
		expect(foldForSearch('がっこう')).not.toBe(foldForSearch('けっこう'));
	});

	it('needs every term of a multi-word query', () => {
		const hay = foldForSearch('北市民センター 脚折');
		expect(matchesQuery(hay, 'ｾﾝﾀｰ　脚折')).toBe(true); // ideographic space separates terms
		expect(matchesQuery(hay, 'センター 新町')).toBe(false);
		expect(matchesQuery(hay, '   ')).toBe(true);
	});
});

describe('place query', () => {
	const home = { lng: 139.393, lat: 35.934 };
	const near = makePlace({ id: 'near', name: '近い避難所', point: { lng: 139.394, lat: 35.934 } });
	const far = makePlace({ id: 'far', name: '遠い避難所', point: { lng: 139.42, lat: 35.95 } });
	const mid = makePlace({ id: 'mid', name: '中くらい', point: { lng: 139.4, lat: 35.94 } });
	const nowhere = makePlace({ id: 'nowhere', name: '所在地不明', point: null });
	const index = indexPlaces([far, nowhere, near, mid], new Map());

	it('sorts by distance from the origin, unlocated places last', () => {
		const hits = runPlaceQuery(index, { ...EMPTY_QUERY, origin: home });
		expect(hits.map((h) => h.place.id)).toEqual(['near', 'mid', 'far', 'nowhere']);
		expect(hits[0]!.distance).toBeCloseTo(distanceMeters(home, near.point!), 6);
		expect(hits[3]!.distance).toBeNull();
	});

	it('keeps source order without an origin', () => {
		expect(runPlaceQuery(index, EMPTY_QUERY).map((h) => h.place.id)).toEqual([
			'far',
			'nowhere',
			'near',
			'mid'
		]);
	});

	it('filters by category and district', () => {
		const salon = makePlace({ id: 's', categories: ['salon'], districtIds: ['fuji'] });
		const shelter = makePlace({ id: 'h', categories: ['shelter'], districtIds: ['sakae'] });
		const idx = indexPlaces([salon, shelter], new Map());
		expect(
			runPlaceQuery(idx, { ...EMPTY_QUERY, categories: ['salon'] }).map((h) => h.place.id)
		).toEqual(['s']);
		expect(
			runPlaceQuery(idx, { ...EMPTY_QUERY, districtId: 'sakae' }).map((h) => h.place.id)
		).toEqual(['h']);
	});

	it('says which filtered category each hit matched: a community centre found as a shelter', () => {
		const centre = makePlace({ id: 'c', categories: ['public-facility', 'shelter'] });
		const idx = indexPlaces([centre], new Map());
		const [asShelter] = runPlaceQuery(idx, { ...EMPTY_QUERY, categories: ['shelter'] });
		expect(asShelter!.category).toBe('shelter');
		const [asFacility] = runPlaceQuery(idx, {
			...EMPTY_QUERY,
			categories: ['public-facility', 'shelter']
		});
		expect(asFacility!.category).toBe('public-facility');
		// No category filter: the marker keeps the place's primary category.
		expect(runPlaceQuery(idx, EMPTY_QUERY)[0]!.category).toBeUndefined();
	});

	it('finds places by the district name too', () => {
		const p = makePlace({ id: 'x', name: 'いきいきサロン', districtIds: ['fuji'] });
		const idx = indexPlaces([p], new Map([['fuji', '藤小学校区']]));
		expect(runPlaceQuery(idx, { ...EMPTY_QUERY, text: '藤小' })).toHaveLength(1);
		expect(runPlaceQuery(idx, { ...EMPTY_QUERY, text: 'ｲｷｲｷ' })).toHaveLength(1);
	});
});

describe('near me: only the first page is sorted', () => {
	/** Hits with distances from a small set (many ties) and some with no location. */
	const hitsArb = fc
		.array(fc.option(fc.integer({ min: 0, max: 12 }), { freq: 6 }), { maxLength: 400 })
		.map((distances) =>
			distances.map((distance, i): PlaceHit => ({
				place: makePlace({ id: `p${i}`, point: distance === null ? null : undefined }),
				distance
			}))
		);
	const ids = (hits: readonly PlaceHit[]) => hits.map((h) => h.place.id);
	const fullSort = (hits: readonly PlaceHit[]) => sortByDistance([...hits]);

	it('returns the same first N as a full (stable) sort, ties in input order', () => {
		fc.assert(
			fc.property(hitsArb, fc.integer({ min: 0, max: 420 }), (hits, n) => {
				const partial = nearestFirst(hits, n);
				expect(ids(partial.slice(0, n))).toEqual(ids(fullSort(hits).slice(0, n)));
				// Nothing is lost or repeated; the rest is no nearer; unlocated last, in input order.
				expect([...ids(partial)].sort()).toEqual([...ids(hits)].sort());
				const located = (part: PlaceHit[]) =>
					part.flatMap((h) => (h.distance === null ? [] : [h.distance]));
				expect(Math.min(Infinity, ...located(partial.slice(n)))).toBeGreaterThanOrEqual(
					Math.max(0, ...located(partial.slice(0, n)))
				);
				const unlocated = ids(hits.filter((h) => h.distance === null));
				expect(ids(partial.slice(partial.length - unlocated.length))).toEqual(unlocated);
			}),
			{ numRuns: 300 }
		);
	});

	it('applied again with a larger N ("show more"), still agrees with the full sort', () => {
		fc.assert(
			fc.property(
				hitsArb,
				fc.integer({ min: 1, max: 200 }),
				fc.integer({ min: 0, max: 200 }),
				(hits, n, more) => {
					const again = nearestFirst(nearestFirst(hits, n), n + more);
					expect(ids(again.slice(0, n + more))).toEqual(ids(fullSort(hits).slice(0, n + more)));
				}
			),
			{ numRuns: 200 }
		);
	});

	it('runPlaceQuery sorts the first NEAREST_SORTED of a long list exactly', () => {
		const home = { lng: 139.39, lat: 35.935 };
		// 1,000 places on a grid: many share a distance from home.
		const places = Array.from({ length: 1000 }, (_, i) =>
			makePlace({
				id: `g${i}`,
				point: {
					lng: home.lng + ((i % 40) - 20) * 0.001,
					lat: home.lat + (Math.floor(i / 40) - 12) * 0.001
				}
			})
		);
		const hits = runPlaceQuery(indexPlaces(places, new Map()), { ...EMPTY_QUERY, origin: home });
		const all = places.map((place) => ({ place, distance: distanceMeters(home, place.point!) }));
		expect(hits).toHaveLength(1000);
		expect(ids(hits.slice(0, NEAREST_SORTED))).toEqual(ids(fullSort(all).slice(0, NEAREST_SORTED)));
	});
});

describe('distance', () => {
	it('matches a known distance: 鶴ヶ島駅 to 若葉駅 is about 1.6 km', () => {
		const d = distanceMeters({ lng: 139.3982, lat: 35.9346 }, { lng: 139.4011, lat: 35.9202 });
		expect(d).toBeGreaterThan(1500);
		expect(d).toBeLessThan(1700);
	});
	it('formats for people, in m below 1 km and km above', () => {
		expect(formatDistance(342)).toBe('340 m');
		expect(formatDistance(1234)).toBe('1.2 km');
		expect(formatDistance(3)).toBe('10 m');
		expect(formatDistance(12_400)).toBe('12 km');
	});
});
