/**
 * Open data: one row per indicator of the plan for a fiscal year (no, title, unit, baseline,
 * target, value, source). Only figures a person stands behind are published: transcribed from
 * the plan's reports or entered / adopted by staff. A computed figure nobody adopted is not.
 */
import { buildOpenDataRows, tableToCsv } from '#lib/domain/indicators/progress-table.js';
import { appContext } from '#lib/server/app-context.js';
import { attachment, readIndicatorQuery } from '#lib/server/http/indicator-query.js';
import { indicatorQuerySchema } from '#lib/server/http/query-schemas.js';
import { effectivePlan } from '#lib/server/indicator-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const ctx = await appContext();
	const query = readIndicatorQuery(
		url,
		ctx,
		indicatorQuerySchema,
		undefined,
		locals.account ?? null
	);
	if (!query.ok) return query.response;
	const plan = await effectivePlan(ctx, query.planId);
	const csv = tableToCsv(buildOpenDataRows(plan, query.fiscalYear));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachment(`${query.planId}-indicators-${query.fiscalYear}.csv`),
			'access-control-allow-origin': '*',
			'cache-control': 'no-cache'
		}
	});
};
