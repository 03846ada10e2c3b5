/**
 * Rights over a record follow the record's own kind and scope, on both engines:
 * - a record's history (audit-repo + canReadAuditOf, what /api/audit does) is that kind's:
 *   a place registered under a meeting's id shows its owner the place's ops, never the
 *   meeting's (who ran it, their email, their phone);
 * - a city-wide meeting (no district) is staff's: no coordinator creates, edits, cancels,
 *   moves or tallies into one, nor turns a district meeting into one.
 * The same rows over HTTP are in tests/e2e/api-authorization.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canReadAuditOf } from '#lib/domain/policy.js';
import type { Entity } from '#lib/domain/sync/protocol.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import type { AppContext } from '#lib/server/app-context.js';
import { auditSubject, auditTrail } from '#lib/server/audit-repo.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';

const meetingOp = (device: TestDevice, meetingId: string, fields: Record<string, unknown>) => ({
	...device.envelope(),
	kind: 'meeting.upsert',
	meetingId,
	fields
});
const newMeeting = (districtIds: string[]) => ({
	meetingKind: 'area-meeting',
	districtIds,
	date: '2024-07-01',
	venue: '市民センター',
	closed: false
});
const tallyOp = (device: TestDevice, meetingId: string) => ({
	...device.envelope(),
	kind: 'tally.set',
	tallyId: uuidv7(),
	meetingId,
	version: 1,
	counts: { residents: 7 },
	organisations: []
});

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let organizer: Account;
	let coordinator: Account;
	let staff: Account;

	beforeAll(async () => {
		ctx = await syncContext(engine);
		[organizer, coordinator, staff] = await Promise.all([
			account(ctx, 'organizer'),
			account(ctx, 'coordinator', ['fuji']),
			account(ctx, 'staff')
		]);
	});
	afterAll(() => ctx.db.close());

	const push = async (who: Account, op: { deviceId: string }) => {
		const { results } = await handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, plans: ctx.plans, now: Date.now() },
			{ deviceId: op.deviceId, ops: [op] }
		);
		return results[0]!;
	};
	/** What GET /api/audit answers `who` for the record of `kind` with `id`. */
	const readAudit = async (who: Account, kind: Entity, id: string) => {
		const subject = await auditSubject(ctx.db, kind, id);
		if (!subject) return 'unknown_record' as const;
		if (!canReadAuditOf(who, subject)) return 'forbidden' as const;
		return (await auditTrail(ctx.db, kind, id))!.entries;
	};

	describe("a record's history is read by its own kind and scope", () => {
		it("a place registered under a meeting's id shows its owner the place's ops only", async () => {
			const coordinatorPhone = new TestDevice();
			const meetingId = uuidv7();
			const meeting = meetingOp(coordinatorPhone, meetingId, newMeeting(['fuji']));
			expect(await push(coordinator, meeting)).toMatchObject({ status: 'applied' });

			const organizerPhone = new TestDevice();
			const place = {
				...organizerPhone.envelope(),
				kind: 'place.upsert',
				placeId: meetingId,
				packId: 'tsurugashima',
				fields: { name: 'テスト用サロン（生成）', category: 'salon', districtId: 'sakae' }
			};
			expect(await push(organizer, place)).toMatchObject({ status: 'applied' });

			const placeTrail = await readAudit(organizer, 'place', meetingId);
			expect(placeTrail).not.toBe('forbidden');
			expect(JSON.stringify(placeTrail)).not.toContain(coordinator.email);
			expect(JSON.stringify(placeTrail)).not.toContain(coordinatorPhone.deviceId);
			expect((placeTrail as { opId: string; kind: string }[]).map((e) => [e.opId, e.kind])).toEqual(
				[[place.opId, 'place.upsert']]
			);
			// The meeting under that id is the meeting's: its history is not the organizer's.
			expect(await readAudit(organizer, 'meeting', meetingId)).toBe('forbidden');
			// Staff read each, and each holds its own kind's op.
			const staffMeeting = await readAudit(staff, 'meeting', meetingId);
			expect((staffMeeting as { opId: string; userEmail: string }[]).map((e) => e.opId)).toEqual([
				meeting.opId
			]);
			expect((staffMeeting as { userEmail: string }[])[0]!.userEmail).toBe(coordinator.email);
		});

		it('an id of no record of that kind is unknown, to staff too', async () => {
			const phone = new TestDevice();
			const meetingId = uuidv7();
			expect(
				await push(coordinator, meetingOp(phone, meetingId, newMeeting(['fuji'])))
			).toMatchObject({ status: 'applied' });
			expect(await readAudit(staff, 'place', meetingId)).toBe('unknown_record');
			expect(await readAudit(staff, 'session', meetingId)).toBe('unknown_record');
			expect(await readAudit(staff, 'tally', 'not-a-uuid')).toBe('unknown_record');
			expect(await readAudit(organizer, 'meeting', uuidv7())).toBe('unknown_record');
		});

		it("a district's coordinator reads its places' history, not its meetings'", async () => {
			const phone = new TestDevice();
			const placeId = uuidv7();
			const place = {
				...phone.envelope(),
				kind: 'place.upsert',
				placeId,
				packId: 'tsurugashima',
				fields: { name: 'テスト用サロン（生成）', category: 'salon', districtId: 'fuji' }
			};
			expect(await push(organizer, place)).toMatchObject({ status: 'applied' });
			const meetingId = uuidv7();
			expect(await push(staff, meetingOp(phone, meetingId, newMeeting(['fuji'])))).toMatchObject({
				status: 'applied'
			});
			expect(await readAudit(coordinator, 'place', placeId)).toHaveLength(1);
			expect(await readAudit(coordinator, 'meeting', meetingId)).toBe('forbidden');
		});
	});

	describe('a city-wide meeting is run by staff only', () => {
		/** A city-wide meeting made by staff, for one test. */
		async function cityWide(): Promise<string> {
			const meetingId = uuidv7();
			const op = meetingOp(new TestDevice(), meetingId, newMeeting([]));
			expect(await push(staff, op)).toMatchObject({ status: 'applied' });
			return meetingId;
		}

		it('a coordinator may not make one', async () => {
			const op = meetingOp(new TestDevice(), uuidv7(), newMeeting([]));
			expect(await push(coordinator, op)).toMatchObject({
				status: 'rejected',
				reason: 'forbidden'
			});
		});

		it('a coordinator does not see one, and may not cancel, move or tally into it', async () => {
			const meetingId = await cityWide();
			const feed = await handlePull(ctx.db, coordinator, { protocol: 3, since: 0, limit: 1000 });
			expect(feed.changes.map((c) => c.id)).not.toContain(meetingId);
			const phone = new TestDevice();
			for (const op of [
				meetingOp(phone, meetingId, { cancelled: true }),
				meetingOp(phone, meetingId, { districtIds: ['fuji'] }),
				tallyOp(phone, meetingId)
			]) {
				expect(await push(coordinator, op), op.kind).toMatchObject({
					status: 'rejected',
					reason: 'forbidden'
				});
			}
			const [row] = await ctx.db.query<{ district_ids: string[]; cancelled: boolean }>(
				"select district_ids, (data->>'cancelled')::boolean as cancelled from meetings where id = $1",
				[meetingId]
			);
			expect(row).toEqual({ district_ids: [], cancelled: false });
			const [tallies] = await ctx.db.query<{ n: number }>(
				'select count(*)::int as n from tallies where meeting_id = $1',
				[meetingId]
			);
			expect(tallies!.n).toBe(0);
		});

		it("a coordinator may not turn their district's meeting into a city-wide one", async () => {
			const meetingId = uuidv7();
			const phone = new TestDevice();
			expect(
				await push(coordinator, meetingOp(phone, meetingId, newMeeting(['fuji'])))
			).toMatchObject({ status: 'applied' });
			expect(
				await push(coordinator, meetingOp(phone, meetingId, { districtIds: [] }))
			).toMatchObject({ status: 'rejected', reason: 'forbidden' });
		});

		it('staff cancel, move and tally into one', async () => {
			const meetingId = await cityWide();
			const phone = new TestDevice();
			for (const op of [
				tallyOp(phone, meetingId),
				meetingOp(phone, meetingId, { cancelled: true }),
				meetingOp(phone, meetingId, { districtIds: ['fuji'] })
			]) {
				expect(await push(staff, op), op.kind).toMatchObject({ status: 'applied' });
			}
		});
	});
});
