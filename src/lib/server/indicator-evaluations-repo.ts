/** Staff evaluations of the plan's indicators: the standing ones, and one year's history. */
import type { EvaluationEntry } from '#lib/domain/indicators/evaluations.js';
import type { Queryable } from './db/database';

/** A plan's evaluations that stand: the latest of each indicator and year. */
export async function loadLatestEvaluations(
	db: Queryable,
	planId: string
): Promise<EvaluationEntry[]> {
	const rows = await db.query<{ data: EvaluationEntry }>(
		`select distinct on (indicator_number, fiscal_year) data from indicator_evaluations
		 where plan_id = $1 order by indicator_number, fiscal_year, at desc`,
		[planId]
	);
	return rows.map((r) => r.data);
}

/** Every evaluation of one indicator and year, newest first: who evaluated what, when. */
export async function loadEvaluationHistory(
	db: Queryable,
	planId: string,
	indicatorNumber: number,
	fiscalYear: number
): Promise<EvaluationEntry[]> {
	const rows = await db.query<{ data: EvaluationEntry }>(
		`select data from indicator_evaluations
		 where plan_id = $1 and indicator_number = $2 and fiscal_year = $3 order by at desc`,
		[planId, indicatorNumber, fiscalYear]
	);
	return rows.map((r) => r.data);
}
