/**
 * indicator.record: a yearly figure staff enter (or a computed figure they adopt). Entries are
 * append-only; the latest stamp per plan, indicator and year is the record every device sees.
 */
import { fiscalYearOf } from '#lib/domain/fiscal-year.js';
import { entryKey, type IndicatorEntry } from '#lib/domain/indicators/entries.js';
import { planYears, validateIndicatorValue } from '#lib/domain/indicators/model.js';
import { canEnterIndicators, holdsCity } from '#lib/domain/policy.js';
import type { OpOf } from '#lib/domain/sync/protocol.js';
import { rejected, type ApplyContext, type Outcome } from './apply-context';
import { appendPlanRecord, recorderEmail } from './append-plan-record';

export async function applyIndicatorRecord(
	ctx: ApplyContext,
	op: OpOf<'indicator.record'>
): Promise<Outcome> {
	if (!canEnterIndicators(ctx.actor)) return rejected('forbidden');
	const plan = ctx.plans?.get(op.planId);
	const indicator = plan?.indicators.find((i) => i.number === op.indicatorNumber);
	if (!plan || !indicator) {
		return rejected('unknown_indicator', {
			planId: op.planId,
			indicatorNumber: op.indicatorNumber
		});
	}
	// A plan is its city's (plan id = city id): another city's staff enter nothing in it.
	if (!holdsCity(ctx.actor, op.planId)) return rejected('forbidden', { city: op.planId });
	// The year before the plan holds the baseline; no figure can be entered for a year to come.
	const { from, to } = planYears(plan).entry;
	if (op.fiscalYear < from || op.fiscalYear > to) {
		return rejected('outside_plan_period', { from, to });
	}
	if (op.fiscalYear > fiscalYearOf(ctx.now)) {
		return rejected('future_date', { fiscalYear: op.fiscalYear });
	}
	const check = validateIndicatorValue(indicator.shape, op.value);
	if (!check.ok) {
		return rejected('invalid_value', {
			issues: check.issues
				.filter((i) => i.severity === 'error')
				.map((i) => ({
					path: i.path,
					code: i.code
				}))
		});
	}
	const source = op.source;
	if (source.kind === 'document' && !plan.sources.some((s) => s.id === source.document)) {
		return rejected('unknown_source', { document: source.document });
	}

	const entry: IndicatorEntry = {
		entryId: op.entryId,
		planId: op.planId,
		indicatorNumber: op.indicatorNumber,
		fiscalYear: op.fiscalYear,
		at: op.at,
		value: op.value,
		activities: op.activities,
		source: op.source,
		...(op.dataYear ? { dataYear: op.dataYear } : {}),
		note: op.note,
		recordedBy: await recorderEmail(ctx)
	};
	return appendPlanRecord(ctx, 'indicator', op.entryId, entryKey(entry), entry, entry);
}
