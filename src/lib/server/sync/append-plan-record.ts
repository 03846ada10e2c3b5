/**
 * The shared tail of the plan appliers (indicator.record, indicator.evaluate): staff records of
 * a plan indicator's year are append-only — every one kept, the one with the latest stamp per
 * plan, indicator and year is what staff devices receive. Each kind has its own table with the
 * same columns.
 */
import type { Entity } from '#lib/domain/sync/protocol.js';
import type { ApplyContext, Outcome } from './apply-context';

/** The tables of the plan's append-only records: fixed names, never from input. */
const TABLES = {
	indicator: 'indicator_entries',
	evaluation: 'indicator_evaluations'
} as const satisfies Partial<Record<Entity, string>>;

export interface PlanRecordKey {
	planId: string;
	indicatorNumber: number;
	fiscalYear: number;
	/** The edit's HLC stamp: orders the records of one year. */
	at: string;
}

/** The e-mail of the account recording: kept with the record, shown in the history. */
export async function recorderEmail(ctx: ApplyContext): Promise<string> {
	const [user] = await ctx.tx.query<{ email: string }>('select email from users where id = $1', [
		ctx.actor.userId
	]);
	return user?.email ?? '';
}

/**
 * Stores `data` under `id` (an id stored before is `version_exists`) and answers with the
 * year's standing record as a staff-only change of `entity`, keyed `entityId`.
 */
export async function appendPlanRecord(
	ctx: ApplyContext,
	entity: keyof typeof TABLES,
	id: string,
	entityId: string,
	key: PlanRecordKey,
	data: unknown
): Promise<Outcome> {
	const table = TABLES[entity];
	const inserted = await ctx.tx.query(
		`insert into ${table} (id, plan_id, indicator_number, fiscal_year, at, recorded_by, data)
		 values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing returning id`,
		[
			id,
			key.planId,
			key.indicatorNumber,
			key.fiscalYear,
			key.at,
			ctx.actor.userId,
			JSON.stringify(data)
		]
	);
	if (inserted.length === 0) {
		return { status: 'conflict', reason: 'version_exists', details: {}, changes: [] };
	}
	const [latest] = await ctx.tx.query<{ data: unknown }>(
		`select data from ${table}
		 where plan_id = $1 and indicator_number = $2 and fiscal_year = $3
		 order by at desc limit 1`,
		[key.planId, key.indicatorNumber, key.fiscalYear]
	);
	return {
		status: 'applied',
		changes: [
			{
				entity,
				entityId,
				// A plan's id is its city's.
				city: key.planId,
				data: latest!.data,
				deleted: false,
				// Staff only: the feed shows it to those who see all records.
				ownerId: null,
				districtIds: [],
				isPublic: false
			}
		]
	};
}
