import { describe, expect, it } from 'vitest';
import { latToTileY, lngToTileX, tilesForBbox, tileUrl, TILE_PATH } from '#lib/map/tile-math.js';

describe('tile math', () => {
	it('matches the known tile of Tokyo Station at zoom 15', () => {
		// OSM tile 15/29105/12903 covers Tokyo Station (139.7671, 35.6812).
		expect(lngToTileX(139.7671, 15)).toBe(29105);
		expect(latToTileY(35.6812, 15)).toBe(12903);
	});

	it('covers the Tsurugashima bbox with a bounded number of tiles for zooms 12–16', () => {
		const tiles = tilesForBbox([139.352396, 35.914151, 139.428821, 35.958725], 12, 16);
		expect(tiles.length).toBeGreaterThan(50);
		expect(tiles.length).toBeLessThan(1000);
		expect(new Set(tiles.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(tiles.length);
	});

	it('fills URL templates and recognises tile paths', () => {
		const url = tileUrl('https://tiles.example/{z}/{x}/{y}.png', { z: 14, x: 1, y: 2 });
		expect(url).toBe('https://tiles.example/14/1/2.png');
		expect(TILE_PATH.test(new URL(url).pathname)).toBe(true);
		expect(TILE_PATH.test('/api/pack/geometry')).toBe(false);
	});
});
