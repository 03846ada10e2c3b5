/**
 * indicator.evaluate: staff evaluate an indicator's fiscal year (成果, 課題, mark, direction,
 * reason). Evaluations are append-only; the latest stamp per plan, indicator and year is the
 * evaluation every staff device sees (entity `evaluation`) and the outputs print.
 */
import { fiscalYearOf } from '#lib/domain/fiscal-year.js';
import {
	evaluationIssues,
	evaluationKey,
	type EvaluationEntry
} from '#lib/domain/indicators/evaluations.js';
import { canEvaluateIndicators, holdsCity } from '#lib/domain/policy.js';
import { planYears } from '#lib/domain/indicators/model.js';
import type { OpOf } from '#lib/domain/sync/protocol.js';
import { rejected, type ApplyContext, type Outcome } from './apply-context';
import { appendPlanRecord, recorderEmail } from './append-plan-record';

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
	// A plan is its city's (plan id = city id): another city's staff evaluate nothing in it.
	if (!holdsCity(ctx.actor, op.planId)) return rejected('forbidden', { city: op.planId });
	// A year is evaluated within the plan (the baseline year has nothing to evaluate), once it
	// has begun: no evaluation of a year to come.
	const { from, to } = planYears(plan).plan;
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
	const issues = evaluationIssues(body, plan.evaluation);
	if (issues.some((i) => i.code === 'empty')) return rejected('empty_evaluation');
	if (issues.some((i) => i.code === 'reason-required')) {
		return rejected('reason_required', { direction: op.direction });
	}
	if (issues.length > 0) return rejected('invalid_op', { issues });

	const entry: EvaluationEntry = {
		evaluationId: op.evaluationId,
		planId: op.planId,
		indicatorNumber: op.indicatorNumber,
		fiscalYear: op.fiscalYear,
		at: op.at,
		...body,
		recordedBy: await recorderEmail(ctx)
	};
	return appendPlanRecord(ctx, 'evaluation', op.evaluationId, evaluationKey(entry), entry, entry);
}
