/**
 * Where pages get the pack and its places. Through SvelteKit's `fetch`, so server rendering
 * inlines the response and hydration does not fetch it again.
 */
import type { ClientConfig } from '#lib/config.js';
import type { PackGeometry, PlacePack } from '#lib/domain/model.js';

type Fetch = typeof fetch;

export interface PackBundle {
	pack: PlacePack;
	config: ClientConfig;
	/** Changes whenever the pack's public content does: the device skips rewriting an equal one. */
	revision?: string;
}

/**
 * Which city's pack: `city` (a `/c/<city>/` page), else the city of `place` (a place page),
 * else the server's default city.
 */
export interface PackWanted {
	city?: string | null;
	place?: string | null;
}

/** The server answered that it holds no such city (`/c/<unknown>/`). */
export class UnknownCityError extends Error {
	constructor(city: string) {
		super(`unknown city: ${city}`);
		this.name = 'UnknownCityError';
	}
}

export function packUrl({ city, place }: PackWanted = {}): string {
	if (city) return `/api/pack?city=${encodeURIComponent(city)}`;
	if (place) return `/api/pack?place=${encodeURIComponent(place)}`;
	return '/api/pack';
}

export async function fetchPack(
	fetch: Fetch,
	signal?: AbortSignal,
	wanted: PackWanted = {}
): Promise<PackBundle> {
	const res = await fetch(packUrl(wanted), { signal });
	if (res.status === 404 && wanted.city) throw new UnknownCityError(wanted.city);
	if (!res.ok) throw new Error(`pack: HTTP ${res.status}`);
	return (await res.json()) as PackBundle;
}

/** `query` is `cityQuery(...)` (empty for the default city: the URL the service worker precaches). */
export async function fetchGeometry(fetch: Fetch, query = ''): Promise<PackGeometry> {
	const res = await fetch(`/api/pack/geometry${query}`);
	if (!res.ok) throw new Error(`geometry: HTTP ${res.status}`);
	return (await res.json()) as PackGeometry;
}
