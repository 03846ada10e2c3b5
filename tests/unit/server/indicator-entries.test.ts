/**
 * Staff entries of yearly indicator figures through the push path, on both engines: who may
 * enter, values checked against the indicator's shape, the latest stamp stands whatever order
 * entries arrive in, staff devices receive the record, and the outputs use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { effectivePlan } from '#lib/server/indicator-service.js';
import { loadEntryHistory } from '#lib/server/indicators-repo.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import { buildOpenDataRows } from '#lib/domain/indicators/progress-table.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { COMPUTATION_QUERY } from '#lib/domain/indicators/computations.js';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';
import { indicatorOp, meetingOp, newMeetingFields, tallyOp } from '../ops';

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let staff: Account;
	let coordinator: Account;
	const phone = new TestDevice();

	beforeAll(async () => {
		ctx = await syncContext(engine);
		staff = await account(ctx, 'staff');
		coordinator = await account(ctx, 'coordinator', ['fuji']);
	});
	afterAll(() => ctx.db.close());

	const push = async (who: Account, ops: unknown[], device = phone) =>
		(
			await handlePush(
				ctx.db,
				{ actor: who, packs: ctx.packs, plans: ctx.plans, now: Date.now() },
				{ deviceId: device.deviceId, ops }
			)
		).results;

	const entry = (overrides: Parameters<typeof indicatorOp>[1] = {}, device = phone) =>
		indicatorOp(device, overrides);

	it('stores a staff entry; it becomes the year record in the plan and in the open data', async () => {
		const [result] = await push(staff, [entry()]);
		expect(result).toMatchObject({ status: 'applied' });
		const plan = await effectivePlan(ctx, 'tsurugashima');
		const no3 = plan.indicators.find((i) => i.number === 3)!;
		const r2024 = no3.records.find((r) => r.fiscalYear === 2024)!;
		expect(r2024.value).toEqual({ kind: 'number', value: 150 });
		expect(r2024.recordedBy).toBe(staff.email);
		// The transcribed years are still there.
		expect(no3.records.find((r) => r.fiscalYear === 2023)?.value).toEqual({
			kind: 'number',
			value: 145
		});
		const open = buildOpenDataRows(plan, 2024);
		const row = open.rows.find((r) => r[0] === 3)!;
		expect(row).toContain('150');
	});

	it('refuses a coordinator, and values that do not fit the indicator', async () => {
		const results = await push(coordinator, [entry()]);
		expect(results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
		const bad = await push(staff, [
			// No. 2 is a count with participants: a plain number does not fit.
			entry({ indicatorNumber: 2, value: { kind: 'number', value: 3 } }),
			// No. 5 counts groups: no fractions.
			entry({ indicatorNumber: 5, value: { kind: 'number', value: 80.5 } }),
			entry({ indicatorNumber: 21 }),
			entry({ fiscalYear: 2030 }),
			entry({ source: { kind: 'document', document: 'nope' } })
		]);
		expect(bad.map((r) => r.reason)).toEqual([
			'invalid_value',
			'invalid_value',
			'unknown_indicator',
			'outside_plan_period',
			'unknown_source'
		]);
		expect(bad[1]!.details).toEqual({ issues: [{ path: 'value', code: 'too-many-decimals' }] });
	});

	it('keeps the entry with the latest stamp, whatever order they arrive in, and all as history', async () => {
		const early = new TestDevice(() => Date.now() - 60_000);
		const late = new TestDevice();
		const newer = entry({ indicatorNumber: 4, value: { kind: 'number', value: 66 } }, late);
		const older = entry({ indicatorNumber: 4, value: { kind: 'number', value: 65 } }, early);
		expect(await push(staff, [newer], late)).toMatchObject([{ status: 'applied' }]);
		expect(await push(staff, [older], early)).toMatchObject([{ status: 'applied' }]);
		const plan = await effectivePlan(ctx, 'tsurugashima');
		const r = plan.indicators
			.find((i) => i.number === 4)!
			.records.find((x) => x.fiscalYear === 2024);
		expect(r?.value).toEqual({ kind: 'number', value: 66 });
		const history = await loadEntryHistory(ctx.db, 'tsurugashima', 4, 2024);
		expect(history.map((h) => (h.value as { value: number }).value)).toEqual([66, 65]);
	});

	it('sends the standing record to staff devices only', async () => {
		const staffPull = await handlePull(ctx.db, staff, { protocol: 2, since: 0, limit: 1000 });
		const records = staffPull.changes.filter((c) => c.entity === 'indicator');
		expect(records.map((c) => c.id).sort()).toEqual(['tsurugashima/3/2024', 'tsurugashima/4/2024']);
		expect(
			(records.find((c) => c.id === 'tsurugashima/4/2024')!.data as { value: unknown }).value
		).toEqual({ kind: 'number', value: 66 });
		const coordinatorPull = await handlePull(ctx.db, coordinator, {
			protocol: 2,
			since: 0,
			limit: 1000
		});
		expect(coordinatorPull.changes.some((c) => c.entity === 'indicator')).toBe(false);
	});

	it('adopts a computed figure only as the server computes it from the records', async () => {
		// Generated records of FY2024: two area meetings in 藤, tallied on two phones and one.
		const first = uuidv7();
		const second = uuidv7();
		const tallyPhone = new TestDevice();
		const tallyResults = await push(coordinator, [
			meetingOp(phone, first, newMeetingFields(['fuji'], '2024-06-04')),
			meetingOp(phone, second, newMeetingFields(['fuji'], '2024-10-08')),
			tallyOp(phone, first, { counts: { residents: 12, 'city-staff': 2 } }),
			tallyOp(phone, second, { counts: { residents: 18 } })
		]);
		tallyResults.push(
			...(await push(
				coordinator,
				[tallyOp(tallyPhone, first, { counts: { residents: 9 } })],
				tallyPhone
			))
		);
		expect(tallyResults.map((r) => r.status)).toEqual(Array(5).fill('applied'));
		const adopted = (value: { count: number; participants: number }, query: string) =>
			entry({
				indicatorNumber: 2,
				value: { kind: 'count-with-participants', ...value },
				source: { kind: 'computed', query, computedAt: new Date().toISOString() }
			});
		const query = COMPUTATION_QUERY['area-meetings'];

		const refused = await push(staff, [
			// A phone's figure the records do not give (sent from a stale screen, or made up).
			adopted({ count: 2, participants: 99 }, query),
			// Another computation's name, or one the indicator is not fed by.
			adopted({ count: 2, participants: 41 }, 'meetings(kind=area-meeting).count'),
			entry({ source: { kind: 'computed', query } })
		]);
		expect(refused.map((r) => [r.status, r.reason])).toEqual([
			['rejected', 'computed_figure_differs'],
			['rejected', 'unknown_computation'],
			['rejected', 'unknown_computation']
		]);
		// The refusal names the figure the records give, for the screen to offer again.
		expect(refused[0]!.details).toEqual({
			value: { kind: 'count-with-participants', count: 2, participants: 41 }
		});

		const [result] = await push(staff, [adopted({ count: 2, participants: 41 }, query)]);
		expect(result).toMatchObject({ status: 'applied' });
		const plan = await effectivePlan(ctx, 'tsurugashima');
		const r = plan.indicators
			.find((i) => i.number === 2)!
			.records.find((x) => x.fiscalYear === 2024)!;
		expect(r.source.kind).toBe('computed');
		expect(r.value).toEqual({ kind: 'count-with-participants', count: 2, participants: 41 });
		const open = buildOpenDataRows(plan, 2024);
		expect(open.rows.find((x) => x[0] === 2)!.join('|')).toContain('computed from app data');
	});

	it('checks an adoption against the records pushed before it in the same batch', async () => {
		const meetingId = uuidv7();
		const query = COMPUTATION_QUERY['area-meetings'];
		const results = await push(staff, [
			meetingOp(phone, meetingId, newMeetingFields(['fuji'], '2024-11-12')),
			tallyOp(phone, meetingId, { counts: { residents: 7 } }),
			entry({
				indicatorNumber: 2,
				value: { kind: 'count-with-participants', count: 3, participants: 48 },
				source: { kind: 'computed', query }
			})
		]);
		expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
	});
});
