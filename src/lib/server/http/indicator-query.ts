/**
 * The query every indicator endpoint takes: the city whose plan it reads and `fy` (a fiscal
 * year: `2023`, or as the documents write it, `令和5年度` / `R5`), plus what the endpoint's own
 * schema adds (query-schemas.ts). The city is `?city=`; `?plan=` (a plan id is its city id) is
 * what pages before cities named it and still works; with neither, the signed-in account's
 * city (`accountCity`), else the deployment's default city — so a Tokorozawa account's screens
 * read Tokorozawa without naming it. Whether the account may read that city is the endpoint's
 * check (staff endpoints: `holdsCity`, else 403). Bad input gets a reason code, never a guess:
 * an unknown or repeated parameter, a wrong type, or both `city` and `plan` → 400
 * `invalid_query`; an unknown plan → 404 `unknown_plan`, an unknown city → 404 `unknown_city`,
 * a city without a plan → 404 `no_plan`; a year that cannot be read or lies outside the years
 * the endpoint serves → 400 `invalid_fiscal_year` with the range in `details`.
 */
import type { z } from 'zod';
import { parseFiscalYear } from '#lib/domain/fiscal-year.js';
import { planYears, type PlanPack } from '#lib/domain/indicators/model.js';
import type { CityScope } from '#lib/domain/policy.js';
import type { AppContext } from '../app-context';
import { accountCity } from '../pack-service';
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
type IndicatorSchema = z.ZodType<{
	city?: string | undefined;
	plan?: string | undefined;
	fy?: string | undefined;
}>;

export type IndicatorQuery<Q> =
	| { ok: true; planId: string; plan: PlanPack; fiscalYear: number; query: Q }
	| { ok: false; response: Response };

export function readIndicatorQuery<S extends IndicatorSchema>(
	url: URL,
	ctx: Pick<AppContext, 'plans' | 'packs' | 'defaultPackId'>,
	schema: S,
	range: YearRange = 'with-year-before',
	/** The signed-in account, if any: its city answers when the query names none. */
	account: CityScope | null = null
): IndicatorQuery<z.output<S>> {
	const read = readQuery(url, schema);
	if (!read.ok) return read;
	const query = read.value;
	const found = planOf(query, ctx, account);
	if (!found.ok) return found;
	const { planId, plan } = found;
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

type PlanOf = { ok: true; planId: string; plan: PlanPack } | { ok: false; response: Response };

function planOf(
	query: { city?: string | undefined; plan?: string | undefined },
	ctx: Pick<AppContext, 'plans' | 'packs' | 'defaultPackId'>,
	account: CityScope | null
): PlanOf {
	const refuse = (response: Response): PlanOf => ({ ok: false, response });
	if (query.city !== undefined && query.plan !== undefined) {
		return refuse(apiError(400, 'invalid_query', [{ path: 'city', code: 'city_and_plan' }]));
	}
	if (query.plan !== undefined) {
		const plan = ctx.plans.get(query.plan);
		if (!plan) {
			return refuse(
				apiError(404, 'unknown_plan', { plan: query.plan, known: [...ctx.plans.keys()] })
			);
		}
		return { ok: true, planId: query.plan, plan };
	}
	const city = query.city ?? (account && accountCity(ctx, account)) ?? ctx.defaultPackId;
	if (!ctx.packs.has(city)) {
		return refuse(apiError(404, 'unknown_city', { city, known: [...ctx.packs.keys()] }));
	}
	const plan = ctx.plans.get(city);
	if (!plan) return refuse(apiError(404, 'no_plan', { city }));
	return { ok: true, planId: city, plan };
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
