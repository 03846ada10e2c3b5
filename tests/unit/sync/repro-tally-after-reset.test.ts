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
import { expect, it } from 'vitest';
import {
	recordSession,
	registerPlace,
	saveMeeting,
	saveTally
} from '#lib/client/db/local-writes.js';
import { syncOnce } from '#lib/client/sync/sync-runner.js';
import { sumTallies, type Tally } from '#lib/domain/records.js';
import { purgeTombstones } from '#lib/server/sync/change-feed.js';
import { shapedPulls } from './in-process-transport';
import { meetingFields, salonFields, sessionInput, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('repro-tally-reset', {
	organizer: 'organizer',
	coordinator: ['coordinator', ['sakae']]
});

it('a tally saved between a reset and the end of the re-pull is still the same tally', async () => {
	const { organizer, coordinator } = f.accounts;
	// A coordinator's phone counts at a meeting and syncs: its tally is on the server.
	const phone = f.device('coordinator');
	const w = f.writer(phone, coordinator);
	const meeting = await saveMeeting(w, null, meetingFields(['sakae']));
	await saveTally(w, meeting.meetingId, { residents: 10 }, []);
	await f.sync(phone, coordinator);

	// Elsewhere a session is logged and deleted (a tombstone after the phone's cursor), and the
	// server purges tombstones: the phone's cursor is now below the purge line.
	const other = f.device('organizer');
	const wo = f.writer(other, organizer);
	const place = await registerPlace(wo, 'tsurugashima', salonFields('fuji'));
	const input = sessionInput(place.placeId, { participants: { total: 5 } });
	const session = await recordSession(wo, input);
	await recordSession(wo, input, session, true);
	await f.sync(other, organizer);
	expect(await purgeTombstones(f.ctx.db, 0)).toBeGreaterThan(0);

	// The phone syncs: the server answers "reset", the phone drops its synced copies and pulls
	// from 0 in pages; the page after the meeting is lost (the network drops).
	// Small pages: the re-pull takes several round trips.
	const flaky = shapedPulls(f.server(coordinator), { pageSize: 1, pullsBeforeFailure: 2 });
	await expect(syncOnce(phone, flaky, { userId: coordinator.userId })).rejects.toThrow(
		'network dropped'
	);
	expect(await phone.meetings.get(meeting.meetingId)).toBeDefined(); // the meeting is back…
	// …and the phone kept its own tally through the reset (the fix), so a save continues it.
	expect(await phone.tallies.count()).toBe(1);

	// The coordinator corrects the count on the meeting's page, then syncs normally.
	await saveTally(w, meeting.meetingId, { residents: 11 }, []);
	await f.sync(phone, coordinator);

	const rows = await f.ctx.db.query<{ data: Tally }>(
		'select data from tallies where meeting_id = $1',
		[meeting.meetingId]
	);
	// Correct: one tally per phone, the sum is the phone's latest count (11).
	// Before the fix: two tallies of the same deviceId, sum 21.
	expect(rows.map((r) => r.data.deviceId)).toHaveLength(1);
	expect(sumTallies(rows.map((r) => r.data)).residents).toBe(11);
});
