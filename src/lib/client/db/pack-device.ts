/**
 * The device's copy of the pack and the district outlines, in IndexedDB: read when the network
 * is gone, written with every fresh copy so the next visit works with no signal at all. Loaded
 * only through pack-loader's dynamic imports: Dexie is never part of a page's start-up.
 */
import type { PackBundle, PackWanted } from '../pack-source';
import { clientDb } from './ibasho-db';
import {
	packIdOfPlace,
	readGeometry,
	readPackBundle,
	readFlag,
	saveGeometry,
	savePackBundle,
	writeFlag
} from './pack-store';
import { storageState } from '../storage-state.svelte';
import type { PackGeometry } from '#lib/domain/model.js';

/**
 * The saved pack of the city asked for (else of the place's city, else the default city), or
 * null when this device never saw it (or IndexedDB cannot be read).
 */
export async function readSavedPack(
	wanted: PackWanted = {}
): Promise<(PackBundle & { savedAt: number }) | null> {
	const db = clientDb();
	try {
		const city = wanted.city ?? (wanted.place ? await packIdOfPlace(db, wanted.place) : null);
		if (wanted.city && !city) return null;
		return await readPackBundle(db, city ?? undefined);
	} catch {
		return null;
	}
}

export function readSavedGeometry(city?: string): Promise<PackGeometry | null> {
	return readGeometry(clientDb(), city).catch(() => null);
}

/** Writes a fresh pack; a full disk is shown as a state (banner), never thrown. */
export async function storePack(bundle: PackBundle): Promise<void> {
	const db = clientDb();
	try {
		await savePackBundle(db, bundle);
		storageState.full = false;
		await askPersistenceOnce();
	} catch (error) {
		storageState.report(error);
	}
}

export async function storeGeometry(geometry: PackGeometry): Promise<void> {
	await saveGeometry(clientDb(), geometry).catch((error) => storageState.report(error));
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
