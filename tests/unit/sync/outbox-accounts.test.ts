/**
 * One phone, two accounts: what one person typed and left unsent goes out under their own
 * account only. Before the fix the outbox had no account: the next person to sign in on the
 * phone pushed the earlier person's ops as their own (the server recorded them as the author,
 * and their rights decided what was applied).
 */
import 'fake-indexeddb/auto';
import type { Observable } from 'dexie';
import { expect, it } from 'vitest';
import { recordSession, registerPlace } from '#lib/client/db/local-writes.js';
import { observeOutbox, observeOutboxCounts } from '#lib/client/db/record-queries.js';
import { exportUnsent } from '#lib/client/sync/sync-runner.js';
import { salonFields, sessionInput, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('outbox-accounts', { first: 'organizer', second: 'organizer' });

/** The first value of a Dexie liveQuery (what a screen shows when it opens). */
const once = <T>(o: Observable<T>) =>
	new Promise<T>((resolve, reject) => {
		const sub = o.subscribe({
			next: (value) => {
				resolve(value);
				queueMicrotask(() => sub.unsubscribe());
			},
			error: reject
		});
	});

it('the next account on the phone sends only its own ops; the earlier ones wait for theirs', async () => {
	const { first, second } = f.accounts;
	const phone = f.device('shared');

	// The first organizer registers a salon and logs a session, offline, then signs out.
	const salon = await registerPlace(f.writer(phone, first), 'tsurugashima', salonFields('fuji'));
	await recordSession(f.writer(phone, first), sessionInput(salon.placeId));

	// The second organizer signs in on the same phone, registers their own salon and syncs.
	const own = await registerPlace(f.writer(phone, second), 'tsurugashima', salonFields('minami'));
	const report = await f.sync(phone, second);
	expect(report.pushed).toBe(1);
	const owners = await f.ctx.db.query<{ id: string; owner_id: string }>(
		'select id, owner_id from places where id = any($1::text[])',
		[[salon.placeId, own.placeId]]
	);
	expect(owners).toEqual([{ id: own.placeId, owner_id: second.userId }]);

	// The first organizer's ops are kept, unsent, and shown to the second as someone else's.
	const waiting = await phone.outbox.toArray();
	expect(waiting.map((r) => [r.op.kind, r.userId, r.status])).toEqual([
		['place.upsert', first.userId, 'pending'],
		['session.record', first.userId, 'pending']
	]);
	expect(await once(observeOutboxCounts(phone, second.userId))).toEqual({
		pending: 0,
		problems: 0,
		otherAccounts: 2
	});
	const overview = await once(observeOutbox(phone, second.userId));
	expect(overview.otherAccounts.map((r) => r.userId)).toEqual([first.userId, first.userId]);
	// They can be saved to a file, each naming its account.
	const file = await exportUnsent(phone);
	expect(file.ops.map((r) => [r.opId, r.userId])).toEqual(
		waiting.map((r) => [r.opId, first.userId])
	);

	// The first organizer signs in again: the queue goes out under their account, once.
	expect(await once(observeOutboxCounts(phone, first.userId))).toMatchObject({ pending: 2 });
	expect((await f.sync(phone, first)).pushed).toBe(2);
	expect(await phone.outbox.count()).toBe(0);
	const ledger = await f.ctx.db.query<{ op_id: string; user_id: string }>(
		'select op_id, user_id from ops where op_id = any($1::uuid[]) order by op_id',
		[waiting.map((r) => r.opId)]
	);
	expect(ledger.map((r) => r.user_id)).toEqual([first.userId, first.userId]);
	const [place] = await f.ctx.db.query<{ owner_id: string }>(
		'select owner_id from places where id = $1',
		[salon.placeId]
	);
	expect(place!.owner_id).toBe(first.userId);
});
