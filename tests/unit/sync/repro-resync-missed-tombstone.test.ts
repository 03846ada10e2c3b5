/**
 * Repro: a deletion is lost for good when its tombstone is purged while a phone's re-pull
 * after a reset is unfinished.
 *
 * Since the fix for the paged reset loop (commit 8085eeb), a phone re-pulling from 0 after a
 * reset marks itself `resyncing` (kv, src/lib/client/sync/sync-runner.ts) and sends
 * `resync=true`, and handlePull (src/lib/server/sync/pull.ts) then skips the reset check
 * (`!resync && since > 0 && since < purgedThrough`). The flag stays set across sync passes
 * until a last page arrives. So when the re-pull is interrupted (the network drops), an
 * entity the phone already got on an early page is deleted, and that tombstone is purged
 * before the phone resumes, the phone resumes from its cursor with `resync=true`: the server
 * neither sends the (purged) tombstone nor tells it to reset again. The phone keeps the
 * deleted session as live, and the feed never corrects it.
 *
 * Fixed since (protocol 2): the reset answer carries the server's `purgedThrough`, the phone
 * keeps it as its `resyncing` line and sends it back with every page of the re-pull, and the
 * server answers "reset" again once its purge line has passed that line. Now a regression
 * test that fails if the bug returns.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { recordSession, registerPlace } from '#lib/client/db/local-writes.js';
import { syncOnce } from '#lib/client/sync/sync-runner.js';
import { purgeTombstones } from '#lib/server/sync/change-feed.js';
import { shapedPulls } from './in-process-transport';
import { purgeATombstone, salonFields, sessionInput, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('repro-resync-tombstone', {
	organizer: 'organizer',
	coordinator: ['coordinator', ['fuji']]
});

it('a session deleted during an interrupted re-pull is deleted on the phone', async () => {
	const { organizer, coordinator } = f.accounts;
	// The owner logs two sessions on phone A; phone B (same account) pulls them.
	const phoneA = f.device('a');
	const phoneB = f.device('b');
	const wa = f.writer(phoneA, organizer);
	const place = await registerPlace(wa, 'tsurugashima', salonFields('sakae'));
	const input = sessionInput(place.placeId);
	const first = await recordSession(wa, input);
	await recordSession(wa, { ...input, date: '2024-06-25' });
	await f.sync(phoneA, organizer);
	await f.sync(phoneB, organizer);

	// A purge puts B's cursor below the line. B's re-pull (pages of 2) gets the salon and the
	// first session, then the network drops: B is left resyncing.
	await purgeATombstone(f, coordinator);
	const flaky = shapedPulls(f.server(organizer), { pageSize: 2, pullsBeforeFailure: 2 });
	await expect(syncOnce(phoneB, flaky, { userId: organizer.userId })).rejects.toThrow(
		'network dropped'
	);
	expect(await phoneB.sessions.where('sessionId').equals(first.sessionId).count()).toBe(1);

	// Meanwhile the owner deletes the first session on A, and tombstones are purged again.
	await recordSession(wa, input, first, true);
	await f.sync(phoneA, organizer);
	expect(await purgeTombstones(f.ctx.db, 0)).toBe(1);

	// B's network is back: it finishes its re-pull, and syncs once more.
	await f.sync(phoneB, organizer);
	await f.sync(phoneB, organizer);
	const live = (await phoneB.sessions.toArray()).filter(
		(s) => s.sessionId === first.sessionId && !s.deleted
	);
	// Actual: B still shows the deleted session.
	expect(live).toEqual([]);
});
