/**
 * The query every indicator endpoint takes: `plan` (a city id, e.g. tsurugashima) and `fy`
 * (a fiscal year: `2023`, or as the documents write it, `令和5年度` / `R5`), plus what the
 * endpoint's own schema adds (query-schemas.ts). Bad input gets a reason code, never a guess:
 * an unknown or repeated parameter or a wrong type → 400 `invalid_query`, an unknown plan →
 * 404 `unknown_plan`, a year that cannot be read or lies outside the years the endpoint
 * serves → 400 `invalid_fiscal_year` with the range in `details`.
 */
import type { z } from 'zod';
import { parseFiscalYear } from '#lib/domain/fiscal-year.js';
import { planYears, type PlanPack } from '#lib/domain/indicators/model.js';
import type { AppContext } from '../app-context';
import { readQuery } from './read-query';
import { apiError } from './responses';

/**
 * Which fiscal years an endpoint serves:
 * - `with-year-before`: the plan's years and the one before its first (figures may be entered
 *   and computed for it, to set against the baseline: 2021 for a 2022–2026 plan);
 * - `plan`: the plan's own years only. The progress table (進捗管理表) has one column per plan
 *   year through the one asked for, so the year before the plan has no table.
 */
export type YearRange = 'with-year-before' | 'plan';

/** `indicatorQuerySchema` or one of its extensions. */
type IndicatorSchema = z.ZodType<{ plan: string; fy?: string | undefined }>;

export type IndicatorQuery<Q> =
	| { ok: true; planId: string; plan: PlanPack; fiscalYear: number; query: Q }
	| { ok: false; response: Response };

export function readIndicatorQuery<S extends IndicatorSchema>(
	url: URL,
	ctx: Pick<AppContext, 'plans'>,
	schema: S,
	range: YearRange = 'with-year-before'
): IndicatorQuery<z.output<S>> {
	const read = readQuery(url, schema);
	if (!read.ok) return read;
	const query = read.value;
	const planId = query.plan;
	const plan = ctx.plans.get(planId);
	if (!plan) {
		return {
			ok: false,
			response: apiError(404, 'unknown_plan', { plan: planId, known: [...ctx.plans.keys()] })
		};
	}
	const { from, to } = fiscalYearRange(plan, range);
	const fiscalYear = query.fy === undefined ? null : parseFiscalYear(query.fy);
	if (fiscalYear === null || fiscalYear < from || fiscalYear > to) {
		return {
			ok: false,
			response: apiError(400, 'invalid_fiscal_year', { fy: query.fy ?? null, from, to })
		};
	}
	return { ok: true, planId, plan, fiscalYear, query };
}

/** The first and last fiscal year an endpoint of `range` serves for `plan`. */
export function fiscalYearRange(plan: PlanPack, range: YearRange): { from: number; to: number } {
	const years = planYears(plan);
	return range === 'plan' ? years.plan : years.entry;
}

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(asciiName: string, utf8Name: string = asciiName): string {
	return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}
