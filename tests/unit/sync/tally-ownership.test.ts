/**
 * A meeting tally belongs to the phone that counts AND the person signed in on it. A device id
 * is only what a phone says it is: before the fix, a coordinator of the meeting could replace
 * another coordinator's count by sending a higher version with that phone's device id and
 * tally id. And two coordinators sharing one phone wrote into one tally, the second person's
 * count replacing the first's.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { saveMeeting, saveTally } from '#lib/client/db/local-writes.js';
import { sumTallies, type Tally } from '#lib/domain/records.js';
import { handlePush } from '#lib/server/sync/push.js';
import { meetingFields, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('tally-ownership', {
	first: ['coordinator', ['sakae']],
	second: ['coordinator', ['sakae']]
});

async function serverTallies(meetingId: string): Promise<Tally[]> {
	const rows = await f.ctx.db.query<{ data: Tally }>(
		'select data from tallies where meeting_id = $1',
		[meetingId]
	);
	return rows.map((r) => r.data);
}

describe('a meeting tally is its counter’s own', () => {
	it('no one replaces another person’s count by sending their phone’s id', async () => {
		const { first, second } = f.accounts;
		const phone = f.device('first');
		const w = f.writer(phone, first);
		const meeting = await saveMeeting(w, null, meetingFields(['sakae']));
		const mine = await saveTally(w, meeting.meetingId, { residents: 12 }, []);
		await f.sync(phone, first);

		// The second coordinator sees the tally (same district) and forges its next version.
		const forged = {
			...mine,
			opId: crypto.randomUUID(),
			version: mine.version + 1,
			counts: { residents: 0 }
		};
		const { results } = await handlePush(
			f.ctx.db,
			{ actor: second, packs: f.ctx.packs, now: Date.now() },
			{ deviceId: mine.deviceId, ops: [forged] }
		);
		expect(results).toEqual([
			expect.objectContaining({ status: 'rejected', reason: 'tally_device_mismatch' })
		]);
		const [stored] = await serverTallies(meeting.meetingId);
		expect(stored).toMatchObject({ version: 1, counts: { residents: 12 }, userId: first.userId });
	});

	it('two people counting on one phone keep a tally each, and both count', async () => {
		const { first, second } = f.accounts;
		const phone = f.device('shared');
		const meeting = await saveMeeting(f.writer(phone, first), null, meetingFields(['sakae']));
		await saveTally(f.writer(phone, first), meeting.meetingId, { residents: 7 }, []);
		await f.sync(phone, first);
		// The first person signs out; the second signs in on the same phone and counts.
		await saveTally(f.writer(phone, second), meeting.meetingId, { residents: 5 }, []);
		await saveTally(f.writer(phone, second), meeting.meetingId, { residents: 6 }, []);
		const report = await f.sync(phone, second);
		expect(report.rejected).toBe(0);

		const stored = await serverTallies(meeting.meetingId);
		const byPerson = new Map(stored.map((t) => [t.userId, t]));
		expect(stored).toHaveLength(2);
		expect(byPerson.get(first.userId)?.counts.residents).toBe(7);
		expect(byPerson.get(second.userId)?.counts.residents).toBe(6);
		expect(sumTallies(stored).residents).toBe(13);
		// Back on the phone, the first person's tally is still theirs to correct.
		await f.sync(phone, first);
		const again = await saveTally(f.writer(phone, first), meeting.meetingId, { residents: 8 }, []);
		expect(again.tallyId).toBe(byPerson.get(first.userId)!.tallyId);
		await f.sync(phone, first);
		expect(sumTallies(await serverTallies(meeting.meetingId)).residents).toBe(14);
	});
});
