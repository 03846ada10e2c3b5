import { describe, expect, it } from 'vitest';
import { ClusterIndex, type ClusterInput, type ClusterItem } from '#lib/map/cluster-index.js';
import { CATEGORY_IDS, type CategoryId } from '#lib/domain/model.js';

/** Generated fixtures: seeded random points in a ~20 km box, never real places. */
function randomInputs(count: number, seed: number): ClusterInput[] {
	let state = seed >>> 0;
	const next = (): number => {
		// mulberry32: small, fast and deterministic across runs and platforms.
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return Array.from({ length: count }, (_, i) => ({
		id: `gen-${i}`,
		lng: 139.39 + (next() - 0.5) * 0.22,
		lat: 35.935 + (next() - 0.5) * 0.18,
		category: CATEGORY_IDS[Math.floor(next() * CATEGORY_IDS.length)]!
	}));
}

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
const CITY: [number, number, number, number] = [139.2, 35.8, 139.6, 36.1];

const countOf = (item: ClusterItem): number => (item.kind === 'cluster' ? item.count : 1);
const sumCounts = (items: ClusterItem[]): number => items.reduce((n, item) => n + countOf(item), 0);

function categoryTotals(items: ClusterItem[]): Partial<Record<CategoryId, number>> {
	const totals: Partial<Record<CategoryId, number>> = {};
	for (const item of items) {
		if (item.kind === 'cluster') {
			for (const [id, n] of Object.entries(item.categories) as [CategoryId, number][]) {
				totals[id] = (totals[id] ?? 0) + n;
			}
		} else {
			totals[item.category] = (totals[item.category] ?? 0) + 1;
		}
	}
	return totals;
}

/** `count` generated places within about a metre of one spot. */
function group(prefix: string, lng: number, lat: number, categories: CategoryId[]): ClusterInput[] {
	return categories.map((category, i) => ({
		id: `${prefix}-${i}`,
		lng: lng + i * 0.00001,
		lat,
		category
	}));
}

describe('ClusterIndex', () => {
	const inputs = randomInputs(3000, 42);
	const index = new ClusterIndex(inputs);

	it('reports its size', () => {
		expect(index.size).toBe(3000);
	});

	it('cluster and point counts add up to every place in view, at every zoom', () => {
		for (let zoom = 0; zoom <= 18; zoom++) {
			const items = index.itemsIn(CITY, zoom);
			expect(sumCounts(items), `zoom ${zoom}`).toBe(inputs.length);
		}
	});

	it('clusters at low zoom, so the map draws far fewer markers than places', () => {
		expect(index.itemsIn(CITY, 11).length).toBeLessThan(inputs.length / 10);
	});

	it('returns only items positioned inside the bbox', () => {
		const view: [number, number, number, number] = [139.35, 35.9, 139.42, 35.95];
		for (const zoom of [12, 15, 18]) {
			for (const item of index.itemsIn(view, zoom)) {
				expect(item.lng).toBeGreaterThanOrEqual(view[0]);
				expect(item.lng).toBeLessThanOrEqual(view[2]);
				expect(item.lat).toBeGreaterThanOrEqual(view[1]);
				expect(item.lat).toBeLessThanOrEqual(view[3]);
			}
		}
	});

	it('above maxZoom every place is its own point, with its exact input data', () => {
		const items = index.itemsIn(CITY, 18);
		expect(items.every((item) => item.kind === 'point')).toBe(true);
		const byId = new Map(inputs.map((p) => [p.id, p]));
		expect(items).toHaveLength(inputs.length);
		for (const item of items) {
			if (item.kind !== 'point') continue;
			expect(item).toEqual({ kind: 'point', ...byId.get(item.id)! });
		}
	});

	it('separates places sharing one location above maxZoom, and honours a custom maxZoom', () => {
		const same: ClusterInput[] = [
			{ id: 'a', lng: 139.39, lat: 35.935, category: 'salon' },
			{ id: 'b', lng: 139.39, lat: 35.935, category: 'shelter' }
		];
		const small = new ClusterIndex(same, { maxZoom: 10 });
		expect(small.itemsIn(WORLD, 10)).toHaveLength(1);
		const points = small.itemsIn(WORLD, 11);
		expect(points.map((item) => item.kind)).toEqual(['point', 'point']);
		// Fractional and out-of-range zooms are floored and clamped, not rejected.
		expect(small.itemsIn(WORLD, 10.9)).toHaveLength(1);
		expect(small.itemsIn(WORLD, 25)).toHaveLength(2);
		expect(small.itemsIn(WORLD, -3)).toHaveLength(1);
	});

	it('counts places per category inside each cluster', () => {
		const idx = new ClusterIndex([
			...group('a', 139.39, 35.935, ['salon', 'salon', 'salon', 'shelter', 'shelter']),
			...group('b', 139.3905, 35.935, ['kids-salon'])
		]);
		const [cluster, ...rest] = idx.itemsIn(WORLD, 10);
		expect(rest).toHaveLength(0);
		expect(cluster).toMatchObject({
			kind: 'cluster',
			count: 6,
			categories: { salon: 3, shelter: 2, 'kids-salon': 1 }
		});
		// Categories with no place are absent, not zero.
		expect(Object.keys(cluster?.kind === 'cluster' ? cluster.categories : {}).sort()).toEqual([
			'kids-salon',
			'salon',
			'shelter'
		]);
	});

	it('category counts agree with each cluster size and with the inputs, at every zoom', () => {
		const expected: Partial<Record<CategoryId, number>> = {};
		for (const p of inputs) expected[p.category] = (expected[p.category] ?? 0) + 1;
		for (let zoom = 0; zoom <= 17; zoom++) {
			const items = index.itemsIn(CITY, zoom);
			for (const item of items) {
				if (item.kind !== 'cluster') continue;
				const inCluster = Object.values(item.categories).reduce((a, b) => a + b, 0);
				expect(inCluster).toBe(item.count);
			}
			expect(categoryTotals(items), `zoom ${zoom}`).toEqual(expected);
		}
	});

	it('expansionZoom is the first zoom where a cluster splits', () => {
		// Two generated groups about 900 m apart: one cluster when zoomed out, two when zoomed in.
		const idx = new ClusterIndex([
			...group('a', 139.39, 35.935, ['salon', 'salon', 'salon']),
			...group('b', 139.4, 35.935, ['shelter', 'shelter'])
		]);
		const [cluster] = idx.itemsIn(WORLD, 5);
		if (cluster?.kind !== 'cluster') throw new Error('expected one cluster at zoom 5');
		expect(cluster.count).toBe(5);

		const zoom = idx.expansionZoom(cluster.clusterId);
		expect(zoom).toBeGreaterThan(5);
		expect(idx.itemsIn(WORLD, zoom - 1)).toHaveLength(1);
		const split = idx.itemsIn(WORLD, zoom);
		expect(split.length).toBeGreaterThan(1);
		expect(sumCounts(split)).toBe(5);
	});

	it('expansionZoom of any cluster is above its zoom and at most maxZoom + 1', () => {
		for (const zoom of [8, 12, 16]) {
			for (const item of index.itemsIn(CITY, zoom)) {
				if (item.kind !== 'cluster') continue;
				const expansion = index.expansionZoom(item.clusterId);
				expect(expansion).toBeGreaterThan(zoom);
				expect(expansion).toBeLessThanOrEqual(18);
			}
		}
	});

	it('throws for a cluster id it did not issue', () => {
		expect(() => index.expansionZoom(-1)).toThrow();
	});

	it('works with no places', () => {
		const empty = new ClusterIndex([]);
		expect(empty.size).toBe(0);
		expect(empty.itemsIn(WORLD, 0)).toEqual([]);
		expect(empty.itemsIn(CITY, 18)).toEqual([]);
	});

	it('rejects places without finite coordinates', () => {
		expect(
			() => new ClusterIndex([{ id: 'x', lng: Number.NaN, lat: 35.9, category: 'salon' }])
		).toThrow(RangeError);
	});
});
