/**
 * Applies a device's pushed ops and answers per op. Exactly once: every op id is written to
 * the `ops` ledger in the same transaction as its effects, so an op seen again (a retry after a
 * lost answer, a duplicate) returns its first answer and changes nothing. The same id with a
 * different body is reported as a conflict, never applied.
 *
 * A batch runs in one transaction; if that transaction fails unexpectedly, each op is retried
 * in a transaction of its own, so one poison op is rejected alone and never blocks the queue.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '$lib/domain/policy';
import { decodeHlc, MAX_CLOCK_AHEAD_MS } from '$lib/domain/sync/hlc';
import {
	describeIssues,
	opSchema,
	PROTOCOL_VERSION,
	type Op,
	type OpResult,
	type PushResponse
} from '$lib/domain/sync/protocol';
import type { Database, Queryable } from '../db/database';
import type { LoadedPack } from '../app-context';
import { appendChanges, type ChangeRow } from './change-feed';
import type { ApplyContext, Outcome } from './apply-context';
import { applyIndicatorRecord } from './apply-indicator';
import { applyPlaceModerate, applyPlaceUpsert } from './apply-place';
import type { PlanPack } from '$lib/domain/indicators/model';
import {
	applyMeetingUpsert,
	applySessionRecord,
	applyTallySet,
	applyTeamRecord
} from './apply-records';

export interface PushContext {
	actor: Actor;
	packs: ReadonlyMap<string, LoadedPack>;
	plans?: ReadonlyMap<string, PlanPack>;
	now: number;
}

type Item = { op: Op; hash: string } | { invalid: OpResult };

const APPLIERS: {
	[K in Op['kind']]: (ctx: ApplyContext, op: Extract<Op, { kind: K }>) => Promise<Outcome>;
} = {
	'place.upsert': applyPlaceUpsert,
	'place.moderate': applyPlaceModerate,
	'session.record': applySessionRecord,
	'meeting.upsert': applyMeetingUpsert,
	'tally.set': applyTallySet,
	'team.record': applyTeamRecord,
	'indicator.record': applyIndicatorRecord
};

const entityIdOf = (op: Op): string => {
	switch (op.kind) {
		case 'place.upsert':
		case 'place.moderate':
			return op.placeId;
		case 'session.record':
			return op.sessionId;
		case 'meeting.upsert':
			return op.meetingId;
		case 'tally.set':
			return op.tallyId;
		case 'team.record':
			return op.teamId;
		case 'indicator.record':
			return op.entryId;
	}
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

async function applyItems(tx: Queryable, ctx: PushContext, items: Item[]): Promise<OpResult[]> {
	const ids = items.flatMap((i) => ('op' in i ? [i.op.opId] : []));
	const seen = new Map<string, { hash: string; result: OpResult }>();
	if (ids.length) {
		const rows = await tx.query<{
			op_id: string;
			body_hash: string;
			status: OpResult['status'];
			reason: string | null;
			details: unknown;
		}>('select op_id, body_hash, status, reason, details from ops where op_id = any($1::uuid[])', [
			ids
		]);
		for (const r of rows) {
			seen.set(r.op_id, {
				hash: r.body_hash,
				result: {
					opId: r.op_id,
					status: r.status,
					...(r.reason ? { reason: r.reason as OpResult['reason'] } : {}),
					...(r.details != null ? { details: r.details } : {})
				}
			});
		}
	}
	const applyCtx: ApplyContext = {
		tx,
		actor: ctx.actor,
		packs: ctx.packs,
		plans: ctx.plans,
		now: ctx.now
	};
	const results: OpResult[] = [];
	const ledger: { op: Op; hash: string; result: OpResult }[] = [];
	const changes: ChangeRow[] = [];
	for (const item of items) {
		if ('invalid' in item) {
			results.push(item.invalid);
			continue;
		}
		const { op, hash } = item;
		const previous = seen.get(op.opId);
		if (previous) {
			results.push(
				previous.hash === hash
					? previous.result
					: { opId: op.opId, status: 'conflict', reason: 'op_id_reused' }
			);
			continue;
		}
		let outcome: Outcome;
		const wall = decodeHlc(op.at)?.wall ?? 0;
		if (wall > ctx.now + MAX_CLOCK_AHEAD_MS) {
			outcome = {
				status: 'rejected',
				reason: 'clock_ahead',
				details: { aheadMs: wall - ctx.now },
				changes: []
			};
		} else {
			outcome = await (APPLIERS[op.kind] as (c: ApplyContext, o: Op) => Promise<Outcome>)(
				applyCtx,
				op
			);
		}
		const result: OpResult = {
			opId: op.opId,
			status: outcome.status,
			...(outcome.reason ? { reason: outcome.reason } : {}),
			...(outcome.details !== undefined ? { details: outcome.details } : {})
		};
		results.push(result);
		ledger.push({ op, hash, result });
		seen.set(op.opId, { hash, result });
		changes.push(...outcome.changes);
	}
	if (ledger.length) {
		await tx.query(
			`insert into ops (op_id, body_hash, kind, entity_id, user_id, device_id, status, reason, details, body)
			 select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[],
			   $7::text[], $8::text[], $9::jsonb[], $10::jsonb[])`,
			[
				ledger.map((l) => l.op.opId),
				ledger.map((l) => l.hash),
				ledger.map((l) => l.op.kind),
				ledger.map((l) => entityIdOf(l.op)),
				ledger.map(() => ctx.actor.userId),
				ledger.map((l) => l.op.deviceId),
				ledger.map((l) => l.result.status),
				ledger.map((l) => l.result.reason ?? null),
				ledger.map((l) =>
					l.result.details === undefined ? null : JSON.stringify(l.result.details)
				),
				ledger.map((l) => JSON.stringify(l.op))
			]
		);
	}
	await appendChanges(tx, changes);
	return results;
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
	for (const item of items) {
		try {
			results.push(...(await db.transaction((tx) => applyItems(tx, ctx, [item]))));
		} catch (error) {
			console.error('op failed on its own', error);
			const opId = 'op' in item ? item.op.opId : item.invalid.opId;
			results.push({ opId, status: 'rejected', reason: 'server_error' });
		}
	}
	return { protocol, results };
}
