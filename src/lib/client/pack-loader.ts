/**
 * Browser side of getting the pack and the district outlines: the network when it answers, the
 * device's IndexedDB copy when it does not. Every fresh copy is saved to the device once the
 * page's start-up is over (startup.ts), so the next visit works with no signal at all.
 * IndexedDB code (db/pack-device, Dexie) is imported only when needed: an online visit loads it
 * after start-up, never on the way to the first paint or the map.
 */
import { connectivity, fetchObserved } from './connectivity.svelte';
import {
	fetchGeometry,
	fetchPack,
	UnknownCityError,
	type PackBundle,
	type PackWanted
} from './pack-source';
import { afterStartup } from './startup';
import { cityQuery, type CityList } from '#lib/cities.js';
import type { PackGeometry } from '#lib/domain/model.js';

/** With a snapshot on the device, a network that has not answered by then is not waited for. */
const NETWORK_TIMEOUT_MS = 3000;

export type LoadedBundle = PackBundle & { fromDevice: boolean; savedAt: number | null };

const device = () => import('./db/pack-device');

let lastSave: Promise<void> = Promise.resolve();

/** Resolves when the most recent pack write reached IndexedDB (live queries start after it). */
export const packSaved = (): Promise<void> => lastSave;

/** Queues a write after the previous one and after start-up; failures are logged, not thrown. */
function savePack(bundle: PackBundle) {
	lastSave = Promise.all([lastSave, afterStartup()])
		.then(device)
		.then((d) => d.storePack(bundle))
		.catch((error) => console.error(error));
}

/** `fetch` (SvelteKit's, in a load) with each answer or failure counted as connectivity. */
const observed =
	(fetch: typeof globalThis.fetch): typeof globalThis.fetch =>
	(input, init) =>
		fetchObserved(input, init, fetch);

/**
 * The root layout's pack, also the app's first look at the network: a page the service worker
 * booted offline finds out here (its request fails), whatever `navigator.onLine` says. Each
 * city's copy is kept apart on the device: offline, the city asked for (or the place's city,
 * or the default city) is read.
 */
export async function loadPackInBrowser(
	fetch: typeof globalThis.fetch,
	wanted: PackWanted = {}
): Promise<LoadedBundle> {
	// The snapshot is read only when it may be needed: offline, or the network failed or is
	// slow. Known to be offline: read it at once, alongside the (failing) request.
	let saved: Promise<(PackBundle & { savedAt: number }) | null> | null = null;
	const readSaved = () =>
		(saved ??= device().then(
			(d) => d.readSavedPack(wanted),
			() => null
		));
	if (!navigator.onLine || !connectivity.online) void readSaved();
	// Only once a snapshot is known to exist is a slow network abandoned (without one there is
	// nothing better to show).
	const controller = new AbortController();
	// Abandoned as timed out: a network this slow counts as not reached.
	const timer = setTimeout(
		() =>
			void readSaved().then(
				(snapshot) => snapshot && controller.abort(new DOMException('slow', 'TimeoutError'))
			),
		NETWORK_TIMEOUT_MS
	);
	try {
		const fresh = await fetchPack(observed(fetch), controller.signal, wanted);
		savePack(fresh);
		return { ...fresh, fromDevice: false, savedAt: Date.now() };
	} catch (error) {
		if (error instanceof UnknownCityError) throw error;
		const snapshot = await readSaved();
		if (snapshot) return { ...snapshot, fromDevice: true };
		throw error;
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Fetches a fresh copy of the city's pack and stores it; the UI follows through liveQuery.
 * Quiet when offline.
 */
export async function refreshPack(city: string): Promise<boolean> {
	try {
		savePack(await fetchPack(observed(globalThis.fetch), AbortSignal.timeout(15_000), { city }));
		await lastSave;
		return true;
	} catch {
		return false;
	}
}

/** A city's outlines (`city` is the pack's id; `cities` from its config, for the default's URL). */
export async function loadGeometryInBrowser(
	fetch: typeof globalThis.fetch,
	city?: string,
	cities?: CityList
): Promise<PackGeometry> {
	try {
		const geometry = await fetchGeometry(observed(fetch), cityQuery(city, cities));
		void afterStartup()
			.then(device)
			.then((d) => d.storeGeometry(geometry))
			.catch((error) => console.error(error));
		return geometry;
	} catch (error) {
		const saved = await device().then(
			(d) => d.readSavedGeometry(city),
			() => null
		);
		if (saved) return saved;
		throw error;
	}
}
