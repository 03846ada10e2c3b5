/** What the sync is doing, as rune state for the header badge and the panel (no Dexie here). */
export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'signin_required' | 'error';

class SyncState {
	pending = $state(0);
	problems = $state(0);
	status = $state<SyncStatus>('idle');
	lastSyncedAt = $state<number | null>(null);
}

export const syncState = new SyncState();
