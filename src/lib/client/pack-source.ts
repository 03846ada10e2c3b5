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

export async function fetchPack(fetch: Fetch, signal?: AbortSignal): Promise<PackBundle> {
	const res = await fetch('/api/pack', { signal });
	if (!res.ok) throw new Error(`pack: HTTP ${res.status}`);
	return (await res.json()) as PackBundle;
}

export async function fetchGeometry(fetch: Fetch): Promise<PackGeometry> {
	const res = await fetch('/api/pack/geometry');
	if (!res.ok) throw new Error(`geometry: HTTP ${res.status}`);
	return (await res.json()) as PackGeometry;
}
