/**
 * indicator.record: a yearly figure staff enter (or a computed figure they adopt). Entries are
 * append-only; the latest stamp per plan, indicator and year is the record every device sees.
 *
 * An adopted figure (source `computed`) is not taken on the phone's word: counts are computed
 * on the server from canonical rows. The server recomputes the indicator's computation for the
 * year, from the rows as they stand in this transaction, and takes the entry only if the
 * phone's figure is that one; else it answers `computed_figure_differs` with the figure the
 * records give now (records logged since the phone fetched its figures), and the person adopts
 * again.
 */
import { fiscalYearOf } from '#lib/domain/fiscal-year.js';
import { entryKey, type IndicatorEntry } from '#lib/domain/indicators/entries.js';
import { COMPUTATION_QUERY } from '#lib/domain/indicators/computations.js';
import {
	planYears,
	validateIndicatorValue,
	type Indicator,
	type IndicatorValue
} from '#lib/domain/indicators/model.js';
import { canEnterIndicators, holdsCity } from '#lib/domain/policy.js';
import type { OpOf } from '#lib/domain/sync/protocol.js';
import { rejected, type ApplyContext, type Outcome } from './apply-context';
import { appendPlanRecord, recorderEmail } from './append-plan-record';
import { computeYear } from '../indicator-service';

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
	if (source.kind === 'computed') {
		const refusal = await refuseComputed(ctx, indicator, op, source.query);
		if (refusal) return refusal;
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

/**
 * Why an adopted figure is refused, or null: it must name the indicator's own computation
 * (`unknown_computation` otherwise) and be the figure the server computes now.
 */
async function refuseComputed(
	ctx: ApplyContext,
	indicator: Indicator,
	op: OpOf<'indicator.record'>,
	query: string
): Promise<Outcome | null> {
	const computation = indicator.computedFrom;
	if (!computation || COMPUTATION_QUERY[computation] !== query) {
		return rejected('unknown_computation', {
			query: computation ? COMPUTATION_QUERY[computation] : null
		});
	}
	const year = await computeYear(
		{ db: ctx.tx, packs: ctx.packs, plans: ctx.plans! },
		op.planId,
		op.fiscalYear,
		ctx.now
	);
	const { value } = year.figures[computation];
	return sameValue(value, op.value) ? null : rejected('computed_figure_differs', { value });
}

/** Equal values whatever the order of their keys (the phone's JSON, the server's object). */
function sameValue(a: IndicatorValue, b: IndicatorValue): boolean {
	const canonical = (v: unknown): unknown =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.entries(v)
						.sort(([x], [y]) => x.localeCompare(y))
						.map(([k, x]) => [k, canonical(x)])
				)
			: v;
	return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
