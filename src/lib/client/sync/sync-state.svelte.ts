/** What the sync is doing, as rune state for the header badge and the panel (no Dexie here). */
export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'signin_required' | 'error';

class SyncState {
	pending = $state(0);
	problems = $state(0);
	/** Ops other accounts made on this device: they wait for their own account's sign-in. */
	otherAccounts = $state(0);
	status = $state<SyncStatus>('idle');
	lastSyncedAt = $state<number | null>(null);
}

export const syncState = new SyncState();
