/** Deployment settings the browser needs, sent with the pack (so they are cached with it). */
import type { CityList } from './cities';

export interface TileConfig {
	/** `{z}/{x}/{y}` template, or null for no background map at all. */
	url: string | null;
	attribution: string;
	maxZoom: number;
	/**
	 * Whether the tile server allows bulk prefetching of the city's area. OpenStreetMap's
	 * public servers do not (tile usage policy), so it is false unless a deployer sets it.
	 */
	allowPrefetch: boolean;
}

export interface ClientConfig {
	tiles: TileConfig;
	/**
	 * The deployment's default city (a pack id): the city the staff screens work in until
	 * accounts carry their own (client/staff-city.ts). Absent in a config saved by an older app.
	 */
	defaultCity?: string;
	/** The server's cities (added by `/api/pack`; absent in a copy saved by an older version). */
	cities?: CityList;
}

export const OSM_TILES: TileConfig = {
	url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
	attribution:
		'&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
	maxZoom: 19,
	allowPrefetch: false
};
