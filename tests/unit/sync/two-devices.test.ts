import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IbashoDb } from '$lib/client/db/ibasho-db';
import { recordSession, registerPlace, saveMeeting, saveTally } from '$lib/client/db/local-writes';
import { syncOnce } from '$lib/client/sync/sync-runner';
import { sumTallies } from '$lib/domain/records';
import type { AppContext } from '$lib/server/app-context';
import type { Account } from '$lib/server/auth/accounts-repo';
import { account, syncContext } from '../server/sync-helpers';
import { faultyTransport, inProcessTransport } from './in-process-transport';

let ctx: AppContext;
let organizer: Account;
let coordinatorA: Account;
let coordinatorB: Account;
const dbs: IbashoDb[] = [];
const device = () => {
	const db = new IbashoDb(`device-${Math.random()}`);
	dbs.push(db);
	return db;
};

beforeAll(async () => {
	ctx = await syncContext('pglite');
	organizer = await account(ctx, 'organizer');
	coordinatorA = await account(ctx, 'coordinator', ['sakae']);
	coordinatorB = await account(ctx, 'coordinator', ['sakae']);
}, 30_000);
afterAll(async () => {
	for (const db of dbs) {
		db.close();
		await Dexie.delete(db.name);
	}
	await ctx.db.close();
});

describe('a device offline, then online', () => {
	it('registers a salon and logs sessions offline; one sync puts each on the server once', async () => {
		const phone = device();
		const w = { db: phone, userId: organizer.userId };
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
		const flaky = faultyTransport(inProcessTransport(ctx, organizer), {
			dropResponse: () => {
				const l = lose;
				lose = false;
				return l;
			}
		});
		await expect(syncOnce(phone, flaky)).rejects.toThrow('response lost');
		const report = await syncOnce(phone, flaky);
		expect(report.pushed).toBe(3);
		expect(await phone.outbox.count()).toBe(0);
		const [{ n }] = (await ctx.db.query<{ n: number }>(
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
		const phoneA = device();
		const phoneB = device();
		const wa = { db: phoneA, userId: coordinatorA.userId };
		const wb = { db: phoneB, userId: coordinatorB.userId };
		const meeting = await saveMeeting(wa, null, {
			meetingKind: 'area-meeting',
			districtIds: ['sakae'],
			date: '2024-07-01',
			venue: '富士見市民センター',
			closed: false
		});
		await syncOnce(phoneA, inProcessTransport(ctx, coordinatorA));
		await syncOnce(phoneB, inProcessTransport(ctx, coordinatorB)); // B learns of the meeting
		expect(await phoneB.meetings.get(meeting.meetingId)).toBeDefined();

		// Offline at the venue: each phone counts its side of the room, correcting as it goes.
		await saveTally(wa, meeting.meetingId, { residents: 10, 'welfare-commissioner': 2 }, []);
		await saveTally(wa, meeting.meetingId, { residents: 11, 'welfare-commissioner': 2 }, []);
		await saveTally(wb, meeting.meetingId, { residents: 7, 'city-staff': 3 }, ['福祉政策課']);
		const tb = inProcessTransport(ctx, coordinatorB);
		await syncOnce(phoneB, tb);
		await syncOnce(phoneB, tb); // syncing twice never double counts
		await syncOnce(phoneA, inProcessTransport(ctx, coordinatorA));
		await syncOnce(phoneB, tb);

		const rows = await ctx.db.query<{ data: import('$lib/domain/records').Tally }>(
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
