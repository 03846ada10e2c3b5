/**
 * Two saves of the same tally in quick succession (a coordinator tapping + twice) must make
 * two versions, the later one the higher. Before the fix `saveTally` read the version outside
 * its transaction: both saves read the same version and sent the same next one, and the server
 * kept the first count (the second was a stale duplicate version), losing the last tap.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { saveMeeting, saveTally } from '#lib/client/db/local-writes.js';
import { meetingFields, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('concurrent-tally-saves', { coordinator: ['coordinator', ['sakae']] });

it('two overlapping saves make two versions; the server keeps the last count', async () => {
	const { coordinator } = f.accounts;
	const phone = f.device();
	const w = f.writer(phone, coordinator);
	const meeting = await saveMeeting(w, null, meetingFields(['sakae']));
	await saveTally(w, meeting.meetingId, { residents: 1 }, []);

	const [second, third] = await Promise.all([
		saveTally(w, meeting.meetingId, { residents: 2 }, []),
		saveTally(w, meeting.meetingId, { residents: 3 }, [])
	]);
	expect([second.version, third.version]).toEqual([2, 3]);
	expect(third.tallyId).toBe(second.tallyId);
	const [local] = await phone.tallies.where('meetingId').equals(meeting.meetingId).toArray();
	expect(local).toMatchObject({ version: 3, counts: { residents: 3 } });

	await f.sync(phone, coordinator);
	const [row] = await f.ctx.db.query<{ version: number; data: { counts: unknown } }>(
		'select version, data from tallies where meeting_id = $1',
		[meeting.meetingId]
	);
	expect(row).toMatchObject({ version: 3, data: { counts: { residents: 3 } } });
});
