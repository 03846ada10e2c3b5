/**
 * Plane geometry on lng/lat: point-in-polygon for district attribution and great-circle
 * distance for "near me". At city scale (≈ 10 km) these are exact enough to the metre.
 */
import type { LngLat, PolygonCoords, Ring } from './model';

const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Haversine distance in metres. */
export function distanceMeters(a: LngLat, b: LngLat): number {
	const dLat = toRad(b.lat - a.lat);
	const dLng = toRad(b.lng - a.lng);
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Ray casting; points exactly on an edge may fall either way, which district tiling tolerates. */
export function ringContains(ring: Ring, p: LngLat): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i]!;
		const [xj, yj] = ring[j]!;
		if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) {
			inside = !inside;
		}
	}
	return inside;
}

/** A polygon contains p when its outer ring does and none of its holes do. */
export function polygonContains(polygon: PolygonCoords, p: LngLat): boolean {
	const [outer, ...holes] = polygon;
	if (!outer || !ringContains(outer, p)) return false;
	return !holes.some((hole) => ringContains(hole, p));
}

export function anyPolygonContains(polygons: PolygonCoords[], p: LngLat): boolean {
	return polygons.some((polygon) => polygonContains(polygon, p));
}

/**
 * Rounded for people: "350 m", "1.2 km", "12 km". Walking scale, not survey precision. It is
 * the straight-line distance (the UI says so): no minutes on foot are derived from it, since
 * roads are not straight and people walk at very different paces.
 */
export function formatDistance(meters: number): string {
	if (meters < 1000) return `${Math.max(10, Math.round(meters / 10) * 10)} m`;
	if (meters < 10_000) return `${(meters / 1000).toFixed(1)} km`;
	return `${Math.round(meters / 1000)} km`;
}

export function isValidLngLat(p: { lng: unknown; lat: unknown }): p is LngLat {
	return (
		typeof p.lng === 'number' &&
		typeof p.lat === 'number' &&
		Number.isFinite(p.lng) &&
		Number.isFinite(p.lat) &&
		Math.abs(p.lat) <= 90 &&
		Math.abs(p.lng) <= 180
	);
}
