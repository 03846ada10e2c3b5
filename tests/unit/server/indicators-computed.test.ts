/**
 * Computed indicators from records that went through the real push path, on PGlite and on
 * PostgreSQL: fiscal-year boundaries (3/31 vs 4/1), district attribution, salons paused or
 * closed around the year's end, and tallies from several devices counted once.
 *
 * Every record here is generated test data (テスト用, 生成), not a real salon or meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '$lib/server/app-context';
import type { Account } from '$lib/server/auth/accounts-repo';
import { computeYear } from '$lib/server/indicator-service';
import { handlePush } from '$lib/server/sync/push';
import { encodeHlc } from '$lib/domain/sync/hlc';
import { uuidv7 } from '$lib/domain/sync/uuid';
import { fiscalYearOf } from '$lib/domain/fiscal-year';
import { todayInJapan } from '$lib/domain/records';
import { account, ENGINES, syncContext } from './sync-helpers';

/** Epoch ms of a Japan wall-clock time, e.g. jst('2024-03-31T23:59'). */
const jst = (local: string) => Date.parse(`${local}:00+09:00`);

/** A device whose ops carry the stamp of a chosen moment (an edit made then, synced later). */
class Device {
	readonly deviceId = uuidv7();
	private counter = 0;
	envelope(at: number) {
		return {
			opId: uuidv7(),
			deviceId: this.deviceId,
			at: encodeHlc({ wall: at, counter: this.counter++, node: this.deviceId })
		};
	}
}

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let staff: Account;
	let organizer: Account;
	let coordinator: Account;
	const staffPhone = new Device();
	const organizerPhone = new Device();

	beforeAll(async () => {
		ctx = await syncContext(engine);
		staff = await account(ctx, 'staff');
		organizer = await account(ctx, 'organizer');
		coordinator = await account(ctx, 'coordinator', ['fuji', 'minami']);
	});
	afterAll(() => ctx.db.close());

	async function push(who: Account, device: Device, ops: unknown[]) {
		const res = await handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, now: Date.now() },
			{ deviceId: device.deviceId, ops }
		);
		for (const r of res.results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
		return res;
	}

	async function place(
		category: 'salon' | 'kids-salon',
		districtId: string,
		at: number,
		who: Account = staff,
		device: Device = staffPhone
	) {
		const placeId = uuidv7();
		await push(who, device, [
			{
				...device.envelope(at),
				kind: 'place.upsert',
				placeId,
				packId: 'tsurugashima',
				fields: {
					name: `テスト用サロン（生成）${placeId.slice(-4)}`,
					category,
					districtId,
					point: null
				}
			}
		]);
		return placeId;
	}

	const setStatus = (placeId: string, status: string, at: number) =>
		push(staff, staffPhone, [
			{
				...staffPhone.envelope(at),
				kind: 'place.upsert',
				placeId,
				packId: 'tsurugashima',
				fields: { status }
			}
		]);

	async function meeting(
		meetingKind: string,
		date: string,
		districtIds: string[],
		tallies: { counts?: Record<string, number>; organisations?: string[] }[] = []
	) {
		const meetingId = uuidv7();
		const phone = new Device();
		await push(coordinator, phone, [
			{
				// Made on the day (or now, for a meeting planned ahead).
				...phone.envelope(Math.min(jst(`${date}T10:00`), Date.now())),
				kind: 'meeting.upsert',
				meetingId,
				fields: { meetingKind, districtIds, date, venue: 'テスト会場（生成）', closed: false }
			}
		]);
		for (const t of tallies) {
			const device = new Device();
			const op = {
				...device.envelope(Math.min(jst(`${date}T11:00`), Date.now())),
				kind: 'tally.set',
				tallyId: uuidv7(),
				meetingId,
				version: 1,
				counts: t.counts ?? {},
				organisations: t.organisations ?? []
			};
			await push(coordinator, device, [op]);
			// The same tally synced again (a retry after a lost answer) must not count twice.
			await push(coordinator, device, [op]);
		}
		return meetingId;
	}

	const session = (
		placeId: string,
		date: string,
		hours: number | null,
		extra: { sessionId?: string; version?: number; deleted?: boolean } = {}
	) =>
		push(staff, staffPhone, [
			{
				...staffPhone.envelope(jst(`${date}T15:00`)),
				kind: 'session.record',
				sessionId: extra.sessionId ?? uuidv7(),
				version: extra.version ?? 1,
				placeId,
				date,
				participants: { total: 10 },
				volunteers: 2,
				firstTimers: 0,
				hours,
				deleted: extra.deleted ?? false
			}
		]);

	const team = (
		districtId: string,
		formedOn: string,
		extra: { teamId?: string; version?: number; deleted?: boolean } = {}
	) =>
		push(staff, staffPhone, [
			{
				...staffPhone.envelope(jst(`${formedOn}T09:00`)),
				kind: 'team.record',
				teamId: extra.teamId ?? uuidv7(),
				version: extra.version ?? 1,
				districtId,
				formedOn,
				members: 4,
				childrenTakePart: false,
				linkedToEvacuationPlan: false,
				deleted: extra.deleted ?? false
			}
		]);

	const figures = async (fy: number) => (await computeYear(ctx, 'tsurugashima', fy)).figures;

	it('counts area meetings by the fiscal year of their date: 3/31 and 4/1 fall in different years', async () => {
		const before = await figures(2023);
		const beforeNext = await figures(2024);
		await meeting(
			'area-meeting',
			'2024-03-31',
			['fuji'],
			[{ counts: { residents: 12, 'welfare-commissioner': 3 } }, { counts: { residents: 5 } }]
		);
		await meeting('area-meeting', '2024-04-01', ['minami'], [{ counts: { residents: 7 } }]);

		const fy2023 = await figures(2023);
		const fy2024 = await figures(2024);
		const cwp = (v: unknown) => v as { count: number; participants: number };
		const b23 = cwp(before['area-meetings'].value);
		const b24 = cwp(beforeNext['area-meetings'].value);
		// Two phones tallied the 3/31 meeting, each synced twice: 12 + 3 + 5, once.
		expect(fy2023['area-meetings'].value).toEqual({
			kind: 'count-with-participants',
			count: b23.count + 1,
			participants: b23.participants + 20
		});
		expect(fy2024['area-meetings'].value).toEqual({
			kind: 'count-with-participants',
			count: b24.count + 1,
			participants: b24.participants + 7
		});
		expect(cwp(fy2023['area-meetings'].byDistrict.fuji).count).toBe(1);
		expect(cwp(fy2023['area-meetings'].byDistrict.minami).count).toBe(0);
		expect(cwp(fy2024['area-meetings'].byDistrict.minami).count).toBe(1);
	});

	it('attributes a meeting of two districts to each, and counts it once in the city total', async () => {
		await meeting('training', '2023-10-05', ['fuji', 'minami']);
		await meeting('case-study', '2023-11-05', []);
		await meeting('kokotsuna-exchange', '2023-11-06', ['fuji']);
		const fy = await figures(2023);
		expect(fy['training-meetings'].value).toEqual({ kind: 'number', value: 2 });
		expect(fy['training-meetings'].byDistrict.fuji).toEqual({ kind: 'number', value: 1 });
		expect(fy['training-meetings'].byDistrict.minami).toEqual({ kind: 'number', value: 1 });
		expect(fy['training-meetings'].byDistrict.sakae).toEqual({ kind: 'number', value: 0 });
	});

	it('counts salons approved and active at the year end; paused, closed and pending ones are not', async () => {
		const active = await place('salon', 'sakae', jst('2023-05-01T10:00'));
		const pausedOn331 = await place('salon', 'sakae', jst('2023-05-01T10:00'));
		await setStatus(pausedOn331, 'paused', jst('2024-03-31T23:59'));
		const closedOn41 = await place('salon', 'nagakubo', jst('2023-05-01T10:00'));
		await setStatus(closedOn41, 'closed', jst('2024-04-01T00:00'));
		const reopened = await place('salon', 'nagakubo', jst('2023-05-01T10:00'));
		await setStatus(reopened, 'paused', jst('2023-09-01T10:00'));
		await setStatus(reopened, 'active', jst('2024-02-01T10:00'));
		// Registered by an organizer on 3/30, approved by the coordinator on 4/2.
		const pending = await place(
			'salon',
			'fuji',
			jst('2024-03-30T10:00'),
			organizer,
			organizerPhone
		);
		const approverPhone = new Device();
		await push(coordinator, approverPhone, [
			{
				...approverPhone.envelope(jst('2024-04-02T09:00')),
				kind: 'place.moderate',
				placeId: pending,
				decision: 'approve',
				reason: null
			}
		]);
		// Registered after the year's end.
		await place('salon', 'sakae', jst('2024-04-01T00:00'));

		const fy2023 = await figures(2023);
		// active + closedOn41 (closed only after the year ended) + reopened.
		expect(fy2023['active-salons'].value).toEqual({ kind: 'number', value: 3 });
		expect(fy2023['active-salons'].byDistrict.sakae).toEqual({ kind: 'number', value: 1 });
		expect(fy2023['active-salons'].byDistrict.nagakubo).toEqual({ kind: 'number', value: 2 });
		expect(fy2023['active-salons'].byDistrict.fuji).toEqual({ kind: 'number', value: 0 });

		const fy2024 = await figures(2024);
		// active + reopened + the one approved 4/2 + the one registered 4/1; not the closed one.
		expect(fy2024['active-salons'].value).toEqual({ kind: 'number', value: 4 });
		expect(fy2024['active-salons'].byDistrict.fuji).toEqual({ kind: 'number', value: 1 });
		expect(active).toBeTruthy();
	});

	it('sums session hours of the latest versions only, by the date the session was held', async () => {
		const salon = await place('salon', 'shinmachi', jst('2023-04-01T09:00'));
		const corrected = uuidv7();
		await session(salon, '2023-06-10', 2.5, { sessionId: corrected });
		await session(salon, '2023-06-10', 3, { sessionId: corrected, version: 2 });
		const deleted = uuidv7();
		await session(salon, '2023-07-10', 4, { sessionId: deleted });
		await session(salon, '2023-07-10', 4, { sessionId: deleted, version: 2, deleted: true });
		await session(salon, '2024-03-31', 1.25);
		await session(salon, '2024-04-01', 10);
		// A correction that moves the date across the year's end moves its hours with it.
		const moved = uuidv7();
		await session(salon, '2024-03-15', 6, { sessionId: moved });
		await session(salon, '2024-04-15', 6, { sessionId: moved, version: 2 });

		const fy2023 = await figures(2023);
		expect(fy2023['fureai-service-hours'].byDistrict.shinmachi).toEqual({
			kind: 'number',
			value: 4.3 // 3 + 1.25, rounded to one decimal
		});
		const fy2024 = await figures(2024);
		expect(fy2024['fureai-service-hours'].byDistrict.shinmachi).toEqual({
			kind: 'number',
			value: 16
		});
	});

	it('counts children’s salon sites that held a session, with district coverage', async () => {
		const before = (await figures(2023))['kids-salon-sites'];
		const held = await place('kids-salon', 'tsurugashima-1', jst('2023-04-01T09:00'));
		await session(held, '2023-08-01', null);
		const idle = await place('kids-salon', 'tsurugashima-2', jst('2023-04-01T09:00'));
		const nextYearOnly = await place('kids-salon', 'sugishita', jst('2023-04-01T09:00'));
		await session(nextYearOnly, '2024-04-01', null);
		const fy2023 = (await figures(2023))['kids-salon-sites'];
		expect(fy2023.value).toEqual({
			kind: 'number',
			value: (before.value as { value: number }).value + 1
		});
		expect(fy2023.byDistrict['tsurugashima-1']).toEqual({ kind: 'number', value: 1 });
		expect(fy2023.byDistrict['tsurugashima-2']).toEqual({ kind: 'number', value: 0 });
		expect(fy2023.coverage).toEqual({ covered: 1, total: 8 });
		expect(idle).toBeTruthy();
	});

	it('counts teams formed by the year end and not dissolved', async () => {
		await team('fuji', '2024-03-31');
		await team('fuji', '2024-04-01');
		const dissolved = uuidv7();
		await team('minami', '2023-05-01', { teamId: dissolved });
		await team('minami', '2023-05-01', { teamId: dissolved, version: 2, deleted: true });
		expect((await figures(2023))['kokotsuna-teams'].value).toEqual({ kind: 'number', value: 1 });
		expect((await figures(2024))['kokotsuna-teams'].value).toEqual({ kind: 'number', value: 2 });
	});

	it('counts each organisation at the inclusive-support meetings once, however it was typed', async () => {
		await meeting(
			'inclusive-support',
			'2023-09-01',
			['fuji'],
			[
				{ organisations: ['福祉政策課', '社会福祉協議会'] },
				{ organisations: ['福祉政策課 ', '地域包括支援センター'] }
			]
		);
		await meeting('inclusive-support', '2023-12-01', [], [{ organisations: ['ｼｬｶｲ福祉協議会'] }]);
		const fy = await figures(2023);
		// ｼｬｶｲ福祉協議会 folds to シャカイ福祉協議会, which is not 社会福祉協議会: 4 names.
		expect(fy['inclusive-support-organisations'].value).toEqual({ kind: 'number', value: 4 });
		expect(fy['inclusive-support-organisations'].byDistrict.fuji).toEqual({
			kind: 'number',
			value: 3
		});
	});

	it('does not count a meeting dated after today, and says the running year is partial', async () => {
		const now = Date.now();
		const tomorrow = todayInJapan(now + 86_400_000);
		const fy = fiscalYearOf(tomorrow);
		const before = (await computeYear(ctx, 'tsurugashima', fy, now)).figures['training-meetings'];
		await meeting('training', tomorrow, ['fuji']);
		const after = await computeYear(ctx, 'tsurugashima', fy, now);
		expect(after.figures['training-meetings'].value).toEqual(before.value);
		expect(after.partial).toBe(fy === fiscalYearOf(todayInJapan(now)));
		const past = await computeYear(ctx, 'tsurugashima', 2023, now);
		expect(past.partial).toBe(false);
		expect(past.countedThrough).toBe('2024-03-31');
	});
});
