/**
 * The marker index for a short list of places: every place is its own point, found by a linear
 * scan (a few hundred places take microseconds). Same contract as ClusterIndex's `itemsIn` for
 * points, so the map draws either one; it exists so a city's map does not load the clustering
 * code (supercluster, ~4 KB gzip) it would never use.
 */
import type { ClusterInput, ClusterItem } from './cluster-index';

export class PointIndex {
	readonly #points: readonly ClusterInput[];

	constructor(points: readonly ClusterInput[]) {
		for (const point of points) {
			if (!Number.isFinite(point.lng) || !Number.isFinite(point.lat)) {
				throw new RangeError(`PointIndex: place ${point.id} has no finite lng/lat`);
			}
		}
		this.#points = points;
	}

	get size(): number {
		return this.#points.length;
	}

	/** Points inside bbox = [west, south, east, north] (west > east crosses the antimeridian). */
	itemsIn(bbox: [number, number, number, number], _zoom: number): ClusterItem[] {
		const [west, south, east, north] = bbox;
		const inLng =
			west <= east
				? (lng: number) => lng >= west && lng <= east
				: (lng: number) => lng >= west || lng <= east;
		const items: ClusterItem[] = [];
		for (const { id, lng, lat, category } of this.#points) {
			if (lat >= south && lat <= north && inLng(lng)) {
				items.push({ kind: 'point', id, lng, lat, category });
			}
		}
		return items;
	}

	/** A point index has no clusters: there is never a cluster id to expand. */
	expansionZoom(clusterId: number): number {
		throw new RangeError(`PointIndex: no cluster ${clusterId}`);
	}
}
