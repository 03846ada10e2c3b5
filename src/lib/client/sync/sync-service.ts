/**
 * When and how the page syncs: on start, the moment the app is back online, when the app comes
 * back to the foreground, shortly after each edit, when the server says something newer may be
 * read (live-notices.ts: server-sent events while online), every few minutes (the fallback when
 * the live notices cannot get through, e.g. a proxy that buffers them), and on demand
 * ("今すぐ送信"). While the app is offline (connectivity.svelte.ts: what it observed) nothing is
 * sent but on demand: its heartbeat decides when the network is back, and sync follows at once.
 * One tab at a time (navigator.locks); the others follow the same IndexedDB through liveQuery.
 */
import { canEnterIndicators } from '#lib/domain/policy.js';
import { accountState } from '../account-state.svelte';
import { connectivity } from '../connectivity.svelte';
import { syncThisDevice } from '../db/device-sync';
import { followOutboxCounts, noteSynced } from '../db/this-device';
import { httpTransport } from './http-transport';
import { LiveNotices } from './live-notices';
import { SyncError } from './sync-runner';
import { syncState } from './sync-state.svelte';

const LOCK = 'ibasho-sync';
/** One tab listens for live notices (a browser allows few open connections per server). */
const LIVE_LOCK = 'ibasho-live';
const PERIOD_MS = 3 * 60_000;
const AFTER_EDIT_MS = 800;
/** After a failed send: retry soon, then less often (a network that just came back flickers). */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = RETRY_FIRST_MS;
let opRetryTimer: ReturnType<typeof setTimeout> | undefined;

/** The running sync: the account it counts the outbox for, and how to stop it. */
let running: { userId: string; stop: () => void } | null = null;

/**
 * Starts sync for the account signed in (after boot found one, or right after signing in).
 * Called again — a new sign-in, also after a session expired — it follows the account now
 * signed in and sends at once: the queue waiting for that sign-in goes out.
 */
export function ensureSyncStarted(): () => void {
	const userId = accountState.account?.userId;
	if (running && running.userId !== userId) {
		running.stop();
		running = null;
	}
	if (userId && !running) {
		running = { userId, stop: startSync(userId) };
		// Staff may lose the signal right after signing in: their plan is kept on the device now.
		const account = accountState.account;
		if (account && canEnterIndicators(account)) {
			void import('../plan-data').then((m) => m.keepPlanCopy());
		}
	} else if (running) {
		if (syncState.status === 'signin_required') syncState.status = 'idle';
		void syncNow();
	}
	return () => {
		running?.stop();
		running = null;
	};
}

/** Stops syncing (the person signed out); what they left unsent stays for their next sign-in. */
export function stopSync() {
	running?.stop();
	running = null;
	syncState.pending = 0;
	syncState.problems = 0;
	syncState.status = 'idle';
}

/** Starts following the account's outbox and the triggers; returns the stop function. */
function startSync(userId: string): () => void {
	syncState.status = 'idle';
	const stopCounts = followOutboxCounts(
		userId,
		(c) => {
			syncState.pending = c.pending;
			syncState.problems = c.problems;
			syncState.otherAccounts = c.otherAccounts;
		},
		(e) => console.error(e)
	);
	const stopFollowing = connectivity.onChange((online) => {
		if (online) void syncNow();
		else if (syncState.status === 'idle' || syncState.status === 'error')
			syncState.status = 'offline';
	});
	const onVisible = () => document.visibilityState === 'visible' && void syncNow();
	document.addEventListener('visibilitychange', onVisible);
	const interval = setInterval(
		() => document.visibilityState === 'visible' && void syncNow(),
		PERIOD_MS
	);
	const stopLive = followLiveNotices();
	void syncNow();
	return () => {
		stopCounts();
		stopFollowing();
		stopLive();
		document.removeEventListener('visibilitychange', onVisible);
		clearInterval(interval);
		clearTimeout(timer);
		clearTimeout(retryTimer);
		clearTimeout(opRetryTimer);
	};
}

/**
 * Listens for live notices in one tab at a time: the tab holding LIVE_LOCK listens and syncs,
 * the others follow the same IndexedDB through liveQuery; when it closes, the next one takes over.
 */
function followLiveNotices(): () => void {
	const notices = new LiveNotices({ connectivity, onNotice: syncOnNotice });
	if (!navigator.locks) return notices.start();
	const abort = new AbortController();
	let stop = () => {};
	let release = () => {};
	navigator.locks
		.request(
			LIVE_LOCK,
			{ signal: abort.signal },
			() =>
				new Promise<void>((resolve) => {
					stop = notices.start();
					release = resolve;
				})
		)
		.catch(() => {
			// aborted while waiting: this page stopped syncing before its turn came
		});
	return () => {
		abort.abort();
		stop();
		release();
	};
}

/** A notice waiting for the running pass to end: later notices need no pass of their own. */
let noticeWaiting = false;

/**
 * A live notice: pull now. A pass already running may have read the feed before the notice's
 * change committed, so the notice waits for it and runs one more (never skipped, as syncNow
 * skips when a pass holds the lock).
 */
function syncOnNotice() {
	if (noticeWaiting) return;
	noticeWaiting = true;
	void syncNow({ wait: true, onStart: () => (noticeWaiting = false) });
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

/** A sync when the earliest op waiting after a retryable answer is due. */
function scheduleOpRetry(at: number | null) {
	clearTimeout(opRetryTimer);
	if (at === null) return;
	// Not before a second from now (a retry time already past: the next pass takes it anyway).
	opRetryTimer = setTimeout(() => void syncNow(), Math.max(1_000, at - Date.now()));
}

/**
 * One pass for the account signed in. `force` (the person pressed 今すぐ送信) also sends the ops
 * waiting after a retryable answer, without waiting for their time.
 */
export async function syncNow(
	options: { force?: boolean; wait?: boolean; onStart?: () => void } = {}
): Promise<void> {
	const account = accountState.account;
	if (!account) return options.onStart?.();
	// Offline, a request would only fail: the return of the network starts the next pass.
	if (!connectivity.online && !options.force) {
		if (syncState.status !== 'signin_required') syncState.status = 'offline';
		return options.onStart?.();
	}
	const run = async () => {
		options.onStart?.();
		syncState.status = 'syncing';
		try {
			const report = await syncThisDevice(httpTransport, {
				userId: account.userId,
				force: options.force ?? false
			});
			syncState.status = 'idle';
			syncState.lastSyncedAt = Date.now();
			// Kept on the device: an offline report says how old its figures may be.
			void noteSynced(syncState.lastSyncedAt).catch(console.error);
			retryDelay = RETRY_FIRST_MS;
			scheduleOpRetry(report.nextRetryAt);
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
	// Another pass holding the lock is syncing the same database: nothing to do here, unless
	// asked to wait for it (a live notice of a change that pass may have missed).
	if (navigator.locks && options.wait) {
		await navigator.locks.request(LOCK, run);
	} else if (navigator.locks) {
		await navigator.locks.request(LOCK, { ifAvailable: true }, (lock) =>
			lock ? run() : undefined
		);
	} else {
		await run();
	}
}
