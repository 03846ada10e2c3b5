/**
 * Cities apart (#13), on one server context holding two packs — Tsurugashima and a small
 * GENERATED city (support/generated-city.ts) — on PGlite and on PostgreSQL:
 * - an account of one city reads and writes nothing of the other's: pushes of every kind are
 *   refused, its pulls never carry the other city's rows (public places included), the other
 *   city's records' history is not its to read;
 * - a Tsurugashima city-wide meeting still works with both packs loaded (it takes the city of
 *   the staff member who makes it);
 * - account cities: unknown cities refused, districts only of the account's cities, an admin
 *   manages only the accounts of cities they hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canManageAccountOf, canReadAuditOf, canSeeAccountOf } from '#lib/domain/policy.js';
import type { Entity } from '#lib/domain/sync/protocol.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import type { AppContext } from '#lib/server/app-context.js';
import { accountCityProblem, cityDistrictsOf } from '#lib/server/auth/account-cities.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { auditSubject } from '#lib/server/audit-repo.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import { account, ENGINES, TestDevice } from './sync-helpers';
import { meetingOp as meeting, newMeetingFields, sessionOp, tallyOp as tally } from '../ops';
import { testAppContext } from './test-database';
import {
	GENERATED_CITY,
	GENERATED_DISTRICTS,
	GENERATED_POINT,
	generatedCityPack
} from './support/generated-city';

const A = 'tsurugashima';
const B = GENERATED_CITY;
const [NORTH] = GENERATED_DISTRICTS;

const placeOp = (device: TestDevice, packId: string, districtId: string, placeId = uuidv7()) => ({
	...device.envelope(),
	kind: 'place.upsert',
	placeId,
	packId,
	fields: {
		name: 'テスト用サロン（生成）',
		category: 'salon',
		districtId,
		point: packId === B ? GENERATED_POINT : null
	}
});
const meetingOp = (device: TestDevice, districtIds: string[], meetingId = uuidv7()) =>
	meeting(device, meetingId, {
		...newMeetingFields(districtIds, '2024-07-01'),
		venue: '会場（生成）'
	});
const tallyOp = (device: TestDevice, meetingId: string) =>
	tally(device, meetingId, { counts: { residents: 7 } });
const teamOp = (device: TestDevice, districtId: string, teamId = uuidv7()) => ({
	...device.envelope(),
	kind: 'team.record',
	teamId,
	version: 1,
	districtId,
	formedOn: '2024-05-01',
	members: 4,
	childrenTakePart: false,
	linkedToEvacuationPlan: false,
	deleted: false
});
const indicatorOp = (device: TestDevice, planId: string) => ({
	...device.envelope(),
	kind: 'indicator.record',
	entryId: uuidv7(),
	planId,
	indicatorNumber: 3,
	fiscalYear: 2024,
	value: { kind: 'number', value: 150 },
	activities: 'テスト入力（生成）',
	source: { kind: 'reported', by: '担当課', note: 'テスト' },
	note: null
});

describe('account cities', () => {
	const cities = cityDistrictsOf(
		new Map([
			[A, tsurugashimaPack()],
			[B, generatedCityPack()]
		])
	);
	it('refuses an unknown city, and districts of a city the account does not belong to', () => {
		expect(accountCityProblem(cities, ['atlantis'], [])).toMatchObject({
			reason: 'unknown_city',
			cityIds: ['atlantis']
		});
		expect(accountCityProblem(cities, [], [])).toMatchObject({ reason: 'unknown_city' });
		expect(accountCityProblem(cities, [B], ['fuji'])).toMatchObject({
			reason: 'unknown_district',
			districtIds: ['fuji']
		});
		expect(accountCityProblem(cities, [A, B], ['fuji', NORTH])).toBeNull();
	});

	it('an admin manages the accounts of cities they hold, and sees those sharing one', () => {
		const admin = { userId: 'a', role: 'admin' as const, districtIds: [], cityIds: [A] };
		expect(canManageAccountOf(admin, [A])).toBe(true);
		expect(canManageAccountOf(admin, [B])).toBe(false);
		expect(canManageAccountOf(admin, [A, B])).toBe(false);
		expect(canManageAccountOf({ ...admin, cityIds: [A, B] }, [A, B])).toBe(true);
		expect(canManageAccountOf({ ...admin, role: 'staff' }, [A])).toBe(false);
		expect(canSeeAccountOf(admin, [A, B])).toBe(true);
		expect(canSeeAccountOf(admin, [B])).toBe(false);
	});
});

describe.each(ENGINES)('%s: two cities on one server', (engine) => {
	let ctx: AppContext;
	let staffA: Account;
	let staffB: Account;
	let coordinatorA: Account;
	let coordinatorB: Account;
	let organizerA: Account;
	let organizerB: Account;
	let adminAB: Account;
	const phone = new TestDevice();
	// Records of city B, made by its own accounts.
	const placeB = uuidv7();
	const meetingB = uuidv7();
	const teamB = uuidv7();
	let sessionB = '';

	const push = async (who: Account, op: { deviceId: string; [field: string]: unknown }) => {
		const { results } = await handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, plans: ctx.plans, now: Date.now() },
			{ deviceId: op.deviceId, ops: [op] }
		);
		return results[0]!;
	};
	/** Every change `who` pulls from 0, page by page. */
	const pullAll = async (who: Account) => {
		const changes: { entity: string; id: string }[] = [];
		let since = 0;
		for (;;) {
			const page = await handlePull(ctx.db, who, { protocol: 3, since, limit: 5 });
			changes.push(...page.changes.map((c) => ({ entity: c.entity, id: c.id })));
			since = page.cursor;
			if (!page.hasMore) return changes;
		}
	};
	const readsAudit = async (who: Account, kind: Entity, id: string) => {
		const subject = await auditSubject(ctx.db, kind, id);
		return !!subject && canReadAuditOf(who, subject);
	};

	beforeAll(async () => {
		ctx = await testAppContext(engine, {
			packs: [tsurugashimaPack(), generatedCityPack()],
			defaultCity: A
		});
		[staffA, staffB, coordinatorA, coordinatorB, organizerA, organizerB, adminAB] =
			await Promise.all([
				account(ctx, 'staff', [], [A]),
				account(ctx, 'staff', [], [B]),
				account(ctx, 'coordinator', ['fuji'], [A]),
				account(ctx, 'coordinator', [NORTH], [B]),
				account(ctx, 'organizer', [], [A]),
				account(ctx, 'organizer', [], [B]),
				account(ctx, 'admin', [], [A, B])
			]);
		const device = new TestDevice();
		expect(await push(staffB, placeOp(device, B, NORTH, placeB))).toMatchObject({
			status: 'applied'
		});
		const session = sessionOp(device, placeB);
		sessionB = session.sessionId;
		for (const op of [
			session,
			meetingOp(device, [NORTH], meetingB),
			teamOp(device, NORTH, teamB)
		]) {
			expect(await push(staffB, op)).toMatchObject({ status: 'applied' });
		}
		expect(await push(coordinatorB, tallyOp(device, meetingB))).toMatchObject({
			status: 'applied'
		});
	});
	afterAll(() => ctx.db.close());

	it("an account of one city writes nothing of the other's, whatever its role", async () => {
		const refused = [
			[organizerA, placeOp(phone, B, NORTH)],
			[staffA, placeOp(phone, B, NORTH, placeB)],
			[
				coordinatorA,
				{
					...phone.envelope(),
					kind: 'place.moderate',
					placeId: placeB,
					decision: 'return',
					reason: 'テスト'
				}
			],
			[staffA, sessionOp(phone, placeB)],
			[staffA, { ...sessionOp(phone, placeB), sessionId: sessionB, version: 2 }],
			[staffA, meetingOp(phone, [NORTH])],
			[staffA, { ...meetingOp(phone, [NORTH], meetingB), fields: { cancelled: true } }],
			[staffA, tallyOp(phone, meetingB)],
			[staffA, teamOp(phone, NORTH)],
			[staffA, { ...teamOp(phone, 'fuji', teamB), version: 2 }],
			[staffB, indicatorOp(phone, A)],
			[staffB, placeOp(phone, A, 'fuji')]
		] as const;
		for (const [who, op] of refused) {
			expect(await push(who, op), op.kind).toMatchObject({
				status: 'rejected',
				reason: 'forbidden'
			});
		}
		// City B's records are as its own accounts left them.
		const [meeting] = await ctx.db.query<{ data: { cancelled: boolean } }>(
			'select data from meetings where id = $1',
			[meetingB]
		);
		expect(meeting!.data.cancelled).toBe(false);
		const teams = await ctx.db.query('select 1 from team_records where id = $1', [teamB]);
		expect(teams).toHaveLength(1);
		// The same kinds of op are applied in the account's own city.
		const entered = await push(staffA, indicatorOp(phone, A));
		expect(entered, JSON.stringify(entered)).toMatchObject({ status: 'applied' });
		expect(await push(coordinatorA, teamOp(phone, 'fuji'))).toMatchObject({ status: 'applied' });
	});

	it('a Tsurugashima city-wide meeting still works with both packs loaded', async () => {
		const meetingId = uuidv7();
		expect(await push(staffA, meetingOp(phone, [], meetingId))).toMatchObject({
			status: 'applied'
		});
		expect(await push(staffA, tallyOp(phone, meetingId))).toMatchObject({ status: 'applied' });
		expect(
			await push(staffA, { ...meetingOp(phone, [], meetingId), fields: { closed: true } })
		).toMatchObject({ status: 'applied' });
		const [row] = await ctx.db.query<{ pack_id: string }>(
			'select pack_id from meetings where id = $1',
			[meetingId]
		);
		expect(row!.pack_id).toBe(A);
		// The other city's staff neither see nor change it; its own staff see it.
		expect(
			await push(staffB, { ...meetingOp(phone, [], meetingId), fields: { cancelled: true } })
		).toMatchObject({ status: 'rejected', reason: 'forbidden' });
		expect((await pullAll(staffB)).some((c) => c.id === meetingId)).toBe(false);
		expect((await pullAll(staffA)).some((c) => c.id === meetingId)).toBe(true);
		// City B's staff make B's city-wide meetings; an account holding both cities cannot
		// make one, as the op does not say which city it is for.
		const other = uuidv7();
		expect(await push(staffB, meetingOp(phone, [], other))).toMatchObject({ status: 'applied' });
		const [otherRow] = await ctx.db.query<{ pack_id: string }>(
			'select pack_id from meetings where id = $1',
			[other]
		);
		expect(otherRow!.pack_id).toBe(B);
		expect(await push(adminAB, meetingOp(phone, []))).toMatchObject({
			status: 'rejected',
			reason: 'unknown_district'
		});
	});

	it("the feed of one city's accounts never carries the other city's rows", async () => {
		// A public place of each city, approved by its own staff.
		const placeA = uuidv7();
		expect(await push(staffA, placeOp(phone, A, 'fuji', placeA))).toMatchObject({
			status: 'applied'
		});
		const cityOf = new Map(
			(
				await ctx.db.query<{ entity: string; entity_id: string; city: string }>(
					'select entity, entity_id, city from changes'
				)
			).map((r) => [`${r.entity}:${r.entity_id}`, r.city])
		);
		expect(new Set(cityOf.values())).toEqual(new Set([A, B]));
		for (const [who, city] of [
			[staffA, A],
			[coordinatorA, A],
			[organizerA, A],
			[staffB, B],
			[coordinatorB, B],
			[organizerB, B]
		] as const) {
			const changes = await pullAll(who);
			expect(changes.length, who.role).toBeGreaterThan(0);
			expect(changes.filter((c) => cityOf.get(`${c.entity}:${c.id}`) !== city)).toEqual([]);
		}
		// Public data per city: each city's organizer gets its own city's public places only.
		expect((await pullAll(organizerA)).map((c) => c.id)).toContain(placeA);
		expect((await pullAll(organizerA)).map((c) => c.id)).not.toContain(placeB);
		expect((await pullAll(organizerB)).map((c) => c.id)).toContain(placeB);
		// Staff of B see all of B: its session, meeting, tally and team.
		const seenByB = new Set((await pullAll(staffB)).map((c) => c.entity));
		expect(seenByB).toEqual(new Set(['place', 'session', 'meeting', 'tally', 'team']));
		// An account holding both cities reads both.
		const both = new Set((await pullAll(adminAB)).map((c) => cityOf.get(`${c.entity}:${c.id}`)));
		expect(both).toEqual(new Set([A, B]));
	});

	it("the other city's records' history is not an account's to read", async () => {
		const [tally] = await ctx.db.query<{ id: string }>(
			'select id::text from tallies where meeting_id = $1',
			[meetingB]
		);
		const records: [Entity, string][] = [
			['place', placeB],
			['session', sessionB],
			['meeting', meetingB],
			['tally', tally!.id],
			['team', teamB]
		];
		for (const [kind, id] of records) {
			expect(await readsAudit(staffA, kind, id), kind).toBe(false);
			expect(await readsAudit(staffB, kind, id), kind).toBe(true);
		}
		expect(await readsAudit(coordinatorA, 'place', placeB)).toBe(false);
		expect(await readsAudit(coordinatorB, 'place', placeB)).toBe(true);
	});

	it("a change of an account's cities names another view: its devices start over", async () => {
		const before = await handlePull(ctx.db, staffA, { protocol: 3, since: 0, limit: 5 });
		const widened = { ...staffA, cityIds: [A, B] };
		const after = await handlePull(ctx.db, widened, {
			protocol: 3,
			since: before.cursor,
			limit: 5,
			view: before.view
		});
		expect(after).toMatchObject({ reset: true });
	});
});
