/**
 * Staff evaluations of an indicator's year through the push path, on both engines: only staff
 * may evaluate, the year must lie in the plan and not ahead, a 見直し needs its reason, the
 * latest stamp stands whatever order evaluations arrive in, every one is kept (history and
 * audit), staff devices receive the standing one, and the evaluation sheet prints it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvaluationSheet } from '#lib/export/progress-tables.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { effectivePlan } from '#lib/server/indicator-service.js';
import { loadEvaluationHistory } from '#lib/server/indicator-evaluations-repo.js';
import { auditTrail } from '#lib/server/audit-repo.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let staff: Account;
	let admin: Account;
	let coordinator: Account;
	let organizer: Account;
	const phone = new TestDevice();

	beforeAll(async () => {
		ctx = await syncContext(engine);
		[staff, admin, coordinator, organizer] = await Promise.all([
			account(ctx, 'staff'),
			account(ctx, 'admin'),
			account(ctx, 'coordinator', ['fuji']),
			account(ctx, 'organizer')
		]);
	});
	afterAll(() => ctx.db.close());

	const push = async (who: Account, ops: unknown[], device = phone, now = Date.now()) =>
		(
			await handlePush(
				ctx.db,
				{ actor: who, packs: ctx.packs, plans: ctx.plans, now },
				{ deviceId: device.deviceId, ops }
			)
		).results;

	/** Generated test input, not a city's evaluation. */
	const evaluation = (overrides: Record<string, unknown> = {}, device = phone) => ({
		...device.envelope(),
		kind: 'indicator.evaluate',
		evaluationId: uuidv7(),
		planId: 'tsurugashima',
		indicatorNumber: 2,
		fiscalYear: 2023,
		results: '地区ごとに懇談会を開けた（テスト入力）',
		issues: '若い世代の参加が少ない（テスト入力）',
		mark: '○',
		direction: '継続',
		reason: null,
		department: '福祉政策課',
		...overrides
	});

	it('refuses everyone but staff with forbidden, and writes nothing', async () => {
		for (const who of [coordinator, organizer]) {
			const op = evaluation();
			expect(await push(who, [op])).toEqual([
				{ opId: op.opId, status: 'rejected', reason: 'forbidden' }
			]);
		}
		expect(await loadEvaluationHistory(ctx.db, 'tsurugashima', 2, 2023)).toEqual([]);
	});

	it('refuses what the plan or the rules do not allow, each with its reason', async () => {
		const results = await push(staff, [
			evaluation({ indicatorNumber: 21 }),
			evaluation({ planId: 'atlantis' }),
			// 令和3年度 is the baseline year, before the plan: nothing to evaluate.
			evaluation({ fiscalYear: 2021 }),
			evaluation({ fiscalYear: 2027 }),
			evaluation({ direction: '見直し', reason: null }),
			evaluation({ direction: '廃止', reason: '   ' }),
			evaluation({ results: null, issues: ' ', mark: null, direction: null }),
			evaluation({ mark: '◯' }),
			evaluation({ direction: 'やめる' }),
			evaluation({ results: 'あ'.repeat(4001) })
		]);
		expect(results.map((r) => r.reason)).toEqual([
			'unknown_indicator',
			'unknown_indicator',
			'outside_plan_period',
			'outside_plan_period',
			'reason_required',
			'reason_required',
			'empty_evaluation',
			'invalid_op',
			'invalid_op',
			'invalid_op'
		]);
		expect(results[2]!.details).toEqual({ from: 2022, to: 2026 });
		expect(await loadEvaluationHistory(ctx.db, 'tsurugashima', 2, 2023)).toEqual([]);
	});

	it('refuses a year that has not begun', async () => {
		// On 2024-06-01 the running year is 令和6年度: 令和7年度 is ahead.
		const now = Date.parse('2024-06-01T03:00:00Z');
		const then = new TestDevice(() => now);
		const [ahead] = await push(staff, [evaluation({ fiscalYear: 2025 }, then)], then, now);
		expect(ahead).toMatchObject({ status: 'rejected', reason: 'future_date' });
		const [running] = await push(
			staff,
			[evaluation({ fiscalYear: 2024, indicatorNumber: 7 }, then)],
			then,
			now
		);
		expect(running).toMatchObject({ status: 'applied' });
	});

	it('keeps every evaluation; the latest stamp stands whatever order they arrive in', async () => {
		const early = new TestDevice(() => Date.now() - 60_000);
		const late = new TestDevice();
		const newer = evaluation(
			{ mark: '◎', direction: '見直し', reason: '対象を広げるため（テスト入力）' },
			late
		);
		const older = evaluation({ mark: '△' }, early);
		expect(await push(admin, [newer], late)).toMatchObject([{ status: 'applied' }]);
		expect(await push(staff, [older], early)).toMatchObject([{ status: 'applied' }]);

		const history = await loadEvaluationHistory(ctx.db, 'tsurugashima', 2, 2023);
		expect(history.map((h) => [h.mark, h.recordedBy])).toEqual([
			['◎', admin.email],
			['△', staff.email]
		]);
		const plan = await effectivePlan(ctx, 'tsurugashima');
		const e = plan.indicators.find((i) => i.number === 2)!.evaluations;
		expect(e.filter((x) => x.fiscalYear === 2023)).toEqual([
			expect.objectContaining({
				mark: '◎',
				direction: '見直し',
				reason: '対象を広げるため（テスト入力）',
				source: { kind: 'reported', by: '福祉政策課' },
				recordedBy: admin.email
			})
		]);

		// The evaluation sheet (XLSX 評価シート, print view) prints it in the year's row.
		const sheet = buildEvaluationSheet(plan, 2023);
		const row = sheet.rows.find((r) => r[0] === 2)!;
		expect(row.slice(5)).toEqual([
			'地区ごとに懇談会を開けた（テスト入力）',
			'若い世代の参加が少ない（テスト入力）',
			'◎',
			'見直し',
			'対象を広げるため（テスト入力）'
		]);

		// Each evaluation is in the audit trail under its own id, with who sent it.
		const audit = await auditTrail(ctx.db, 'evaluation', older.evaluationId);
		expect(audit?.entries).toMatchObject([
			{ opId: older.opId, kind: 'indicator.evaluate', status: 'applied', userEmail: staff.email }
		]);
	});

	it('is idempotent: the same op again is answered the same, and stored once', async () => {
		const op = evaluation({ indicatorNumber: 9, fiscalYear: 2022 });
		const first = await push(staff, [op]);
		expect(await push(staff, [op])).toEqual(first);
		expect(await loadEvaluationHistory(ctx.db, 'tsurugashima', 9, 2022)).toHaveLength(1);
	});

	it('sends the standing evaluation to staff devices only', async () => {
		const staffPull = await handlePull(ctx.db, staff, { protocol: 3, since: 0, limit: 1000 });
		const evals = staffPull.changes.filter((c) => c.entity === 'evaluation');
		expect(evals.map((c) => c.id).sort()).toEqual([
			'tsurugashima/2/2023/evaluation',
			'tsurugashima/7/2024/evaluation',
			'tsurugashima/9/2022/evaluation'
		]);
		expect(
			(evals.find((c) => c.id === 'tsurugashima/2/2023/evaluation')!.data as { mark: string }).mark
		).toBe('◎');
		for (const who of [coordinator, organizer]) {
			const pull = await handlePull(ctx.db, who, { protocol: 3, since: 0, limit: 1000 });
			expect(pull.changes.some((c) => c.entity === 'evaluation')).toBe(false);
		}
	});

	it('an app of protocol 2 is not sent evaluations, and starts over once it updates', async () => {
		// The app before evaluations could not store them: its pulls leave them out, paged and
		// numbered as before.
		const old = await handlePull(ctx.db, staff, { protocol: 2, since: 0, limit: 1000 });
		expect(old.changes.some((c) => c.entity === 'evaluation')).toBe(false);
		expect(old.reset).toBe(false);
		// The same device, updated, sends back the view its protocol 2 pulls named: it starts
		// over, and the re-pull carries the evaluations its cursor had passed.
		const updated = await handlePull(ctx.db, staff, {
			protocol: 3,
			since: old.cursor,
			limit: 1000,
			view: old.view
		});
		expect(updated).toMatchObject({ reset: true, cursor: 0 });
		const again = await handlePull(ctx.db, staff, {
			protocol: 3,
			since: 0,
			limit: 1000,
			resync: true,
			purgedThrough: updated.purgedThrough,
			view: updated.view
		});
		expect(again.reset).toBe(false);
		expect(again.changes.filter((c) => c.entity === 'evaluation')).toHaveLength(3);
		// From then on its view is stable.
		const next = await handlePull(ctx.db, staff, {
			protocol: 3,
			since: again.cursor,
			limit: 1000,
			view: again.view
		});
		expect(next.reset).toBe(false);
	});
});
