/**
 * When and how the page syncs: on start, when the network returns, when the app comes back to
 * the foreground, shortly after each edit, every few minutes, and on demand ("今すぐ送信").
 * One tab at a time (navigator.locks); the others follow the same IndexedDB through liveQuery.
 */
import { accountState } from '../account-state.svelte';
import { clientDb } from '../db/ibasho-db';
import { observeOutboxCounts } from '../db/record-queries';
import { httpTransport } from './http-transport';
import { SyncError, syncOnce } from './sync-runner';
import { syncState } from './sync-state.svelte';

const LOCK = 'ibasho-sync';
const PERIOD_MS = 3 * 60_000;
const AFTER_EDIT_MS = 800;
/** After a failed send: retry soon, then less often (a network that just came back flickers). */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = RETRY_FIRST_MS;

let stopRunning: (() => void) | null = null;

/** Starts sync once per page (after boot found an account, or right after signing in). */
export function ensureSyncStarted(): () => void {
	stopRunning ??= startSync();
	return () => {
		stopRunning?.();
		stopRunning = null;
	};
}

/** Starts following the outbox and the triggers; returns the stop function. */
function startSync(): () => void {
	const counts = observeOutboxCounts(clientDb()).subscribe({
		next: (c) => {
			syncState.pending = c.pending;
			syncState.problems = c.problems;
		},
		error: (e) => console.error(e)
	});
	const onOnline = () => void syncNow();
	const onVisible = () => document.visibilityState === 'visible' && void syncNow();
	addEventListener('online', onOnline);
	document.addEventListener('visibilitychange', onVisible);
	const interval = setInterval(
		() => document.visibilityState === 'visible' && void syncNow(),
		PERIOD_MS
	);
	void syncNow();
	return () => {
		counts.unsubscribe();
		removeEventListener('online', onOnline);
		document.removeEventListener('visibilitychange', onVisible);
		clearInterval(interval);
		clearTimeout(timer);
		clearTimeout(retryTimer);
	};
}

/** After an edit: wait a moment so a burst of taps goes out as one request. */
export function syncSoon() {
	clearTimeout(timer);
	timer = setTimeout(() => void syncNow(), AFTER_EDIT_MS);
}

function scheduleRetry() {
	clearTimeout(retryTimer);
	retryTimer = setTimeout(() => void syncNow(), retryDelay);
	retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
}

export async function syncNow(): Promise<void> {
	if (!accountState.account) return;
	const run = async () => {
		syncState.status = 'syncing';
		try {
			await syncOnce(clientDb(), httpTransport);
			syncState.status = 'idle';
			syncState.lastSyncedAt = Date.now();
			retryDelay = RETRY_FIRST_MS;
		} catch (error) {
			if (error instanceof SyncError && error.kind === 'signin_required') {
				accountState.sessionExpired = true;
				syncState.status = 'signin_required';
			} else if (error instanceof SyncError && error.kind === 'offline') {
				syncState.status = 'offline';
			} else {
				console.error(error);
				syncState.status = 'error';
			}
			if (syncState.status !== 'signin_required') scheduleRetry();
		}
	};
	// Another tab holding the lock is syncing the same database: nothing to do here.
	if (navigator.locks) {
		await navigator.locks.request(LOCK, { ifAvailable: true }, (lock) =>
			lock ? run() : undefined
		);
	} else {
		await run();
	}
}
