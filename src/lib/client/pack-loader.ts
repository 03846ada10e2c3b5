/**
 * Browser side of getting the pack: the network when it answers, the device's IndexedDB
 * snapshot when it does not. Every fresh pack is written to the device, so the next visit
 * works with no signal at all.
 */
import { fetchGeometry, fetchPack, type PackBundle } from './pack-source';
import { clientDb } from './db/ibasho-db';
import {
	readGeometry,
	readPackBundle,
	readFlag,
	saveGeometry,
	savePackBundle,
	writeFlag
} from './db/pack-store';
import { storageState } from './storage-state.svelte';
import type { PackGeometry } from '$lib/domain/model';

/** With a snapshot on the device, a network that has not answered by then is not waited for. */
const NETWORK_TIMEOUT_MS = 3000;

export type LoadedBundle = PackBundle & { fromDevice: boolean; savedAt: number | null };

let lastSave: Promise<void> = Promise.resolve();

/** Resolves when the most recent pack write reached IndexedDB (live queries start after it). */
export const packSaved = (): Promise<void> => lastSave;

export async function loadPackInBrowser(fetch: typeof globalThis.fetch): Promise<LoadedBundle> {
	const db = clientDb();
	const saved = readPackBundle(db).catch(() => null);
	// Ask the network at once; only once a snapshot is known to exist is a slow network
	// abandoned after NETWORK_TIMEOUT_MS (without one there is nothing better to show).
	const controller = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	void saved.then((snapshot) => {
		if (snapshot) timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
	});
	try {
		const fresh = await fetchPack(fetch, controller.signal);
		clearTimeout(timer);
		lastSave = storePack(fresh);
		return { ...fresh, fromDevice: false, savedAt: Date.now() };
	} catch (error) {
		const snapshot = await saved;
		if (snapshot) return { ...snapshot, fromDevice: true };
		throw error;
	}
}

/** Fetches a fresh pack and stores it; the UI follows through liveQuery. Quiet when offline. */
export async function refreshPack(): Promise<boolean> {
	try {
		const fresh = await fetchPack(globalThis.fetch, AbortSignal.timeout(15_000));
		lastSave = storePack(fresh);
		await lastSave;
		return true;
	} catch {
		return false;
	}
}

async function storePack(bundle: PackBundle): Promise<void> {
	const db = clientDb();
	try {
		await savePackBundle(db, bundle);
		storageState.full = false;
		await askPersistenceOnce();
	} catch (error) {
		storageState.report(error);
	}
}

/**
 * The first successful save is the moment to ask the browser not to evict our data: before it
 * there is nothing worth keeping, after it a resident relies on the app working offline.
 */
async function askPersistenceOnce() {
	const db = clientDb();
	if (!navigator.storage?.persist || (await readFlag(db, 'persistence-asked'))) return;
	await writeFlag(db, 'persistence-asked', true);
	storageState.persisted = await navigator.storage.persist();
}

export async function loadGeometryInBrowser(fetch: typeof globalThis.fetch): Promise<PackGeometry> {
	const db = clientDb();
	try {
		const geometry = await fetchGeometry(fetch);
		void saveGeometry(db, geometry).catch((error) => storageState.report(error));
		return geometry;
	} catch (error) {
		const saved = await readGeometry(db).catch(() => null);
		if (saved) return saved;
		throw error;
	}
}
