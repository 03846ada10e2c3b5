/**
 * indicator.record: a yearly figure staff enter (or a computed figure they adopt). Entries are
 * append-only; the latest stamp per plan, indicator and year is the record every device sees.
 */
import { fiscalYearOf } from '$lib/domain/fiscal-year';
import { entryKey, type IndicatorEntry } from '$lib/domain/indicators/entries';
import { validateIndicatorValue } from '$lib/domain/indicators/model';
import { canEnterIndicators } from '$lib/domain/policy';
import type { OpOf } from '$lib/domain/sync/protocol';
import { rejected, type ApplyContext, type Outcome } from './apply-context';

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
	const { from, to } = plan.plan.period;
	// The year before the plan holds the baseline; no figure can be entered for a year to come.
	if (op.fiscalYear < from - 1 || op.fiscalYear > to) {
		return rejected('outside_plan_period', { from: from - 1, to });
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

	const [user] = await ctx.tx.query<{ email: string }>('select email from users where id = $1', [
		ctx.actor.userId
	]);
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
		recordedBy: user?.email ?? ''
	};
	const inserted = await ctx.tx.query(
		`insert into indicator_entries (id, plan_id, indicator_number, fiscal_year, at, recorded_by, data)
		 values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing returning id`,
		[
			op.entryId,
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
	const [latest] = await ctx.tx.query<{ data: IndicatorEntry }>(
		`select data from indicator_entries
		 where plan_id = $1 and indicator_number = $2 and fiscal_year = $3
		 order by at desc limit 1`,
		[op.planId, op.indicatorNumber, op.fiscalYear]
	);
	return {
		status: 'applied',
		changes: [
			{
				entity: 'indicator',
				entityId: entryKey(entry),
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
