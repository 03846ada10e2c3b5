/**
 * Answers about the moment are not an op's fate. A server failure (`server_error`) or a phone
 * clock far ahead (`clock_ahead`) used to be final: the phone marked the op rejected for good
 * and the server kept the refusal in its ledger, so a resend got the same answer. Now the op
 * stays pending, waits (back-off) with its reason shown, and goes through once the moment has
 * passed — exactly once. Ops that depend on a waiting op wait with it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recordSession, registerPlace } from '#lib/client/db/local-writes.js';
import { exportUnsent, syncOnce, type SyncTransport } from '#lib/client/sync/sync-runner.js';
import { RETRY_BASE_MS } from '#lib/client/sync/outbox-batches.js';
import { inProcessTransport } from './in-process-transport';
import { salonFields, sessionInput, useSyncFixture } from './sync-fixture';

// The fast phone's account is its own: the stamps of its salon, accepted by a server whose
// clock is made to catch up, would otherwise move the other phones' clocks ahead when they pull.
const f = useSyncFixture('retryable-answers', { organizer: 'organizer', fast: 'organizer' });
const HOUR = 3600_000;

/** Counts the ops pushed through `inner`. */
function counting(inner: SyncTransport) {
	const sent: string[] = [];
	const transport: SyncTransport = {
		push: (request) => {
			sent.push(...request.ops.map((op) => (op as { opId: string }).opId));
			return inner.push(request);
		},
		pull: inner.pull
	};
	return { transport, sent };
}

const placesNamed = async (id: string) =>
	(await f.ctx.db.query('select 1 from places where id = $1', [id])).length;

describe('a phone whose clock is three hours fast', () => {
	it('keeps the op pending, says why, and sends it once time has caught up', async () => {
		const { fast: organizer } = f.accounts;
		const phone = f.device('fast-clock');
		const skew = Date.now() + 3 * HOUR;
		const w = { ...f.writer(phone, organizer), now: () => skew };
		const salon = await registerPlace(w, 'tsurugashima', salonFields('fuji'));

		const today = counting(f.server(organizer));
		const report = await syncOnce(phone, today.transport, { userId: organizer.userId });
		expect(report).toMatchObject({ pushed: 0, rejected: 0, retrying: 1 });
		const [row] = await phone.outbox.toArray();
		expect(row).toMatchObject({ status: 'pending', reason: 'clock_ahead', attempts: 1 });
		expect(row!.retryAt).toBeGreaterThan(Date.now());
		expect(report.nextRetryAt).toBe(row!.retryAt);
		expect((await phone.places.get(salon.placeId))?.syncState).toBe('pending');
		// The server kept no final answer for it.
		expect(await f.ctx.db.query('select 1 from ops where op_id = $1', [salon.opId])).toEqual([]);

		// Syncing again before its retry time does not send it again.
		await syncOnce(phone, today.transport, { userId: organizer.userId });
		expect(today.sent).toEqual([salon.opId]);

		// Three hours later the server's clock has caught up: the op goes through, once.
		const later = inProcessTransport(f.ctx, organizer, () => skew);
		const done = await syncOnce(phone, later, {
			userId: organizer.userId,
			now: () => row!.retryAt! + 1
		});
		expect(done).toMatchObject({ pushed: 1, retrying: 0, nextRetryAt: null });
		expect(await phone.outbox.count()).toBe(0);
		expect((await phone.places.get(salon.placeId))?.syncState).toBe('sent');
		expect(await placesNamed(salon.placeId)).toBe(1);
	});
});

describe('a server failure', () => {
	it('holds the op and what depends on it, backs off, and sends them when asked', async () => {
		const { organizer } = f.accounts;
		const phone = f.device('server-error');
		const w = f.writer(phone, organizer);
		const salon = await registerPlace(w, 'tsurugashima', salonFields('fuji'));

		// The server fails on the first request (as push.ts answers an op that fails alone).
		let failures = 1;
		const inner = counting(f.server(organizer));
		const flaky: SyncTransport = {
			push: async (request) => {
				if (failures-- > 0) {
					return {
						protocol: request.protocol,
						results: request.ops.map((op) => ({
							opId: (op as { opId: string }).opId,
							status: 'rejected' as const,
							reason: 'server_error'
						}))
					};
				}
				return inner.transport.push(request);
			},
			pull: inner.transport.pull
		};
		const first = await syncOnce(phone, flaky, { userId: organizer.userId });
		expect(first).toMatchObject({ retrying: 1, rejected: 0 });
		const [row] = await phone.outbox.toArray();
		expect(row).toMatchObject({ status: 'pending', reason: 'server_error', attempts: 1 });
		expect(row!.retryAt! - Date.now()).toBeLessThanOrEqual(RETRY_BASE_MS);

		// A session at the salon, logged while the registration waits: it must not reach the
		// server first (it would be refused for good as `not_found`), so it waits too.
		const session = await recordSession(w, sessionInput(salon.placeId));
		await syncOnce(phone, flaky, { userId: organizer.userId });
		expect(inner.sent).toEqual([]);
		expect(await phone.outbox.count()).toBe(2);

		// The person presses 今すぐ送信: both go, in order, and are applied.
		const sent = await syncOnce(phone, flaky, { userId: organizer.userId, force: true });
		expect(sent).toMatchObject({ pushed: 2, rejected: 0, retrying: 0 });
		expect(inner.sent).toEqual([salon.opId, session.opId]);
		expect(await phone.outbox.count()).toBe(0);
		expect(await placesNamed(salon.placeId)).toBe(1);
	});
});

it('"save unsent to a file" holds every op not applied: pending, refused and in conflict', async () => {
	const { organizer } = f.accounts;
	const phone = f.device('export');
	const w = f.writer(phone, organizer);
	const salon = await registerPlace(w, 'tsurugashima', salonFields('fuji'));
	// A session dated in the future is refused for good; it must still be in the file.
	await recordSession(w, sessionInput(salon.placeId, { date: '2099-01-01' }));
	await f.sync(phone, organizer);
	const pending = await recordSession(w, sessionInput(salon.placeId));
	const file = await exportUnsent(phone);
	expect(file.ops.map((r) => [r.op.kind, r.status, r.reason])).toEqual([
		['session.record', 'rejected', 'future_date'],
		['session.record', 'pending', undefined]
	]);
	expect(file.ops[1]!.opId).toBe(pending.opId);
	expect(file.ops.every((r) => r.userId === organizer.userId)).toBe(true);
});
