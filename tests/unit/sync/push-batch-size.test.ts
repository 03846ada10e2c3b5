/**
 * A push request must fit the server's body limit (MAX_BODY_BYTES), not only its op count: a
 * coordinator's tally names up to 50 organisations of 200 characters, so twenty saves of one
 * long tally weigh more than 512 KiB. Before the fix the runner cut batches by count only, the
 * server answered 413 and the same batch went again forever. Now batches are cut by encoded
 * size too, a 413 halves the batch, and an op too large on its own is refused on the phone
 * (kept, exportable) instead of blocking the queue.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { saveMeeting, saveTally, type Writer } from '#lib/client/db/local-writes.js';
import type { OutboxRow } from '#lib/client/db/ibasho-db.js';
import {
	opBytes,
	planBatch,
	PUSH_OPS_BUDGET,
	type BatchOptions
} from '#lib/client/sync/outbox-batches.js';
import {
	exportUnsent,
	SyncError,
	syncOnce,
	type SyncTransport
} from '#lib/client/sync/sync-runner.js';
import { MAX_BODY_BYTES, MAX_OPS_PER_PUSH, type Op } from '#lib/domain/sync/protocol.js';
import { meetingFields, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('push-batch-size', { coordinator: ['coordinator', ['sakae']] });

/** The server's limit as the HTTP layer enforces it: a larger body is answered 413. */
function bodyLimit(inner: SyncTransport, maxBytes: number, sizes: number[] = []): SyncTransport {
	return {
		push: async (request) => {
			const bytes = new TextEncoder().encode(JSON.stringify(request)).byteLength;
			sizes.push(bytes);
			if (bytes > maxBytes) throw new SyncError('too_large', `${bytes} bytes`);
			return inner.push(request);
		},
		pull: inner.pull
	};
}

/** Fifty organisations of 200 characters (generated text): a tally op of about 30 KB. */
const longOrganisations = (n: number) =>
	Array.from({ length: 50 }, (_, i) =>
		`${'テスト用の団体名（生成）'.repeat(17)}${n}-${i}`.slice(-200)
	);

async function longTallies(w: Writer, count: number) {
	const meeting = await saveMeeting(w, null, meetingFields(['sakae']));
	for (let n = 1; n <= count; n++) {
		await saveTally(w, meeting.meetingId, { residents: n }, longOrganisations(n));
	}
	return meeting.meetingId;
}

const tallyVersion = async (meetingId: string) =>
	(
		await f.ctx.db.query<{ version: number }>('select version from tallies where meeting_id = $1', [
			meetingId
		])
	).map((r) => r.version);

describe('batches cut by size', () => {
	it('twenty long tallies (over 512 KiB) go out in requests the server accepts', async () => {
		const { coordinator } = f.accounts;
		const phone = f.device();
		const meetingId = await longTallies(f.writer(phone, coordinator), 20);
		const ops = (await phone.outbox.toArray()).map((r) => r.op);
		expect(ops.reduce((n, op) => n + opBytes(op), 0)).toBeGreaterThan(MAX_BODY_BYTES);

		const sizes: number[] = [];
		const server = bodyLimit(f.server(coordinator), MAX_BODY_BYTES, sizes);
		const report = await syncOnce(phone, server, { userId: coordinator.userId });
		expect(report.pushed).toBe(21);
		expect(sizes.length).toBeGreaterThan(1);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_BODY_BYTES);
		expect(await phone.outbox.count()).toBe(0);
		expect(await tallyVersion(meetingId)).toEqual([20]);
	});

	it('a 413 splits the batch until it fits; an op too large alone is refused on the phone', async () => {
		const { coordinator } = f.accounts;
		// A proxy in front of the server with a lower limit than the app knows: 64 KB, so two
		// long tallies fit in a request but not twenty.
		const phone = f.device('proxy');
		const meetingId = await longTallies(f.writer(phone, coordinator), 6);
		const sizes: number[] = [];
		const proxy = bodyLimit(f.server(coordinator), 64_000, sizes);
		const report = await syncOnce(phone, proxy, { userId: coordinator.userId });
		expect(report.pushed).toBe(7);
		expect(sizes.filter((s) => s <= 64_000).length).toBeGreaterThan(1);
		expect(await phone.outbox.count()).toBe(0);
		expect(await tallyVersion(meetingId)).toEqual([6]);

		// Behind a 16 KB limit no long tally can ever go: each is refused on the phone, with
		// its reason, and the queue goes on (the meeting, small, is sent).
		const small = f.device('tiny-proxy');
		const refused = await longTallies(f.writer(small, coordinator), 2);
		const tiny = bodyLimit(f.server(coordinator), 16_000);
		const second = await syncOnce(small, tiny, { userId: coordinator.userId });
		expect(second).toMatchObject({ pushed: 1, rejected: 2 });
		const left = await small.outbox.toArray();
		expect(left.map((r) => [r.op.kind, r.status, r.reason])).toEqual([
			['tally.set', 'rejected', 'op_too_large'],
			['tally.set', 'rejected', 'op_too_large']
		]);
		const mine = await small.tallies.where('meetingId').equals(refused).toArray();
		expect(mine.map((t) => t.syncState)).toEqual(['rejected']);
		// Still exportable, nothing lost.
		expect((await exportUnsent(small)).ops.map((r) => r.opId)).toEqual(left.map((r) => r.opId));
	});
});

