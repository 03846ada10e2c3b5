/**
 * Everything the page starts after it is interactive, loaded lazily so a resident's first paint
 * never waits for IndexedDB code: following the device's copy of the pack, refreshing it, the
 * signed-in account and its sync. Returns the stop function.
 */
import { loadAccount } from './account-actions';
import { accountState } from './account-state.svelte';
import { refreshPack } from './pack-loader';

export async function bootDevice(): Promise<() => void> {
	await loadAccount();
	// Sync runs while someone is signed in (its code loads only then: residents never need it);
	// signing in later starts it from the login page.
	if (!accountState.account) return () => {};
	const { ensureSyncStarted } = await import('./sync/sync-service');
	return ensureSyncStarted();
}

export { refreshPack };
