/**
 * The yearly progress table and evaluation sheet as one workbook, the file the welfare
 * council's secretariat used to retype by hand.
 */
import { fiscalYearShortLabel } from '#lib/domain/fiscal-year.js';
import { buildEvaluationSheet, buildProgressSheet } from '#lib/export/progress-tables.js';
import { printableSheet, sheetFromTable, writeXlsx } from '#lib/export/xlsx.js';
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
	const bytes = writeXlsx([
		// Figures as numbers (the CSV keeps the documents' notation for machines).
		printableSheet(
			lang === 'en' ? 'Progress' : '進捗管理表',
			buildProgressSheet(plan, query.fiscalYear, lang)
		),
		// The evaluation sheet is a list read row by row (no title row), printed the same way.
		{
			...sheetFromTable(
				lang === 'en' ? 'Evaluation' : '評価シート',
				buildEvaluationSheet(plan, query.fiscalYear, lang)
			),
			print: { paper: 'A4', orientation: 'landscape', fitToWidth: true }
		}
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
