/**
 * One sync pass for one device and the account signed in on it: push that account's outbox,
 * then pull what changed. Framework-free and transport-agnostic, so the same code runs in the
 * page (fetch) and in the convergence tests (an in-process server behind a faulty transport).
 *
 * - Push sends the account's pending ops in the order they were made, in batches cut by count
 *   and by encoded size (outbox-batches.ts). Ops another account made on this device stay in
 *   the outbox until that account signs in: the server records who did what by the session
 *   that sends it. An answer is applied in one transaction: applied ops leave the outbox;
 *   finally rejected and conflicting ones stay, marked, for the person to see; ops answered
 *   with a retryable reason stay pending and wait, with back-off, before they go again. A lost
 *   answer means the ops are sent again: the server's ledger makes that harmless.
 * - Pull applies each page and advances the cursor in the same transaction, only after the
 *   page is applied. Local edits not yet acknowledged are merged over what the server sent
 *   (per-field clocks), so a pull never hides an edit a person just made.
 *
 * What touches the device's tables is in ../db/sync-store.ts; this module decides.
 */
import {
	MAX_OPS_PER_PUSH,
	PROTOCOL_VERSION,
	type PullAnswer,
	type PullRequest,
	type PushAnswer
} from '#lib/domain/sync/protocol.js';
import { recordIdOf } from '#lib/domain/sync/op-records.js';
import { deviceId as getDeviceId, readPullState } from '../db/device-state';
import type { IbashoDb } from '../db/ibasho-db';
import {
	applyPullPage,
	applyPushResults,
	nextRetryAt,
	pendingOf,
	refuseTooLarge
} from '../db/sync-store';
import { batchBytes, planBatch, PUSH_OPS_BUDGET, retryDelay } from './outbox-batches';

export { exportUnsent } from '../db/sync-store';

export interface SyncTransport {
	push(request: {
		protocol: typeof PROTOCOL_VERSION;
		deviceId: string;
		ops: unknown[];
	}): Promise<PushAnswer>;
	pull(request: PullRequest): Promise<PullAnswer>;
}

/** Why a pass stopped early (or a request failed); the queue is always kept. */
export class SyncError extends Error {
	constructor(
		readonly kind: 'offline' | 'signin_required' | 'server' | 'protocol' | 'too_large',
		message: string
	) {
		super(message);
	}
}

export interface SyncOptions {
	/** The account signed in: only its ops are sent. */
	userId: string;
	/** Also send ops still waiting for their retry time (the person pressed 送信). */
	force?: boolean;
	now?: () => number;
}

export interface SyncReport {
	pushed: number;
	rejected: number;
	/** Ops answered with a retryable reason in this pass: pending, to go again later. */
	retrying: number;
	pulled: number;
	/** When the earliest op of the account waiting for a retry may go (none waiting: null). */
	nextRetryAt: number | null;
}

export const PULL_PAGE = 500;
/** Pending rows read at a time while planning batches. */
const OUTBOX_WINDOW = 2 * MAX_OPS_PER_PUSH;

export async function syncOnce(
	db: IbashoDb,
	transport: SyncTransport,
	options: SyncOptions
): Promise<SyncReport> {
	const report: SyncReport = { pushed: 0, rejected: 0, retrying: 0, pulled: 0, nextRetryAt: null };
	const now = options.now ?? Date.now;
	const device = await getDeviceId(db);
	// Records whose ops wait for a retry in this pass: later ops on them wait too.
	const held = new Set<string>();
	let afterSeq = 0;
	let maxBytes = PUSH_OPS_BUDGET;
	for (;;) {
		const rows = await pendingOf(db, options.userId, afterSeq, OUTBOX_WINDOW);
		if (rows.length === 0) break;
		const plan = planBatch(rows, held, {
			now: now(),
			force: options.force ?? false,
			maxBytes,
			maxOps: MAX_OPS_PER_PUSH
		});
		if (plan.tooLarge.length)
			report.rejected += await refuseTooLarge(db, plan.tooLarge, PUSH_OPS_BUDGET);
		const { batch } = plan;
		if (batch.length === 0) {
			afterSeq = plan.lastSeq!;
			continue;
		}
		let response: PushAnswer;
		try {
			response = await transport.push({
				protocol: PROTOCOL_VERSION,
				deviceId: device,
				ops: batch.map((b) => b.op)
			});
		} catch (error) {
			if (!(error instanceof SyncError && error.kind === 'too_large')) throw error;
			// The server found the body too large after all (a proxy with a lower limit, say):
			// send half as much; an op that cannot go even alone is refused on the device.
			if (batch.length === 1) report.rejected += await refuseTooLarge(db, batch, PUSH_OPS_BUDGET);
			else maxBytes = Math.floor(batchBytes(batch) / 2);
			continue;
		}
		if (response.protocol !== PROTOCOL_VERSION)
			throw new SyncError('protocol', 'protocol mismatch');
		const sentAt = now();
		const counts = await applyPushResults(
			db,
			batch,
			response.results,
			(attempts) => sentAt + retryDelay(attempts)
		);
		report.pushed += counts.applied;
		report.rejected += counts.rejected;
		report.retrying += counts.retrying;
		for (const row of counts.retried) held.add(recordIdOf(row.op));
		if (counts.applied + counts.rejected + counts.retrying === 0) break; // nothing answered: do not spin
		afterSeq = plan.lastSeq!;
	}
	report.nextRetryAt = await nextRetryAt(db, options.userId);
	for (;;) {
		const { cursor, view, resyncFrom } = await readPullState(db);
		const page = await transport.pull({
			since: cursor,
			limit: PULL_PAGE,
			...(view === undefined ? {} : { view }),
			// Re-pulling from 0 after a reset: below the purge line that reset was issued for.
			...(resyncFrom === null ? {} : { resync: true, purgedThrough: resyncFrom })
		});
		if (page.protocol !== PROTOCOL_VERSION) throw new SyncError('protocol', 'protocol mismatch');
		await applyPullPage(db, device, page);
		report.pulled += page.changes.length;
		if (!page.hasMore) break;
	}
	return report;
}
