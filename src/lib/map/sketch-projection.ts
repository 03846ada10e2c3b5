/**
 * Projects lng/lat shapes into an SVG box for printed handouts: no tiles, no Leaflet, sharp on
 * paper. Equirectangular with the x axis scaled by cos(latitude), which is true to shape at
 * city scale.
 */
import type { LngLat, PolygonCoords } from '#lib/domain/model.js';

export interface SketchFrame {
	width: number;
	height: number;
	project: (p: LngLat) => { x: number; y: number };
	path: (polygons: PolygonCoords[]) => string;
}

export function sketchFrame(polygons: PolygonCoords[], width: number, margin = 12): SketchFrame {
	let west = Infinity,
		east = -Infinity,
		south = Infinity,
		north = -Infinity;
	for (const polygon of polygons)
		for (const ring of polygon)
			for (const [lng, lat] of ring) {
				west = Math.min(west, lng);
				east = Math.max(east, lng);
				south = Math.min(south, lat);
				north = Math.max(north, lat);
			}
	if (!Number.isFinite(west)) {
		return {
			width,
			height: width,
			project: () => ({ x: width / 2, y: width / 2 }),
			path: () => ''
		};
	}
	const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
	const spanX = Math.max((east - west) * kx, 1e-9);
	const spanY = Math.max(north - south, 1e-9);
	const scale = (width - 2 * margin) / spanX;
	const height = Math.round(spanY * scale + 2 * margin);
	const project = (p: LngLat) => ({
		x: margin + (p.lng - west) * kx * scale,
		y: margin + (north - p.lat) * scale
	});
	const path = (shapes: PolygonCoords[]) =>
		shapes
			.flatMap((polygon) =>
				polygon.map(
					(ring) =>
						ring
							.map(([lng, lat], i) => {
								const { x, y } = project({ lng, lat });
								return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
							})
							.join('') + 'Z'
				)
			)
			.join('');
	return { width, height, project, path };
}
