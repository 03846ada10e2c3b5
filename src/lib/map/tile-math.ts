/**
 * Slippy-map tile arithmetic (Web Mercator, 256-px tiles) for caching a city's map for
 * offline use — only with a tile source whose terms allow bulk download (never OSM's own).
 */

export interface TileCoord {
	z: number;
	x: number;
	y: number;
}

export function lngToTileX(lng: number, z: number): number {
	return Math.floor(((lng + 180) / 360) * 2 ** z);
}

export function latToTileY(lat: number, z: number): number {
	const rad = (lat * Math.PI) / 180;
	return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
}

/** Every tile covering bbox [west, south, east, north] at zooms minZoom..maxZoom. */
export function tilesForBbox(
	bbox: [number, number, number, number],
	minZoom: number,
	maxZoom: number
): TileCoord[] {
	const [west, south, east, north] = bbox;
	const tiles: TileCoord[] = [];
	for (let z = minZoom; z <= maxZoom; z++) {
		const [x0, x1] = [lngToTileX(west, z), lngToTileX(east, z)];
		const [y0, y1] = [latToTileY(north, z), latToTileY(south, z)];
		for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push({ z, x, y });
	}
	return tiles;
}

export function tileUrl(template: string, t: TileCoord): string {
	return template
		.replace('{z}', String(t.z))
		.replace('{x}', String(t.x))
		.replace('{y}', String(t.y))
		.replace('{s}', 'a')
		.replace('{r}', '');
}

/** Tiles kept as they are viewed (the service worker bounds it by count and age). */
export const TILE_CACHE = 'ibasho-tiles';
/** Tiles saved on purpose for offline use; never expired, replaced by the next download. */
export const OFFLINE_TILE_CACHE = 'ibasho-tiles-offline';

/** Matches `…/{z}/{x}/{y}.png` (and jpg/webp, @2x): how the service worker recognises tiles. */
export const TILE_PATH = /\/\d{1,2}\/\d+\/\d+(@2x)?\.(png|jpe?g|webp)$/;
