import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	recordSession,
	registerPlace,
	saveMeeting,
	saveTally
} from '#lib/client/db/local-writes.js';
import { syncOnce } from '#lib/client/sync/sync-runner.js';
import { sumTallies } from '#lib/domain/records.js';
import { faultyTransport } from './in-process-transport';
import { meetingFields, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('two-devices', {
	organizer: 'organizer',
	coordinatorA: ['coordinator', ['sakae']],
	coordinatorB: ['coordinator', ['sakae']]
});

describe('a device offline, then online', () => {
	it('registers a salon and logs sessions offline; one sync puts each on the server once', async () => {
		const { organizer } = f.accounts;
		const phone = f.device();
		const w = f.writer(phone, organizer);
		const place = await registerPlace(w, 'tsurugashima', {
			name: 'テスト用いきいきサロン（生成）',
			category: 'salon',
			point: null,
			districtId: 'sakae',
			address: null,
			scheduleRule: { kind: 'monthly', nths: [2, 4], weekday: 2, start: '10:00', end: '12:00' },
			scheduleNote: null,
			audience: ['elderly'],
			accessibility: [],
			fee: '100円',
			contact: null,
			contactConsent: false,
			status: 'active'
		});
		const base = { placeId: place.placeId, volunteers: 2, firstTimers: 0, hours: null };
		await recordSession(w, { ...base, date: '2024-06-11', participants: { total: 10 } });
		await recordSession(w, { ...base, date: '2024-06-25', participants: { total: 12 } });
		expect(await phone.outbox.count()).toBe(3);

		// The answer to the first push is lost after the server committed: the phone resends.
		let lose = true;
		const flaky = faultyTransport(f.server(organizer), {
			dropResponse: () => {
				const l = lose;
				lose = false;
				return l;
			}
		});
		await expect(syncOnce(phone, flaky, { userId: organizer.userId })).rejects.toThrow(
			'response lost'
		);
		const report = await syncOnce(phone, flaky, { userId: organizer.userId });
		expect(report.pushed).toBe(3);
		expect(await phone.outbox.count()).toBe(0);
		const [{ n }] = (await f.ctx.db.query<{ n: number }>(
			'select count(*)::int as n from session_records where place_id = $1',
			[place.placeId]
		)) as [{ n: number }];
		expect(n).toBe(2);
		const sessions = await phone.sessions.where('placeId').equals(place.placeId).toArray();
		expect(sessions.map((s) => s.syncState)).toEqual(['sent', 'sent']);
	});
});

describe('meeting tallies from several phones', () => {
	it('sums each phone once, however often each syncs', async () => {
		const { coordinatorA, coordinatorB } = f.accounts;
		const phoneA = f.device('a');
		const phoneB = f.device('b');
		const wa = f.writer(phoneA, coordinatorA);
		const wb = f.writer(phoneB, coordinatorB);
		const meeting = await saveMeeting(
			wa,
			null,
			meetingFields(['sakae'], { venue: '富士見市民センター' })
		);
		await f.sync(phoneA, coordinatorA);
		await f.sync(phoneB, coordinatorB); // B learns of the meeting
		expect(await phoneB.meetings.get(meeting.meetingId)).toBeDefined();

		// Offline at the venue: each phone counts its side of the room, correcting as it goes.
		await saveTally(wa, meeting.meetingId, { residents: 10, 'welfare-commissioner': 2 }, []);
		await saveTally(wa, meeting.meetingId, { residents: 11, 'welfare-commissioner': 2 }, []);
		await saveTally(wb, meeting.meetingId, { residents: 7, 'city-staff': 3 }, ['福祉政策課']);
		const tb = f.server(coordinatorB);
		await syncOnce(phoneB, tb, { userId: coordinatorB.userId });
		await syncOnce(phoneB, tb, { userId: coordinatorB.userId }); // syncing twice never double counts
		await f.sync(phoneA, coordinatorA);
		await syncOnce(phoneB, tb, { userId: coordinatorB.userId });

		const rows = await f.ctx.db.query<{ data: import('#lib/domain/records.js').Tally }>(
			'select data from tallies where meeting_id = $1',
			[meeting.meetingId]
		);
		const total = sumTallies(rows.map((r) => r.data));
		expect(total).toMatchObject({
			residents: 18,
			'welfare-commissioner': 2,
			'city-staff': 3,
			total: 23
		});
		// Both phones see both tallies, and compute the same sum.
		for (const phone of [phoneA, phoneB]) {
			const local = await phone.tallies.where('meetingId').equals(meeting.meetingId).toArray();
			expect(sumTallies(local).total).toBe(23);
		}
	});
});
