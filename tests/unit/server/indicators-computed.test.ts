/**
 * Computed indicators from records that went through the real push path, on PGlite and on
 * PostgreSQL: fiscal-year boundaries (3/31 vs 4/1), district attribution, salons paused or
 * closed around the year's end, tallies from several devices counted once, ふれあいサービス hours
 * apart from salons', teams at the year's end, backdated stamps, cancelled meetings, and one
 * city's records kept out of another's figures.
 *
 * Unless a test says otherwise, each op reaches the server a minute after it was made (the
 * device was online): `push` passes that as the server's clock.
 *
 * Every record here is generated test data (テスト用, 生成), not a real salon or meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { computeYear } from '#lib/server/indicator-service.js';
import { handlePush } from '#lib/server/sync/push.js';
import { decodeHlc, encodeHlc } from '#lib/domain/sync/hlc.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { fiscalYearOf, todayInJapan } from '#lib/domain/fiscal-year.js';
import { account, ENGINES, syncContext } from './sync-helpers';
import { sessionOp } from '../ops';

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

	/** The time the server receives ops: a minute after the last was made, unless given. */
	const receivedAt = (ops: unknown[]) =>
		Math.max(...ops.map((op) => decodeHlc((op as { at: string }).at)!.wall)) + 60_000;

	async function pushAnswers(
		who: Account,
		device: Device,
		ops: unknown[],
		now = receivedAt(ops),
		packs = ctx.packs
	) {
		return handlePush(ctx.db, { actor: who, packs, now }, { deviceId: device.deviceId, ops });
	}

	async function push(who: Account, device: Device, ops: unknown[], now = receivedAt(ops)) {
		const res = await pushAnswers(who, device, ops, now);
		for (const r of res.results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
		return res;
	}

	async function place(
		category: 'salon' | 'kids-salon' | 'fureai-service',
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

	const setStatus = (placeId: string, status: string, at: number, received?: number) => {
		const ops = [
			{
				...staffPhone.envelope(at),
				kind: 'place.upsert',
				placeId,
				packId: 'tsurugashima',
				fields: { status }
			}
		];
		return push(staff, staffPhone, ops, received ?? receivedAt(ops));
	};

	async function meeting(
		meetingKind: string,
		date: string,
		districtIds: string[],
		tallies: { counts?: Record<string, number>; organisations?: string[] }[] = [],
		phone = new Device()
	) {
		const meetingId = uuidv7();
		// City-wide meetings (no district) are the 社協's: only staff run them and tally there.
		const runner = districtIds.length === 0 ? staff : coordinator;
		await push(runner, phone, [
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
			await push(runner, device, [op]);
			// The same tally synced again (a retry after a lost answer) must not count twice.
			await push(runner, device, [op]);
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
			sessionOp(staffPhone.envelope(jst(`${date}T15:00`)), placeId, {
				...extra,
				date,
				participants: { total: 10 },
				volunteers: 2,
				firstTimers: 0,
				hours
			})
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

	it('sums ふれあいサービス hours of the latest versions only, by the date the session was held', async () => {
		const service = await place('fureai-service', 'shinmachi', jst('2023-04-01T09:00'));
		const corrected = uuidv7();
		await session(service, '2023-06-10', 2.5, { sessionId: corrected });
		await session(service, '2023-06-10', 3, { sessionId: corrected, version: 2 });
		const deleted = uuidv7();
		await session(service, '2023-07-10', 4, { sessionId: deleted });
		await session(service, '2023-07-10', 4, { sessionId: deleted, version: 2, deleted: true });
		await session(service, '2024-03-31', 1.25);
		await session(service, '2024-04-01', 10);
		// A correction that moves the date across the year's end moves its hours with it.
		const moved = uuidv7();
		await session(service, '2024-03-15', 6, { sessionId: moved });
		await session(service, '2024-04-15', 6, { sessionId: moved, version: 2 });
		// A salon of the same district logs hours too: they are kept, and never counted here.
		const salon = await place('salon', 'shinmachi', jst('2023-04-01T09:00'));
		await session(salon, '2023-06-10', 2);
		await session(salon, '2024-04-10', 3);

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

	it('lets only coordinators and staff register ふれあいサービス, and no place cross that line', async () => {
		const phone = new Device();
		const refused = await pushAnswers(organizer, phone, [
			{
				...phone.envelope(jst('2023-05-01T10:00')),
				kind: 'place.upsert',
				placeId: uuidv7(),
				packId: 'tsurugashima',
				fields: { name: 'テスト用（生成）', category: 'fureai-service', districtId: 'fuji' }
			}
		]);
		expect(refused.results[0]).toMatchObject({
			status: 'rejected',
			reason: 'forbidden',
			details: { field: 'category' }
		});
		const salon = await place('salon', 'fuji', jst('2023-05-01T10:00'));
		const service = await place('fureai-service', 'fuji', jst('2023-05-01T10:00'));
		for (const [placeId, category] of [
			[salon, 'fureai-service'],
			[service, 'salon']
		] as const) {
			const moved = await pushAnswers(staff, staffPhone, [
				{
					...staffPhone.envelope(jst('2023-06-01T10:00')),
					kind: 'place.upsert',
					placeId,
					packId: 'tsurugashima',
					fields: { category }
				}
			]);
			expect(moved.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
		}
		// Not a place to go: residents never see it.
		const { listPublicPlaces } = await import('#lib/server/places-repo.js');
		const shown = (await listPublicPlaces(ctx.db, 'tsurugashima')).map((p) => p.id);
		expect(shown).toContain(salon);
		expect(shown).not.toContain(service);
	});

	it('counts a team formed in FY 2023 and dissolved in April 2024 in FY 2023, not in FY 2024', async () => {
		const before = { 2023: await figures(2023), 2024: await figures(2024) };
		const value = (f: Awaited<ReturnType<typeof figures>>) =>
			(f['kokotsuna-teams'].value as { value: number }).value;
		const teamId = uuidv7();
		await team('sakae', '2023-06-01', { teamId });
		// Dissolved on April 20, 2024: the latest version is deleted.
		await push(staff, staffPhone, [
			{
				...staffPhone.envelope(jst('2024-04-20T09:00')),
				kind: 'team.record',
				teamId,
				version: 2,
				districtId: 'sakae',
				formedOn: '2023-06-01',
				members: 4,
				childrenTakePart: false,
				linkedToEvacuationPlan: false,
				deleted: true
			}
		]);
		expect(value(await figures(2023))).toBe(value(before[2023]) + 1);
		expect((await figures(2023))['kokotsuna-teams'].byDistrict.sakae).toEqual({
			kind: 'number',
			value: 1
		});
		expect(value(await figures(2024))).toBe(value(before[2024]));
	});

	it('bounds a backdated stamp: it takes effect at most MAX_OFFLINE_MS before it was received', async () => {
		const value = async (fy: number) =>
			((await figures(fy))['active-salons'].value as { value: number }).value;
		const salon = await place('salon', 'sugishita', jst('2023-05-01T10:00'));
		const [b23, b24, b25] = [await value(2023), await value(2024), await value(2025)];
		// Closed by a device whose clock reads June 2023, received in February 2026: it takes
		// effect 90 days before it arrived (November 2025), not in the settled years.
		await setStatus(salon, 'closed', jst('2023-06-01T10:00'), jst('2026-02-01T10:00'));
		expect(await value(2023)).toBe(b23);
		expect(await value(2024)).toBe(b24);
		expect(await value(2025)).toBe(b25 - 1);
		// An edit made offline on March 31 and synced three weeks later keeps its own time.
		const offline = await place('salon', 'sugishita', jst('2023-05-01T10:00'));
		await setStatus(offline, 'paused', jst('2024-03-31T20:00'), jst('2024-04-21T10:00'));
		expect(await value(2023)).toBe(b23);
		expect(await value(2024)).toBe(b24);
		const [row] = await ctx.db.query<{ at: string; effective_at: string }>(
			`select at, effective_at from place_events where place_id = $1 and field = 'status'
			 and value = 'closed'`,
			[salon]
		);
		expect(row!.effective_at).not.toBe(row!.at);
		expect(decodeHlc(row!.effective_at)!.wall).toBe(jst('2026-02-01T10:00') - 90 * 24 * 3600_000);
	});

	it('does not count a cancelled meeting, and counts it again once the cancellation is undone', async () => {
		const count = async () =>
			((await figures(2023))['area-meetings'].value as { count: number }).count;
		const before = await count();
		const phone = new Device();
		const meetingId = await meeting(
			'area-meeting',
			'2023-10-10',
			['fuji'],
			[{ counts: { residents: 9 } }],
			phone
		);
		expect(await count()).toBe(before + 1);
		const cancel = (cancelled: boolean, at: string) =>
			push(coordinator, phone, [
				{
					...phone.envelope(jst(at)),
					kind: 'meeting.upsert',
					meetingId,
					fields: { cancelled }
				}
			]);
		await cancel(true, '2023-10-11T09:00');
		expect(await count()).toBe(before);
		await cancel(false, '2023-10-12T09:00');
		expect(await count()).toBe(before + 1);
	});

	it('keeps another city’s sessions, meetings and teams out of this city’s figures', async () => {
		const loaded = ctx.packs.get('tsurugashima')!;
		const otherDistricts = [{ ...loaded.pack.districts[0]!, id: 'other-d1' }];
		const other = {
			...loaded,
			pack: { ...loaded.pack, id: 'other-city', districts: otherDistricts }
		};
		const twoCities = new Map([...ctx.packs, ['other-city', other]]);
		const plans = new Map([...ctx.plans, ['other-city', ctx.plans.get('tsurugashima')!]]);
		const bothCtx = { ...ctx, packs: twoCities, plans };
		const before = await computeYear(bothCtx, 'tsurugashima', 2023);
		// The other city's own staff: an account of Tsurugashima writes nothing there.
		const otherAdmin = await account(ctx, 'staff', [], ['other-city']);
		const phone = new Device();
		const at = (local: string) => phone.envelope(jst(local));
		// A ふれあいサービス record of the other city (with its hours), a meeting and a team there.
		const placeId = uuidv7();
		const results = await pushAnswers(
			otherAdmin,
			phone,
			[
				{
					...at('2023-05-01T10:00'),
					kind: 'place.upsert',
					placeId,
					packId: 'other-city',
					fields: { name: 'テスト用（生成）', category: 'fureai-service', districtId: 'other-d1' }
				},
				{
					...at('2023-06-01T10:00'),
					kind: 'session.record',
					sessionId: uuidv7(),
					version: 1,
					placeId,
					date: '2023-06-01',
					participants: { total: 2 },
					volunteers: 1,
					firstTimers: 0,
					hours: 5,
					deleted: false
				},
				{
					...at('2023-06-02T10:00'),
					kind: 'meeting.upsert',
					meetingId: uuidv7(),
					fields: {
						meetingKind: 'training',
						districtIds: ['other-d1'],
						date: '2023-06-02',
						venue: 'テスト会場（生成）',
						closed: false
					}
				},
				{
					...at('2023-06-03T10:00'),
					kind: 'team.record',
					teamId: uuidv7(),
					version: 1,
					districtId: 'other-d1',
					formedOn: '2023-06-03',
					members: 3,
					childrenTakePart: false,
					linkedToEvacuationPlan: false,
					deleted: false
				}
			],
			jst('2023-06-03T10:01'),
			twoCities
		);
		for (const r of results.results) expect(r).toMatchObject({ status: 'applied' });

		const after = await computeYear(bothCtx, 'tsurugashima', 2023);
		for (const c of ['fureai-service-hours', 'training-meetings', 'kokotsuna-teams'] as const) {
			expect(after.figures[c].value, c).toEqual(before.figures[c].value);
		}
		const theirs = await computeYear(bothCtx, 'other-city', 2023);
		expect(theirs.figures['fureai-service-hours'].value).toEqual({ kind: 'number', value: 5 });
		expect(theirs.figures['training-meetings'].value).toEqual({ kind: 'number', value: 1 });
		expect(theirs.figures['kokotsuna-teams'].value).toEqual({ kind: 'number', value: 1 });
	});

	it('counts teams formed by the year end and not dissolved', async () => {
		const count = async (fy: number) =>
			((await figures(fy))['kokotsuna-teams'].value as { value: number }).value;
		const [b23, b24] = [await count(2023), await count(2024)];
		await team('fuji', '2024-03-31');
		await team('fuji', '2024-04-01');
		const dissolved = uuidv7();
		await team('minami', '2023-05-01', { teamId: dissolved });
		await team('minami', '2023-05-01', { teamId: dissolved, version: 2, deleted: true });
		expect(await count(2023)).toBe(b23 + 1);
		expect(await count(2024)).toBe(b24 + 2);
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
