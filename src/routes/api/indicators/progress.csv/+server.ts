/** The yearly progress table (進捗管理表) in the city's layout, as CSV (UTF-8 with BOM). */
import { buildProgressTable, tableToCsv } from '#lib/export/progress-tables.js';
import { fiscalYearShortLabel } from '#lib/domain/fiscal-year.js';
import { appContext } from '#lib/server/app-context.js';
import { attachment, readIndicatorQuery } from '#lib/server/http/indicator-query.js';
import { progressQuerySchema } from '#lib/server/http/query-schemas.js';
import { effectivePlan } from '#lib/server/indicator-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const ctx = await appContext();
	// The table has a column per plan year through `fy`: none for the year before the plan.
	const query = readIndicatorQuery(url, ctx, progressQuerySchema, 'plan', locals.account ?? null);
	if (!query.ok) return query.response;
	const { lang } = query.query;
	const plan = await effectivePlan(ctx, query.planId);
	const table = buildProgressTable(plan, query.fiscalYear, lang);
	return new Response(tableToCsv(table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachment(
				`${query.planId}-progress-${query.fiscalYear}.csv`,
				`進捗管理表_${fiscalYearShortLabel(query.fiscalYear)}.csv`
			),
			'cache-control': 'no-cache'
		}
	});
};
