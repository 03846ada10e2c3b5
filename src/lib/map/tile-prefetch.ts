/**
 * Saves the city's map tiles for offline use into their own cache. Only for tile sources
 * whose terms allow it (config.tiles.allowPrefetch); OpenStreetMap's public servers forbid it.
 */
import { OFFLINE_TILE_CACHE, tilesForBbox, tileUrl } from './tile-math';

/** A guard against a mistyped zoom range downloading half of Japan. */
export const MAX_PREFETCH_TILES = 5000;

export interface PrefetchResult {
	saved: number;
	failed: number;
}

export async function prefetchCityTiles(
	template: string,
	bbox: [number, number, number, number],
	options: {
		minZoom?: number;
		maxZoom?: number;
		concurrency?: number;
		onProgress?: (done: number, total: number) => void;
	} = {}
): Promise<PrefetchResult> {
	const tiles = tilesForBbox(bbox, options.minZoom ?? 12, options.maxZoom ?? 16);
	if (tiles.length > MAX_PREFETCH_TILES) {
		throw new RangeError(`${tiles.length} tiles exceed the limit of ${MAX_PREFETCH_TILES}`);
	}
	const cache = await caches.open(OFFLINE_TILE_CACHE);
	let next = 0;
	let done = 0;
	const result: PrefetchResult = { saved: 0, failed: 0 };
	async function worker() {
		while (next < tiles.length) {
			const url = tileUrl(template, tiles[next++]!);
			try {
				const res = await fetch(url, { mode: 'cors' });
				if (!res.ok) throw new Error(String(res.status));
				await cache.put(url, res);
				result.saved += 1;
			} catch {
				result.failed += 1;
			}
			options.onProgress?.(++done, tiles.length);
		}
	}
	await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
	return result;
}
