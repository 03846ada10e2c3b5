/**
 * The device's copy of each city's welfare plan, as `/api/plan` last answered it, so the staff
 * screens open with no signal (people sign in at the office and lose it on the way). Kept as
 * the JSON the server sent and validated again when read (parsePlanPack): a copy written by an
 * older app version that the current model refuses is treated as absent, never shown half-read.
 */
import { parsePlanPack } from '#lib/domain/indicators/load-plan.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import type { IbashoDb } from './ibasho-db';

const keyOf = (city: string) => `plan:${city}`;
/** The city whose plan was saved last: the answer when the device knows no city yet. */
const LAST_CITY = 'plan-city';

export async function savePlanCopy(db: IbashoDb, city: string, json: unknown): Promise<void> {
	await db.transaction('rw', db.kv, async () => {
		await db.kv.put({ key: keyOf(city), value: json });
		await db.kv.put({ key: LAST_CITY, value: city });
	});
}

/** The city of the plan saved last, or null. */
export async function lastPlanCity(db: IbashoDb): Promise<string | null> {
	const value = (await db.kv.get(LAST_CITY))?.value;
	return typeof value === 'string' ? value : null;
}

export async function readPlanCopy(db: IbashoDb, city: string): Promise<PlanPack | null> {
	const row = await db.kv.get(keyOf(city));
	if (!row) return null;
	try {
		return parsePlanPack(row.value, `saved plan of ${city}`);
	} catch {
		return null;
	}
}
