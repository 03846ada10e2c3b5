/**
 * Applies a device's pushed ops and answers per op. Exactly once: every op id is written to
 * the `ops` ledger in the same transaction as its effects, so an op seen again (a retry after a
 * lost answer, a duplicate) returns its first answer and changes nothing. The same id with a
 * different body is reported as a conflict, never applied.
 *
 * A batch runs in one transaction; if that transaction fails unexpectedly, each op is retried
 * in a transaction of its own, so one poison op is rejected alone and never blocks the queue.
 * Answers about the moment rather than the op (`server_error`, `clock_ahead`: see
 * RETRYABLE_REASONS) are not written to the ledger: the device sends the op again later and it
 * is then applied afresh.
 *
 * Speed: the ledger lookup and insert and the change feed take one statement per batch; the
 * entity work goes to each kind's applier a run of consecutive ops at a time, and the kinds a
 * backlog is made of (sessions, tallies) batch their reads and writes per run. A batch answers
 * and writes exactly what its ops pushed one per request would (push-batch-equivalence.test.ts).
 */
import { createHash } from 'node:crypto';
import type { Actor, CityScope } from '#lib/domain/policy.js';
import { decodeHlc, MAX_CLOCK_AHEAD_MS } from '#lib/domain/sync/hlc.js';
import { dependsOn, recordIdOf } from '#lib/domain/sync/op-records.js';
import {
	describeIssues,
	isRetryableReason,
	opSchema,
	PROTOCOL_VERSION,
	type Op,
	type OpResult,
	type PushResponse
} from '#lib/domain/sync/protocol.js';
import type { Database, Queryable } from '../db/database';
import type { CityInfo } from '../app-context';
import { appendChanges } from './change-feed';
import {
	oneByOne,
	rejected,
	type ApplyContext,
	type Outcome,
	type RunApplier
} from './apply-context';
import { applyIndicatorRecord } from './apply-indicator';
import { applyIndicatorEvaluate } from './apply-indicator-evaluation';
import { applyPlaceModerate, applyPlaceUpsert } from './apply-place';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import { applyMeetingUpsert, applyTeamRecord } from './apply-records';
import { applySessionRecords } from './apply-session-records';
import { applyTallySets } from './apply-tallies';

export interface PushContext {
	actor: Actor & CityScope;
	packs: ReadonlyMap<string, CityInfo>;
	plans?: ReadonlyMap<string, PlanPack>;
	/** The city of a city-wide record that names none (apply-context.ts). */
	defaultPackId?: string;
	now: number;
}

type Item = { op: Op; hash: string } | { invalid: OpResult };

/** Each kind's applier gets a run of consecutive ops of that kind (see `applyInRuns`). */
const APPLIERS: { [K in Op['kind']]: RunApplier<Extract<Op, { kind: K }>> } = {
	'place.upsert': oneByOne(applyPlaceUpsert),
	'place.moderate': oneByOne(applyPlaceModerate),
	'session.record': applySessionRecords,
	'meeting.upsert': oneByOne(applyMeetingUpsert),
	'tally.set': applyTallySets,
	'team.record': oneByOne(applyTeamRecord),
	'indicator.record': oneByOne(applyIndicatorRecord),
	'indicator.evaluate': oneByOne(applyIndicatorEvaluate)
};

/** JSON with sorted keys: the same op always hashes the same, whatever its key order. */
export function stableStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

function parseItem(raw: unknown, deviceId: string): Item {
	const opId =
		typeof (raw as { opId?: unknown })?.opId === 'string' ? (raw as { opId: string }).opId : '';
	const parsed = opSchema.safeParse(raw);
	if (!parsed.success) {
		return {
			invalid: {
				opId,
				status: 'rejected',
				reason: 'invalid_op',
				details: describeIssues(parsed.error)
			}
		};
	}
	if (parsed.data.deviceId !== deviceId) {
		return { invalid: { opId, status: 'rejected', reason: 'device_mismatch' } };
	}
	const hash = createHash('sha256').update(stableStringify(parsed.data)).digest('hex');
	return { op: parsed.data, hash };
}

type LedgerRow = {
	op_id: string;
	body_hash: string;
	status: OpResult['status'];
	reason: string | null;
	details: unknown;
};

/**
 * An op's answer, or (a number) the index of the earlier op of the batch with the same id and
 * body, whose answer is known once it is applied.
 */
type Answer = OpResult | number;

/** The first answers of the batch's op ids seen in an earlier request, by op id. */
async function ledgerAnswers(
	tx: Queryable,
	items: Item[]
): Promise<Map<string, { hash: string; answer: Answer }>> {
	const ids = items.flatMap((i) => ('op' in i ? [i.op.opId] : []));
	const seen = new Map<string, { hash: string; answer: Answer }>();
	if (ids.length === 0) return seen;
	const rows = await tx.query<LedgerRow>(
		'select op_id, body_hash, status, reason, details from ops where op_id = any($1::uuid[])',
		[ids]
	);
	for (const r of rows) {
		seen.set(r.op_id, {
			hash: r.body_hash,
			answer: {
				opId: r.op_id,
				status: r.status,
				...(r.reason ? { reason: r.reason as OpResult['reason'] } : {}),
				...(r.details != null ? { details: r.details } : {})
			}
		});
	}
	return seen;
}

/**
 * Applies new ops in order and answers each. Consecutive ops of one kind go to their applier
 * as one run, so a kind can batch its statements; a run ends where another kind begins, so an
 * op still sees everything the ops before it wrote (a session after the place.upsert that
 * registers its place). An op stamped by a clock far ahead is refused here without touching a
 * table, and does not end a run.
 */
