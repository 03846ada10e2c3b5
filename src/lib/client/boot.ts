/**
 * Everything the page starts after it is interactive, loaded lazily so a resident's first paint
 * never waits for IndexedDB code: following the device's copy of the pack, refreshing it, the
 * signed-in account and its sync. Returns the stop function.
 */
import { loadAccount } from './account-actions';
import { accountState } from './account-state.svelte';
import { refreshPack } from './pack-loader';
import { ensureSyncStarted } from './sync/sync-service';

export async function bootDevice(): Promise<() => void> {
	await loadAccount();
	// Sync runs while someone is signed in; signing in later starts it from the login page.
	return accountState.account ? ensureSyncStarted() : () => {};
}

export { refreshPack };
