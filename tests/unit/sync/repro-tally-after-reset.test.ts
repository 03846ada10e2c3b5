/**
 * Repro (found by the convergence property's design review, confirmed here): after a server
 * reset (the device's cursor is older than purged tombstones), the client drops its synced
 * copies — including THIS device's own, already acknowledged tally — and pulls again from 0.
 * If a tally is saved before that re-pull has brought the device's own tally back (the re-pull
 * failed half-way, or is still paging), `saveTally` finds no tally of this device and starts a
 * new one under a new tallyId. The server then holds two tallies of the same device for the
 * same meeting, and `sumTallies` counts that phone twice.
 *
 * Fixed since (commit 8085eeb): now a regression test that fails if the bug returns.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IbashoDb } from '$lib/client/db/ibasho-db';
import { recordSession, registerPlace, saveMeeting, saveTally } from '$lib/client/db/local-writes';
import { syncOnce, SyncError, type SyncTransport } from '$lib/client/sync/sync-runner';
import { sumTallies, type Tally } from '$lib/domain/records';
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
	const db = new IbashoDb(`repro-tally-reset-${name}-${Math.random()}`);
	dbs.push(db);
	return db;
};

beforeAll(async () => {
	ctx = await syncContext('pglite');
	[organizer, coordinator] = await Promise.all([
		account(ctx, 'organizer'),
		account(ctx, 'coordinator', ['sakae'])
	]);
}, 60_000);
afterAll(async () => {
	for (const db of dbs) {
		db.close();
		await Dexie.delete(db.name);
	}
	await ctx.db.close();
});

it('a tally saved between a reset and the end of the re-pull is still the same tally', async () => {
	// A coordinator's phone counts at a meeting and syncs: its tally is on the server.
	const phone = device('coordinator');
	const w = { db: phone, userId: coordinator.userId };
	const meeting = await saveMeeting(w, null, {
		meetingKind: 'area-meeting',
		districtIds: ['sakae'],
		date: '2024-07-01',
		venue: '市民センター',
		closed: false
	});
	await saveTally(w, meeting.meetingId, { residents: 10 }, []);
	await syncOnce(phone, inProcessTransport(ctx, coordinator));

	// Elsewhere a session is logged and deleted (a tombstone after the phone's cursor), and the
	// server purges tombstones: the phone's cursor is now below the purge line.
	const other = device('organizer');
	const wo = { db: other, userId: organizer.userId };
	const place = await registerPlace(wo, 'tsurugashima', {
		name: 'サロン',
		category: 'salon',
		point: null,
		districtId: 'fuji',
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
		participants: { total: 5 },
		volunteers: 1,
		firstTimers: 0,
		hours: null
	};
	const session = await recordSession(wo, input);
	await recordSession(wo, input, session, true);
	await syncOnce(other, inProcessTransport(ctx, organizer));
	expect(await purgeTombstones(ctx.db, 0)).toBeGreaterThan(0);

	// The phone syncs: the server answers "reset", the phone drops its synced copies and pulls
	// from 0 in pages; the page after the meeting is lost (the network drops).
	const server = inProcessTransport(ctx, coordinator);
	let pulls = 0;
	const flaky: SyncTransport = {
		push: server.push,
		async pull(since, _limit, resync) {
			pulls += 1;
			if (pulls > 2) throw new SyncError('offline', 'network dropped');
			return server.pull(since, 1, resync); // small pages: the re-pull takes several round trips
		}
	};
	await expect(syncOnce(phone, flaky)).rejects.toThrow('network dropped');
	expect(await phone.meetings.get(meeting.meetingId)).toBeDefined(); // the meeting is back…
	// …and the phone kept its own tally through the reset (the fix), so a save continues it.
	expect(await phone.tallies.count()).toBe(1);

	// The coordinator corrects the count on the meeting's page, then syncs normally.
	await saveTally(w, meeting.meetingId, { residents: 11 }, []);
	await syncOnce(phone, inProcessTransport(ctx, coordinator));

	const rows = await ctx.db.query<{ data: Tally }>(
		'select data from tallies where meeting_id = $1',
		[meeting.meetingId]
	);
	// Correct: one tally per phone, the sum is the phone's latest count (11).
	// Before the fix: two tallies of the same deviceId, sum 21.
	expect(rows.map((r) => r.data.deviceId)).toHaveLength(1);
	expect(sumTallies(rows.map((r) => r.data)).residents).toBe(11);
});
