/**
 * Indicators of a city's welfare plan for a fiscal year: the figures computed from the app's
 * records. Routes call this; SQL stays in indicators-repo.ts, rules in domain/indicators.
 */
import { computeIndicators, type ComputedYear } from '#lib/domain/indicators/computations.js';
import { withEntries } from '#lib/domain/indicators/entries.js';
import { withEvaluations } from '#lib/domain/indicators/evaluations.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import { todayInJapan } from '#lib/domain/fiscal-year.js';
import type { AppContext } from './app-context';
import type { Queryable } from './db/database';
import { loadLatestEvaluations } from './indicator-evaluations-repo';
import { loadComputeInput, loadLatestEntries } from './indicators-repo';

export class UnknownPlanError extends Error {
	constructor(readonly planId: string) {
		super(`unknown plan ${planId}`);
	}
}

export function planFor(ctx: Pick<AppContext, 'plans'>, planId: string): PlanPack {
	const plan = ctx.plans.get(planId);
	if (!plan) throw new UnknownPlanError(planId);
	return plan;
}

/**
 * Every computation of the catalogue for one fiscal year of the city `planId`. `db` may be a
 * transaction (an adoption is checked against the rows the same push wrote before it).
 */
export async function computeYear(
	ctx: Pick<AppContext, 'packs' | 'plans'> & { db: Queryable },
	planId: string,
	fiscalYear: number,
	now = Date.now()
): Promise<ComputedYear> {
	planFor(ctx, planId);
	const loaded = ctx.packs.get(planId);
	if (!loaded) throw new UnknownPlanError(planId);
	const today = todayInJapan(now);
	const input = await loadComputeInput(ctx.db, {
		packId: planId,
		fiscalYear,
		districtIds: loaded.pack.districts.map((d) => d.id),
		today
	});
	return computeIndicators(input);
}

/** The plan as it stands: transcribed records with staff entries and evaluations applied. */
export async function effectivePlan(
	ctx: Pick<AppContext, 'db' | 'plans'>,
	planId: string
): Promise<PlanPack> {
	const plan = planFor(ctx, planId);
	const [entries, evaluations] = await Promise.all([
		loadLatestEntries(ctx.db, planId),
		loadLatestEvaluations(ctx.db, planId)
	]);
	return withEvaluations(withEntries(plan, planId, entries), planId, evaluations);
}
