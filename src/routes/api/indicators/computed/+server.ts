/** Figures computed from the app's records for one fiscal year, by district (staff only). */
import { json } from '@sveltejs/kit';
import { canEnterIndicators, holdsCity } from '#lib/domain/policy.js';
import { appContext } from '#lib/server/app-context.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { readIndicatorQuery } from '#lib/server/http/indicator-query.js';
import { indicatorQuerySchema } from '#lib/server/http/query-schemas.js';
import { apiError } from '#lib/server/http/responses.js';
import { computeYear } from '#lib/server/indicator-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	if (!canEnterIndicators(guard.account)) return apiError(403, 'forbidden');
	const ctx = await appContext();
	// The account's city unless the query names one; another city's staff read nothing of it.
	const query = readIndicatorQuery(event.url, ctx, indicatorQuerySchema, undefined, guard.account);
	if (!query.ok) return query.response;
	if (!holdsCity(guard.account, query.planId)) return apiError(403, 'forbidden');
	const year = await computeYear(ctx, query.planId, query.fiscalYear);
	return json(
		{ planId: query.planId, computedAt: new Date().toISOString(), ...year },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
