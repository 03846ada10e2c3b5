/**
 * The yearly progress table and evaluation sheet as one workbook, the file the welfare
 * council's secretariat used to retype by hand.
 */
import { fiscalYearShortLabel } from '$lib/domain/fiscal-year';
import { buildEvaluationSheet, buildProgressTable } from '$lib/domain/indicators/progress-table';
import { sheetFromTable, writeXlsx } from '$lib/export/xlsx';
import { appContext } from '$lib/server/app-context';
import { attachment, readIndicatorQuery } from '$lib/server/http/indicator-query';
import { progressQuerySchema } from '$lib/server/http/query-schemas';
import { effectivePlan } from '$lib/server/indicator-service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const ctx = await appContext();
	// The table has a column per plan year through `fy`: none for the year before the plan.
	const query = readIndicatorQuery(url, ctx, progressQuerySchema, 'plan');
	if (!query.ok) return query.response;
	const { lang } = query.query;
	const plan = await effectivePlan(ctx, query.planId);
	const bytes = writeXlsx([
		sheetFromTable(
			lang === 'en' ? 'Progress' : '進捗管理表',
			buildProgressTable(plan, query.fiscalYear, lang)
		),
		sheetFromTable(
			lang === 'en' ? 'Evaluation' : '評価シート',
			buildEvaluationSheet(plan, query.fiscalYear, lang)
		)
	]);
	return new Response(bytes.slice(), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachment(
				`${query.planId}-progress-${query.fiscalYear}.xlsx`,
				`進捗管理表_${fiscalYearShortLabel(query.fiscalYear)}.xlsx`
			),
			'cache-control': 'no-cache'
		}
	});
};
