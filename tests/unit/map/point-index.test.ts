import { describe, expect, it } from 'vitest';
import { ClusterIndex, type ClusterInput, type ClusterItem } from '#lib/map/cluster-index.js';
import { PointIndex } from '#lib/map/point-index.js';
import { CATEGORY_IDS } from '#lib/domain/model.js';

/** Seeded places in a ~20 km box (generated, never real), a few sharing one spot. */
function inputs(count: number): ClusterInput[] {
	let state = 7;
	const next = (): number => {
		state = (state * 16807) % 2147483647;
		return state / 2147483647;
	};
	const places = Array.from({ length: count }, (_, i) => ({
		id: `gen-${i}`,
		lng: 139.39 + (next() - 0.5) * 0.22,
		lat: 35.935 + (next() - 0.5) * 0.18,
		category: CATEGORY_IDS[i % CATEGORY_IDS.length]!
	}));
	return [...places, { ...places[0]!, id: 'same-spot' }];
}

const byId = (items: ClusterItem[]) =>
	[...items].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));

describe('PointIndex (the map below the clustering threshold)', () => {
	const places = inputs(299);
	const points = new PointIndex(places);
	// What the map drew for a short list before: supercluster with clustering turned off.
	const unclustered = new ClusterIndex(places, { maxZoom: 0 });

	it('draws exactly what the unclustered ClusterIndex did, in any view and zoom', () => {
		const views: [number, number, number, number][] = [
			[139.2, 35.8, 139.6, 36.1],
			[139.35, 35.9, 139.42, 35.95],
			[139.39, 35.93, 139.391, 35.931],
			[140, 36, 141, 37]
		];
		for (const view of views) {
			for (const zoom of [11, 13, 16, 18]) {
				expect(byId(points.itemsIn(view, zoom)), `${view} z${zoom}`).toEqual(
					byId(unclustered.itemsIn(view, zoom))
				);
			}
		}
	});

	it('handles a view across the antimeridian', () => {
		const index = new PointIndex([
			{ id: 'east', lng: 179.5, lat: 0, category: 'salon' },
			{ id: 'west', lng: -179.5, lat: 0, category: 'salon' },
			{ id: 'far', lng: 0, lat: 0, category: 'salon' }
		]);
		const ids = index.itemsIn([179, -1, -179, 1], 12).map((item) => (item as { id: string }).id);
		expect(ids.sort()).toEqual(['east', 'west']);
	});

	it('has no clusters, and rejects places without finite coordinates', () => {
		expect(points.itemsIn([-180, -85, 180, 85], 0).every((i) => i.kind === 'point')).toBe(true);
		expect(points.size).toBe(300);
		expect(() => points.expansionZoom(1)).toThrow(RangeError);
		expect(() => new PointIndex([{ id: 'x', lng: NaN, lat: 0, category: 'salon' }])).toThrow(/x/);
	});
});
