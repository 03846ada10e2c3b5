/**
 * Tile source from the environment: TILE_URL (`none` for no background map), TILE_ATTRIBUTION,
 * TILE_MAX_ZOOM, TILE_ALLOW_PREFETCH=1 (only for a source whose terms allow bulk download).
 */
import { OSM_TILES, type ClientConfig } from '#lib/config.js';

export function clientConfig(env: NodeJS.ProcessEnv = process.env): ClientConfig {
	const url = env.TILE_URL?.trim();
	if (!url) return { tiles: OSM_TILES };
	if (url === 'none') return { tiles: { ...OSM_TILES, url: null, attribution: '' } };
	return {
		tiles: {
			url,
			attribution: env.TILE_ATTRIBUTION ?? '',
			maxZoom: Number.parseInt(env.TILE_MAX_ZOOM ?? '18', 10) || 18,
			allowPrefetch: env.TILE_ALLOW_PREFETCH === '1'
		}
	};
}
