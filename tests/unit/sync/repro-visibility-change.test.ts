/**
 * Repro: who may see a change was decided once, when its `changes` row was written
 * (owner_id, district_ids, is_public), and never revisited. Two consequences, each shown below
 * against the convergence property's invariant "a device holds exactly the server's state of
 * what its account may see":
 *
 *  1. A reader who LOSES sight of an entity was never told: its device kept the last state it
 *     pulled, forever. E.g. an approved salon is public; when its owner closes it, the new row
 *     is no longer public, so a coordinator of another district (or any organizer) kept
 *     showing it as open.
 *  2. A reader who GAINS sight of a parent did not get the children written before: a meeting
 *     widened to a second district reaches that district's coordinators, but the tallies
 *     already taken kept the old district list in their rows, so those phones summed the
 *     meeting without them (and a salon moved to another district likewise left its past
 *     sessions behind, visible to the old district only).
 * The same held on the reader's side: a coordinator given another district never got what
 * lay below its cursor there, and kept what it could no longer see.
 *
 * Fixed since (protocol 2): a `changes` row also remembers who lost sight of it and when, and
 * such readers are sent a `gone` change (the device drops its copy); children follow their
 * parent's districts (renumbered when it moves); each page names the account's view, and a
 * device whose view changed starts over. Now regression tests that fail if the bug returns.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import {
	editPlace,
	moderatePlace,
	recordSession,
	registerPlace,
	saveMeeting,
	saveTally
} from '#lib/client/db/local-writes.js';
import { sumTallies, type Tally } from '#lib/domain/records.js';
import { updateAccount } from '#lib/server/auth/accounts-repo.js';
import { account } from '../server/sync-helpers';
import { meetingFields, salonFields, sessionInput, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('repro-visibility', {
	organizer: 'organizer',
	sakae: ['coordinator', ['sakae']],
	fuji: ['coordinator', ['fuji']]
});

it('a reader that loses sight of a salon does not keep showing it open', async () => {
	const { organizer, sakae, fuji } = f.accounts;
	const owner = f.device('owner');
	const sakaePhone = f.device('sakae');
	const outsider = f.device('fuji'); // a coordinator of another district
	const wo = f.writer(owner, organizer);
	const place = await registerPlace(wo, 'tsurugashima', salonFields('sakae'));
	await f.sync(owner, organizer);
	await f.sync(sakaePhone, sakae);
	await moderatePlace(f.writer(sakaePhone, sakae), place.placeId, 'approve', null);
	await f.sync(sakaePhone, sakae);
	await f.sync(outsider, fuji); // approved and active: public, so the outsider pulls it
	expect((await outsider.places.get(place.placeId))?.status).toBe('active');

	await f.sync(owner, organizer); // the owner's phone learns of the approval
	await editPlace(wo, place.placeId, { status: 'closed' });
	await f.sync(owner, organizer);
	await f.sync(outsider, fuji);

	// Correct: the outsider's copy is gone (or shows the closure), as the feed no longer shows
	// the salon to this account. Actual: it still says approved and active.
	const feed = (await f.server(fuji).pull({ since: 0, limit: 1000 })).changes.map((c) => c.id);
	expect(feed).not.toContain(place.placeId);
	const kept = await outsider.places.get(place.placeId);
	expect(kept === undefined || kept.status === 'closed').toBe(true);
});

it('a coordinator who gains sight of a meeting sees the tallies already taken', async () => {
	const { sakae, fuji } = f.accounts;
	const phoneS = f.device('sakae-meeting');
	const phoneF = f.device('fuji-meeting');
	const ws = f.writer(phoneS, sakae);
	const meeting = await saveMeeting(ws, null, meetingFields(['sakae']));
	await saveTally(ws, meeting.meetingId, { residents: 10 }, []);
	await f.sync(phoneS, sakae);
	// The meeting turns out to be a joint one: the sakae coordinator adds fuji.
	await saveMeeting(ws, meeting.meetingId, { districtIds: ['sakae', 'fuji'] });
	await f.sync(phoneS, sakae);

	await f.sync(phoneF, fuji);
	expect(await phoneF.meetings.get(meeting.meetingId)).toBeDefined(); // fuji sees the meeting
	await saveTally(f.writer(phoneF, fuji), meeting.meetingId, { residents: 4 }, []);
	await f.sync(phoneF, fuji);
	await f.sync(phoneS, sakae);

	const server = await f.ctx.db.query<{ data: Tally }>(
		'select data from tallies where meeting_id = $1',
		[meeting.meetingId]
	);
	const serverSum = sumTallies(server.map((r) => r.data)).total; // 14
	const onS = sumTallies(
		await phoneS.tallies.where('meetingId').equals(meeting.meetingId).toArray()
	);
	const onF = sumTallies(
		await phoneF.tallies.where('meetingId').equals(meeting.meetingId).toArray()
	);
	expect(onS.total).toBe(serverSum);
	// Actual: 4 — the sakae phone's tally (written while the meeting was sakae-only) never
	// reaches the fuji coordinator.
	expect(onF.total).toBe(serverSum);
});

it('a salon moved to another district takes its sessions along', async () => {
	const { organizer, fuji } = f.accounts;
	const owner = f.device('owner-move');
	const fujiPhone = f.device('fuji-move');
	const wo = f.writer(owner, organizer);
	const place = await registerPlace(wo, 'tsurugashima', salonFields('sakae'));
	await recordSession(wo, sessionInput(place.placeId, { participants: { total: 8 } }));
	await f.sync(owner, organizer);
	// Registered in the wrong district: the owner fixes it.
	await editPlace(wo, place.placeId, { districtId: 'fuji' });
	await f.sync(owner, organizer);

	await f.sync(fujiPhone, fuji);
	expect(await fujiPhone.places.get(place.placeId)).toBeDefined(); // fuji sees the salon
	// Actual: 0 — the session's row still names sakae only.
	expect(await fujiPhone.sessions.where('placeId').equals(place.placeId).count()).toBe(1);
});

it('a coordinator given another district gets its records, and drops the old district’s', async () => {
	const { organizer } = f.accounts;
	const owner = f.device('owner-view');
	const wo = f.writer(owner, organizer);
	const inSakae = await registerPlace(wo, 'tsurugashima', salonFields('sakae'));
	const inFuji = await registerPlace(wo, 'tsurugashima', salonFields('fuji'));
	await f.sync(owner, organizer);

	const coordinator = await account(f.ctx, 'coordinator', ['sakae']);
	const phone = f.device('moved-coordinator');
	await f.sync(phone, coordinator);
	expect(await phone.places.get(inSakae.placeId)).toBeDefined();
	expect(await phone.places.get(inFuji.placeId)).toBeUndefined();

	// The admin moves the coordinator to fuji; the phone's next sync starts over.
	const moved = (await updateAccount(f.ctx.db, coordinator.email, { districtIds: ['fuji'] }))!;
	await f.sync(phone, moved);
	expect(await phone.places.get(inFuji.placeId)).toBeDefined();
	expect(await phone.places.get(inSakae.placeId)).toBeUndefined();
});
