/**
 * Every entry and every evaluation of one indicator and year, newest first: who entered or
 * evaluated what, when (staff only).
 */
import { json } from '@sveltejs/kit';
import { canEnterIndicators, holdsCity } from '#lib/domain/policy.js';
import { appContext } from '#lib/server/app-context.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { readIndicatorQuery } from '#lib/server/http/indicator-query.js';
import { historyQuerySchema } from '#lib/server/http/query-schemas.js';
import { apiError } from '#lib/server/http/responses.js';
import { loadEvaluationHistory } from '#lib/server/indicator-evaluations-repo.js';
import { loadEntryHistory } from '#lib/server/indicators-repo.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	if (!canEnterIndicators(guard.account)) return apiError(403, 'forbidden');
	const ctx = await appContext();
	// The account's city unless the query names one; another city's staff read nothing of it.
	const query = readIndicatorQuery(event.url, ctx, historyQuerySchema, undefined, guard.account);
	if (!query.ok) return query.response;
	if (!holdsCity(guard.account, query.planId)) return apiError(403, 'forbidden');
	const { no } = query.query;
	if (!query.plan.indicators.some((i) => i.number === no)) {
		return apiError(404, 'unknown_indicator', { no });
	}
	const [entries, evaluations] = await Promise.all([
		loadEntryHistory(ctx.db, query.planId, no, query.fiscalYear),
		loadEvaluationHistory(ctx.db, query.planId, no, query.fiscalYear)
	]);
	return json({ entries, evaluations }, { headers: { 'cache-control': 'no-store' } });
};
