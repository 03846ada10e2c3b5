/**
 * Which of an account's pending ops go out in the next push request, in the order they were
 * made: at most MAX_OPS_PER_PUSH of them and never more bytes than the server reads
 * (MAX_BODY_BYTES), holding back ops waiting to be sent again after a retryable answer and
 * every later op that depends on them. Pure: the runner reads the outbox and writes the answers.
 */
import { dependsOn, recordIdOf } from '#lib/domain/sync/op-records.js';
import { MAX_BODY_BYTES, type Op } from '#lib/domain/sync/protocol.js';
import type { OutboxRow } from '../db/ibasho-db';

/**
 * Bytes left for the ops in a push body: the envelope (`{"protocol":2,"deviceId":"…","ops":[]}`,
 * under 100 bytes) has a generous allowance, so a request never reaches the server's limit.
 */
export const PUSH_OPS_BUDGET = MAX_BODY_BYTES - 1024;

/** After a retryable answer: wait 30 s, then twice as long each time, up to 30 minutes. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 30 * 60_000;
export const retryDelay = (attempts: number): number =>
	Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);

const encoder = new TextEncoder();
/** The op's size in the request body (UTF-8 JSON; Japanese text is 3 bytes a character). */
export const opBytes = (op: Op): number => encoder.encode(JSON.stringify(op)).byteLength;

export interface BatchOptions {
	now: number;
	/** Send ops waiting for their retry time too (the person asked to send now). */
	force: boolean;
	/** Bytes this batch may take (lowered after the server answered 413 to a larger one). */
	maxBytes: number;
	maxOps: number;
}

export interface BatchPlan {
	/** The ops to send, in order. */
	batch: OutboxRow[];
	/** Ops that alone exceed the server's limit: they can never be sent (refused on the device). */
	tooLarge: OutboxRow[];
	/** The seq of the last row this plan dealt with (sent, held back or too large). */
	lastSeq: number | undefined;
}

/** Whether a row waits: its retry time has not come, or an earlier op it depends on waits. */
function isHeld(row: OutboxRow, held: ReadonlySet<string>, opts: BatchOptions): boolean {
	if (!opts.force && row.retryAt !== undefined && row.retryAt > opts.now) return true;
	return dependsOn(row.op).some((id) => held.has(id));
}

/**
 * Plans the next push from `rows` (pending, in seq order). `held` carries the record ids of ops
 * held back earlier in this pass, and gains those of the ops held back here: a later op on the
 * same record (or a session of a salon whose registration waits) waits too, so it cannot reach
 * the server before what it needs and be refused for good.
 *
 * The batch always takes its first op when it fits the server's limit, however low `maxBytes`
 * has been set; an op over the limit on its own is listed in `tooLarge`.
 */
export function planBatch(
	rows: readonly OutboxRow[],
	held: Set<string>,
	opts: BatchOptions
): BatchPlan {
	const batch: OutboxRow[] = [];
	const tooLarge: OutboxRow[] = [];
	let bytes = 0;
	let lastSeq: number | undefined;
	for (const row of rows) {
		if (isHeld(row, held, opts)) {
			held.add(recordIdOf(row.op));
			lastSeq = row.seq;
			continue;
		}
		const size = opBytes(row.op) + 1; // and its comma
		if (size > PUSH_OPS_BUDGET) {
			tooLarge.push(row);
			lastSeq = row.seq;
			continue;
		}
		if (batch.length > 0 && (batch.length >= opts.maxOps || bytes + size > opts.maxBytes)) break;
		batch.push(row);
		bytes += size;
		lastSeq = row.seq;
	}
	return { batch, tooLarge, lastSeq };
}

/** The bytes a batch's ops take in the body. */
export const batchBytes = (rows: readonly OutboxRow[]): number =>
	rows.reduce((n, r) => n + opBytes(r.op) + 1, 0);
