/**
 * Tsurugashima's welfare plan (packs/tsurugashima/plan.json), bundled as text into the server
 * build; validated once per process. Browsers get it from `/api/plan` (client/plan-data.ts).
 * The packs directory read at run time (the cities-resident work) replaces this file.
 */
import { parsePlanPack } from '#lib/domain/indicators/load-plan.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import planJson from '../../../packs/tsurugashima/plan.json?raw';

let plan: PlanPack | null = null;

export function tsurugashimaPlan(): PlanPack {
	plan ??= parsePlanPack(JSON.parse(planJson), 'packs/tsurugashima/plan.json');
	return plan;
}
