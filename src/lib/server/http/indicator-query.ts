/**
 * The query every indicator endpoint takes: `plan` (a city id, e.g. tsurugashima) and `fy`
 * (a fiscal year: `2023`, or as the documents write it, `令和5年度` / `R5`). Bad input gets a
 * reason code, never a guess.
 */
import { parseFiscalYear } from '$lib/domain/fiscal-year';
import type { PlanPack } from '$lib/domain/indicators/model';
import type { AppContext } from '../app-context';
import { apiError } from './responses';

export type IndicatorQuery =
	| { ok: true; planId: string; plan: PlanPack; fiscalYear: number }
	| { ok: false; response: Response };

export function readIndicatorQuery(url: URL, ctx: Pick<AppContext, 'plans'>): IndicatorQuery {
	const planId = url.searchParams.get('plan') ?? '';
	const plan = ctx.plans.get(planId);
	if (!plan) {
		return {
			ok: false,
			response: apiError(404, 'unknown_plan', { plan: planId, known: [...ctx.plans.keys()] })
		};
	}
	const fy = url.searchParams.get('fy');
	const fiscalYear = fy === null ? null : parseFiscalYear(fy);
	// The year before the plan's first is its baseline year; later years have nothing yet.
	const { from, to } = plan.plan.period;
	if (fiscalYear === null || fiscalYear < from - 1 || fiscalYear > to) {
		return {
			ok: false,
			response: apiError(400, 'invalid_fiscal_year', { fy, from: from - 1, to })
		};
	}
	return { ok: true, planId, plan, fiscalYear };
}

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(asciiName: string, utf8Name: string = asciiName): string {
	return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}
