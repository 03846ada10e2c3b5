/**
 * Tsurugashima's welfare plan (packs/tsurugashima/plan.json), bundled as text so the server
 * build and the browser chunk both carry it; validated once per process or page.
 */
import { parsePlanPack } from '#lib/domain/indicators/load-plan.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import planJson from '../../../packs/tsurugashima/plan.json?raw';

let plan: PlanPack | null = null;

export function tsurugashimaPlan(): PlanPack {
	plan ??= parsePlanPack(JSON.parse(planJson), 'packs/tsurugashima/plan.json');
	return plan;
}
