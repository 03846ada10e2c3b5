/**
 * Tsurugashima's welfare plan (packs/tsurugashima/plan.json), bundled as text for the browser's
 * indicator screens (client/plan-data.ts: offline, a chunk of its own); validated once per
 * page. The server reads every city's plan from the packs directory at start instead
 * (server/packs/load-packs.ts).
 */
import { parsePlanPack } from '#lib/domain/indicators/load-plan.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import planJson from '../../../packs/tsurugashima/plan.json?raw';

let plan: PlanPack | null = null;

export function tsurugashimaPlan(): PlanPack {
	plan ??= parsePlanPack(JSON.parse(planJson), 'packs/tsurugashima/plan.json');
	return plan;
}