async function applyInRuns(ctx: ApplyContext, ops: readonly Op[]): Promise<Outcome[]> {
	const outcomes: Outcome[] = new Array(ops.length);
	const live: number[] = [];
	for (const [i, op] of ops.entries()) {
		const wall = decodeHlc(op.at)?.wall ?? 0;
		if (wall > ctx.now + MAX_CLOCK_AHEAD_MS) {
			outcomes[i] = rejected('clock_ahead', { aheadMs: wall - ctx.now });
		} else live.push(i);
	}
	for (let start = 0; start < live.length;) {
		const kind = ops[live[start]!]!.kind;
		let end = start + 1;
		while (end < live.length && ops[live[end]!]!.kind === kind) end++;
		const run = live.slice(start, end);
		const applyRun = APPLIERS[kind] as RunApplier<Op>;
		const runOps = run.map((i) => ops[i]!);
		const runOutcomes = await applyRun(ctx, runOps);
		run.forEach((i, k) => (outcomes[i] = runOutcomes[k]!));
		start = end;
	}
	return outcomes;
}

async function applyItems(tx: Queryable, ctx: PushContext, items: Item[]): Promise<OpResult[]> {
	// Answers that need no entity table: invalid ops, and op ids seen before (in an earlier
	// request, or earlier in this batch). The rest (`fresh`) are new and applied in order.
	const seen = await ledgerAnswers(tx, items);
	const fresh: { op: Op; hash: string }[] = [];
	const answers: Answer[] = [];
	for (const item of items) {
		if ('invalid' in item) {
			answers.push(item.invalid);
			continue;
		}
		const { op, hash } = item;
		const previous = seen.get(op.opId);
		if (previous) {
			answers.push(
				previous.hash === hash
					? previous.answer
					: { opId: op.opId, status: 'conflict', reason: 'op_id_reused' }
			);
			continue;
		}
		seen.set(op.opId, { hash, answer: fresh.length });
		answers.push(fresh.length);
		fresh.push({ op, hash });
	}

	const applyCtx: ApplyContext = {
		tx,
		actor: ctx.actor,
		packs: ctx.packs,
		plans: ctx.plans,
		defaultPackId: ctx.defaultPackId,
		now: ctx.now
	};
	const freshOps = fresh.map((f) => f.op);
	const outcomes = await applyInRuns(applyCtx, freshOps);
	const ledger = fresh.map(({ op, hash }, i) => {
		const outcome = outcomes[i]!;
		const result: OpResult = {
			opId: op.opId,
			status: outcome.status,
			...(outcome.reason ? { reason: outcome.reason } : {}),
			...(outcome.details !== undefined ? { details: outcome.details } : {})
		};
		return { op, hash, result };
	});
	// A retryable answer is not the op's fate: no ledger entry, so it is applied when sent again.
	const final = ledger.filter((l) => !isRetryableReason(l.result.reason));
	if (final.length) {
		// One JSON document for the whole run: PostgreSQL parses it faster than ten array
		// literals the driver would first have to escape element by element.
		await tx.query(
			`insert into ops (op_id, body_hash, kind, entity_id, user_id, device_id, status, reason, details, body)
			 select t.op_id, t.body_hash, t.kind, t.entity_id, $2, t.device_id, t.status, t.reason,
			   t.details, t.body
			 from jsonb_to_recordset($1::jsonb) as t(op_id uuid, body_hash text, kind text,
			   entity_id text, device_id uuid, status text, reason text, details jsonb, body jsonb)`,
			[
				JSON.stringify(
					final.map((l) => ({
						op_id: l.op.opId,
						body_hash: l.hash,
						kind: l.op.kind,
						entity_id: recordIdOf(l.op),
						device_id: l.op.deviceId,
						status: l.result.status,
						reason: l.result.reason ?? null,
						details: l.result.details ?? null,
						body: l.op
					}))
				),
				ctx.actor.userId
			]
		);
	}
	// In op order: the feed numbers each entity where the batch first changed it.
	const changes = outcomes.flatMap((o) => o.changes);
	await appendChanges(tx, changes);
	return answers.map((a) => (typeof a === 'number' ? ledger[a]!.result : a));
}

export async function handlePush(
	db: Database,
	ctx: PushContext,
	request: { protocol?: PushResponse['protocol']; deviceId: string; ops: unknown[] }
): Promise<PushResponse> {
	// Push means the same in every supported protocol; the answer names the request's.
	const protocol = request.protocol ?? PROTOCOL_VERSION;
	const items = request.ops.map((raw) => parseItem(raw, request.deviceId));
	try {
		const results = await db.transaction((tx) => applyItems(tx, ctx, items));
		return { protocol, results };
	} catch (error) {
		console.error('push batch failed; isolating ops', error);
	}
	const results: OpResult[] = [];
	// Records whose op failed here: a later op that depends on one (a session of a salon whose
	// registration failed) is not applied on its own either — it would be refused for good
	// (`not_found`) — but answered as retryable too, to go again with the op it needs.
	const failed = new Set<string>();
	for (const item of items) {
		const opId = 'op' in item ? item.op.opId : item.invalid.opId;
		if ('op' in item && dependsOn(item.op).some((id) => failed.has(id))) {
			failed.add(recordIdOf(item.op));
			results.push({ opId, status: 'rejected', reason: 'server_error' });
			continue;
		}
		try {
			const [result] = await db.transaction((tx) => applyItems(tx, ctx, [item]));
			if ('op' in item && isRetryableReason(result!.reason)) failed.add(recordIdOf(item.op));
			results.push(result!);
		} catch (error) {
			console.error('op failed on its own', error);
			if ('op' in item) failed.add(recordIdOf(item.op));
			results.push({ opId, status: 'rejected', reason: 'server_error' });
		}
	}
	return { protocol, results };
}