describe('planBatch', () => {
	const opts: BatchOptions = {
		now: 1_000,
		force: false,
		maxBytes: PUSH_OPS_BUDGET,
		maxOps: MAX_OPS_PER_PUSH
	};
	let seq = 0;
	const row = (op: Partial<Op> & { kind: Op['kind'] }, extra: Partial<OutboxRow> = {}) => {
		seq += 1;
		return {
			seq,
			opId: `op-${seq}`,
			op: op as Op,
			entity: 'session',
			entityId: String(seq),
			userId: 'u',
			status: 'pending',
			createdAt: 0,
			...extra
		} as OutboxRow;
	};
	const session = (sessionId: string, placeId: string, pad = 0, extra: Partial<OutboxRow> = {}) =>
		row({ kind: 'session.record', sessionId, placeId, date: 'x'.repeat(pad) } as Op, extra);

	it('stops at the op count and at the byte budget, never reordering', () => {
		const many = Array.from({ length: 250 }, (_, i) => session(`s${i}`, 'p'));
		expect(planBatch(many, new Set(), opts).batch).toHaveLength(MAX_OPS_PER_PUSH);
		const heavy = Array.from({ length: 10 }, (_, i) => session(`h${i}`, 'p', 100_000));
		const plan = planBatch(heavy, new Set(), opts);
		expect(plan.batch.map((r) => r.op)).toEqual(heavy.slice(0, 5).map((r) => r.op));
		expect(plan.lastSeq).toBe(heavy[4]!.seq);
		// A lowered budget still sends the first op that fits the server's limit.
		expect(planBatch(heavy, new Set(), { ...opts, maxBytes: 10 }).batch).toHaveLength(1);
	});

	it('lists an op over the limit on its own as too large, and goes on', () => {
		const rows = [session('a', 'p'), session('big', 'p', MAX_BODY_BYTES), session('b', 'p')];
		const plan = planBatch(rows, new Set(), opts);
		expect(plan.tooLarge.map((r) => r.opId)).toEqual([rows[1]!.opId]);
		expect(plan.batch.map((r) => r.opId)).toEqual([rows[0]!.opId, rows[2]!.opId]);
	});

	it('holds back ops waiting for a retry, and later ops on the same record or its salon', () => {
		const placeOp = row({ kind: 'place.upsert', placeId: 'p' } as Op, { retryAt: 5_000 });
		const atPlace = session('s1', 'p');
		const sameSession = session('s1', 'q');
		const elsewhere = session('s2', 'q');
		const rows = [placeOp, atPlace, sameSession, elsewhere];
		const held = new Set<string>();
		expect(planBatch(rows, held, opts).batch).toEqual([elsewhere]);
		expect([...held].sort()).toEqual(['p', 's1']);
		// Once due (or when the person asks to send now), they all go, in order.
		expect(planBatch(rows, new Set(), { ...opts, now: 5_000 }).batch).toEqual(rows);
		expect(planBatch(rows, new Set(), { ...opts, force: true }).batch).toEqual(rows);
	});
});
