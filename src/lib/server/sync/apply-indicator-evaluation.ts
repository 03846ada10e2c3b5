/**
 * indicator.evaluate: staff evaluate an indicator's fiscal year (成果, 課題, mark, direction,
 * reason). Evaluations are append-only; the latest stamp per plan, indicator and year is the
 * evaluation every staff device sees (entity `evaluation`) and the outputs print.
 */
import { fiscalYearOf } from '$lib/domain/fiscal-year';
import {
	evaluationIssues,
	evaluationKey,
	type EvaluationEntry
} from '$lib/domain/indicators/evaluations';
import { canEvaluateIndicators } from '$lib/domain/policy';
import type { OpOf } from '$lib/domain/sync/protocol';
import { rejected, type ApplyContext, type Outcome } from './apply-context';

const textOrNull = (s: string | null) => (s === null || s.trim() === '' ? null : s);

export async function applyIndicatorEvaluate(
	ctx: ApplyContext,
	op: OpOf<'indicator.evaluate'>
): Promise<Outcome> {
	if (!canEvaluateIndicators(ctx.actor)) return rejected('forbidden');
	const plan = ctx.plans?.get(op.planId);
	if (!plan?.indicators.some((i) => i.number === op.indicatorNumber)) {
		return rejected('unknown_indicator', {
			planId: op.planId,
			indicatorNumber: op.indicatorNumber
		});
	}
	// A year is evaluated within the plan (the baseline year has nothing to evaluate), once it
	// has begun: no evaluation of a year to come.
	const { from, to } = plan.plan.period;
	if (op.fiscalYear < from || op.fiscalYear > to) {
		return rejected('outside_plan_period', { from, to });
	}
	if (op.fiscalYear > fiscalYearOf(ctx.now)) {
		return rejected('future_date', { fiscalYear: op.fiscalYear });
	}
	const body = {
		results: textOrNull(op.results),
		issues: textOrNull(op.issues),
		mark: op.mark,
		direction: op.direction,
		reason: textOrNull(op.reason),
		department: op.department
	};
	const issues = evaluationIssues(body);
	if (issues.some((i) => i.code === 'empty')) return rejected('empty_evaluation');
	if (issues.some((i) => i.code === 'reason-required')) {
		return rejected('reason_required', { direction: op.direction });
	}
	if (issues.length > 0) return rejected('invalid_op', { issues });

	const [user] = await ctx.tx.query<{ email: string }>('select email from users where id = $1', [
		ctx.actor.userId
	]);
	const entry: EvaluationEntry = {
		evaluationId: op.evaluationId,
		planId: op.planId,
		indicatorNumber: op.indicatorNumber,
		fiscalYear: op.fiscalYear,
		at: op.at,
		...body,
		recordedBy: user?.email ?? ''
	};
	const inserted = await ctx.tx.query(
		`insert into indicator_evaluations (id, plan_id, indicator_number, fiscal_year, at, recorded_by, data)
		 values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing returning id`,
		[
			op.evaluationId,
			op.planId,
			op.indicatorNumber,
			op.fiscalYear,
			op.at,
			ctx.actor.userId,
			JSON.stringify(entry)
		]
	);
	if (inserted.length === 0) {
		return { status: 'conflict', reason: 'version_exists', details: {}, changes: [] };
	}
	const [latest] = await ctx.tx.query<{ data: EvaluationEntry }>(
		`select data from indicator_evaluations
		 where plan_id = $1 and indicator_number = $2 and fiscal_year = $3
		 order by at desc limit 1`,
		[op.planId, op.indicatorNumber, op.fiscalYear]
	);
	return {
		status: 'applied',
		changes: [
			{
				entity: 'evaluation',
				entityId: evaluationKey(entry),
				data: latest!.data,
				deleted: false,
				// Staff only: the feed shows it to those who see all records.
				ownerId: null,
				districtIds: [],
				isPublic: false
			}
		]
	};
}
