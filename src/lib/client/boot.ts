/**
 * Everything the page starts once its start-up is over (startup.ts: mounted, the map's first
 * view drawn, the browser idle), loaded lazily so neither the first paint nor the map waits for
 * IndexedDB code: following the device's copy of the pack, the signed-in account and its sync.
 * Returns the stop function.
 */
import { loadAccount } from './account-actions';
import { accountState } from './account-state.svelte';
import type { LivePack } from './live-pack.svelte';

export async function bootDevice(live: LivePack): Promise<() => void> {
	const stopFollowing = live.follow();
	await loadAccount();
	// Sync runs while someone is signed in (its code loads only then: residents never need it);
	// signing in later starts it from the login page.
	if (!accountState.account) return stopFollowing;
	const { ensureSyncStarted } = await import('./sync/sync-service');
	const stopSync = ensureSyncStarted();
	return () => {
		stopFollowing();
		stopSync();
	};
}
