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
 * Suggested fix: make `resync` cover only the purge line the reset was issued for — e.g. the
 * reset answer carries `purgedThrough`, the client stores it with the resyncing flag and sends
 * it back, and the server resets again when its purge line has moved past that value (or when
 * `since < purgedThrough` and the client's stored line is older).
 *
 * Written as `it.fails`: it asserts the correct behaviour, so it passes while the bug is there
 * and turns red once fixed (then drop `.fails`).
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IbashoDb } from '$lib/client/db/ibasho-db';
import { recordSession, recordTeam, registerPlace } from '$lib/client/db/local-writes';
import { syncOnce, SyncError, type SyncTransport } from '$lib/client/sync/sync-runner';
import type { AppContext } from '$lib/server/app-context';
import type { Account } from '$lib/server/auth/accounts-repo';
import { purgeTombstones } from '$lib/server/sync/change-feed';
import { account, syncContext } from '../server/sync-helpers';
import { inProcessTransport } from './in-process-transport';

let ctx: AppContext;
let organizer: Account;
let coordinator: Account;
const dbs: IbashoDb[] = [];
const device = (name: string) => {
	const db = new IbashoDb(`repro-resync-tombstone-${name}-${Math.random()}`);
	dbs.push(db);
	return db;
};

beforeAll(async () => {
	ctx = await syncContext('pglite');
	[organizer, coordinator] = await Promise.all([
		account(ctx, 'organizer'),
		account(ctx, 'coordinator', ['fuji'])
	]);
}, 60_000);
afterAll(async () => {
	for (const db of dbs) {
		db.close();
		await Dexie.delete(db.name);
	}
	await ctx.db.close();
});

/** A coordinator elsewhere records a team and deletes it; the server purges tombstones. */
async function purgeSomeTombstone() {
	const other = device('coordinator');
	const wc = { db: other, userId: coordinator.userId };
	const input = {
		districtId: 'fuji',
		formedOn: '2024-05-01',
		members: 5,
		childrenTakePart: false,
		linkedToEvacuationPlan: false
	};
	const team = await recordTeam(wc, input);
	await recordTeam(wc, input, team, true);
	await syncOnce(other, inProcessTransport(ctx, coordinator));
	expect(await purgeTombstones(ctx.db, 0)).toBeGreaterThan(0);
}

it.fails('a session deleted during an interrupted re-pull is deleted on the phone', async () => {
	// The owner logs two sessions on phone A; phone B (same account) pulls them.
	const phoneA = device('a');
	const phoneB = device('b');
	const wa = { db: phoneA, userId: organizer.userId };
	const place = await registerPlace(wa, 'tsurugashima', {
		name: 'サロン',
		category: 'salon',
		point: null,
		districtId: 'sakae',
		address: null,
		scheduleRule: null,
		scheduleNote: null,
		audience: [],
		accessibility: [],
		fee: null,
		contact: null,
		contactConsent: false,
		status: 'active'
	});
	const input = {
		placeId: place.placeId,
		date: '2024-06-11',
		participants: { total: 10 },
		volunteers: 1,
		firstTimers: 0,
		hours: null
	};
	const first = await recordSession(wa, input);
	await recordSession(wa, { ...input, date: '2024-06-25' });
	await syncOnce(phoneA, inProcessTransport(ctx, organizer));
	await syncOnce(phoneB, inProcessTransport(ctx, organizer));

	// A purge puts B's cursor below the line. B's re-pull (pages of 2) gets the salon and the
	// first session, then the network drops: B is left resyncing.
	await purgeSomeTombstone();
	const server = inProcessTransport(ctx, organizer);
	let pulls = 0;
	const flaky: SyncTransport = {
		push: server.push,
		async pull(since, _limit, resync) {
			pulls += 1;
			if (pulls > 2) throw new SyncError('offline', 'network dropped');
			return server.pull(since, 2, resync);
		}
	};
	await expect(syncOnce(phoneB, flaky)).rejects.toThrow('network dropped');
	expect(await phoneB.sessions.where('sessionId').equals(first.sessionId).count()).toBe(1);

	// Meanwhile the owner deletes the first session on A, and tombstones are purged again.
	await recordSession(wa, input, first, true);
	await syncOnce(phoneA, inProcessTransport(ctx, organizer));
	expect(await purgeTombstones(ctx.db, 0)).toBe(1);

	// B's network is back: it finishes its re-pull, and syncs once more.
	await syncOnce(phoneB, inProcessTransport(ctx, organizer));
	await syncOnce(phoneB, inProcessTransport(ctx, organizer));
	const live = (await phoneB.sessions.toArray()).filter(
		(s) => s.sessionId === first.sessionId && !s.deleted
	);
	// Actual: B still shows the deleted session.
	expect(live).toEqual([]);
});
