/**
 * The last figures computed by the server for a plan and fiscal year, kept on the device so
 * the dashboard still shows them (with their time) without a signal.
 */
import type { ComputedYear } from '#lib/domain/indicators/computations.js';
import type { IbashoDb } from './ibasho-db';

export interface ComputedSnapshot extends ComputedYear {
	planId: string;
	/** When the server computed it (ISO). */
	computedAt: string;
}

const keyOf = (planId: string, fiscalYear: number) => `computed:${planId}:${fiscalYear}`;

export async function saveComputed(db: IbashoDb, snapshot: ComputedSnapshot): Promise<void> {
	await db.kv.put({ key: keyOf(snapshot.planId, snapshot.fiscalYear), value: snapshot });
}

export async function readComputed(
	db: IbashoDb,
	planId: string,
	fiscalYear: number
): Promise<ComputedSnapshot | null> {
	return ((await db.kv.get(keyOf(planId, fiscalYear)))?.value as ComputedSnapshot) ?? null;
}
