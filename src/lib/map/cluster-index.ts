/**
 * Marker clustering for the places map, independent of any map library: the map component asks
 * "what do I draw in this viewport at this zoom?" and gets plain clusters and points back, so
 * the same index runs in the page, in a worker and in node (tests, benchmarks).
 *
 * Built on supercluster. Contracts:
 * - Coordinates are WGS84 degrees; every input must have finite lng/lat (a RangeError says which
 *   one does not). Places with no public location are the caller's to leave out.
 * - `radius` is in screen pixels for 256-px tiles (Leaflet's tile size), hence `extent: 256`.
 * - Up to `maxZoom` nearby places merge into clusters; at any zoom above it every place is its own
 *   point item, even places that share a location.
 * - Zoom is floored (Leaflet may report fractional zooms during animation) and clamped to
 *   [0, maxZoom + 1].
 * - The index is immutable: a changed place list means a new index (building is cheap enough).
 */
import Supercluster from 'supercluster';
import type { PointFeature } from 'supercluster';
import { CATEGORY_IDS, type CategoryId } from '../domain/model';

export interface ClusterInput {
	id: string;
	lng: number;
	lat: number;
	/** The category the place is drawn as (its marker colour and glyph): see PlaceHit.category. */
	category: CategoryId;
}

export type ClusterItem =
	| {
			kind: 'cluster';
			/** Opaque id, valid only for the index that returned it (see `expansionZoom`). */
			clusterId: number;
			/** Centroid of the clustered places. */
			lng: number;
			lat: number;
			count: number;
			/** Places per category inside the cluster; categories with none are absent. */
			categories: Partial<Record<CategoryId, number>>;
	  }
	| { kind: 'point'; id: string; lng: number; lat: number; category: CategoryId };

/**
 * Cluster properties kept flat (one numeric key per category) on purpose: supercluster copies
 * a child's properties shallowly before reducing into them, so a nested object would be shared
 * between zoom levels and counted twice.
 */
type CategoryCounts = Partial<Record<CategoryId, number>>;

export const DEFAULT_CLUSTER_RADIUS = 60;
export const DEFAULT_CLUSTER_MAX_ZOOM = 17;

/** Leaflet's tile size; makes `radius` mean screen pixels. */
const TILE_EXTENT = 256;

export class ClusterIndex {
	readonly #index: Supercluster<ClusterInput, CategoryCounts>;
	readonly #size: number;

	constructor(
		points: readonly ClusterInput[],
		options: { radius?: number; maxZoom?: number } = {}
	) {
		const features: PointFeature<ClusterInput>[] = new Array(points.length);
		for (let i = 0; i < points.length; i++) {
			const point = points[i]!;
			if (!Number.isFinite(point.lng) || !Number.isFinite(point.lat)) {
				throw new RangeError(`ClusterIndex: place ${point.id} has no finite lng/lat`);
			}
			// The input object itself is the point's properties: point items read id, category and
			// the exact input coordinates back from it (supercluster's own output coordinates have
			// passed through a projection round trip). It is never mutated.
			features[i] = {
				type: 'Feature',
				properties: point,
				geometry: { type: 'Point', coordinates: [point.lng, point.lat] }
			};
		}
		this.#index = new Supercluster<ClusterInput, CategoryCounts>({
			radius: options.radius ?? DEFAULT_CLUSTER_RADIUS,
			maxZoom: options.maxZoom ?? DEFAULT_CLUSTER_MAX_ZOOM,
			extent: TILE_EXTENT,
			map: (point) => ({ [point.category]: 1 }),
			reduce: (accumulated, counts) => {
				for (const id of CATEGORY_IDS) {
					const n = counts[id];
					if (n) accumulated[id] = (accumulated[id] ?? 0) + n;
				}
			}
		}).load(features);
		this.#size = points.length;
	}

	/** Number of places indexed. */
	get size(): number {
		return this.#size;
	}

	/**
	 * Clusters and points to draw for a viewport. bbox = [west, south, east, north] in degrees;
	 * a west > east box crosses the antimeridian. An item is returned when its position (a
	 * cluster's centroid) lies in the box, so near the edges a cluster may stand for places just
	 * outside the view and vice versa; callers pad the viewport a little to avoid pop-in.
	 * Cluster counts always add up to the number of places the returned clusters stand for.
	 */
	itemsIn(bbox: [number, number, number, number], zoom: number): ClusterItem[] {
		if (this.#size === 0) return [];
		const features = this.#index.getClusters(bbox, Math.max(0, Math.floor(zoom)));
		const items: ClusterItem[] = new Array(features.length);
		for (let i = 0; i < features.length; i++) {
			const feature = features[i]!;
			const props = feature.properties;
			if ('cluster' in props && props.cluster) {
				const [lng, lat] = feature.geometry.coordinates as [number, number];
				items[i] = {
					kind: 'cluster',
					clusterId: props.cluster_id,
					lng,
					lat,
					count: props.point_count,
					categories: pickCategoryCounts(props)
				};
			} else {
				const point = props as ClusterInput;
				items[i] = {
					kind: 'point',
					id: point.id,
					lng: point.lng,
					lat: point.lat,
					category: point.category
				};
			}
		}
		return items;
	}

	/**
	 * The lowest zoom at which the cluster no longer shows as one item (it splits into several
	 * clusters or points): where a click on the cluster should zoom to. At most maxZoom + 1.
	 * Throws when clusterId did not come from this index's `itemsIn`.
	 */
	expansionZoom(clusterId: number): number {
		return this.#index.getClusterExpansionZoom(clusterId);
	}
}

function pickCategoryCounts(props: CategoryCounts): Partial<Record<CategoryId, number>> {
	const counts: Partial<Record<CategoryId, number>> = {};
	for (const id of CATEGORY_IDS) {
		const n = props[id];
		if (n) counts[id] = n;
	}
	return counts;
}
