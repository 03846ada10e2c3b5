/**
 * `/api/plan?city=`'s lookup (server/plan-service.ts): the default city without `city`, each
 * city its own plan, 404 `unknown_city` naming the known ones, 404 `no_plan` for a city that
 * publishes none. Plans are read from packs/<city>/plan.json with node:fs, as the run-time
 * packs directory will.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanPack } from '#lib/domain/indicators/load-plan.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import type { LoadedPack } from '#lib/server/app-context.js';
import { cityPlan } from '#lib/server/plan-service.js';
import { REPO_ROOT } from '../indicators/seed-text';

const plan = (city: string): PlanPack => {
	const file = path.join(REPO_ROOT, `packs/${city}/plan.json`);
	return parsePlanPack(JSON.parse(readFileSync(file, 'utf8')), file);
};
/** The place packs are not what this lookup reads: only which cities exist. */
const packs = new Map(
	['tsurugashima', 'tokorozawa', 'planless'].map((id) => [id, {} as LoadedPack])
);
const ctx = {
	packs,
	plans: new Map([
		['tsurugashima', plan('tsurugashima')],
		['tokorozawa', plan('tokorozawa')]
	]),
	defaultPackId: 'tsurugashima'
};

async function body(response: Response) {
	return { status: response.status, ...((await response.json()) as object) };
}

describe('cityPlan', () => {
	it('answers the default city’s plan without a city, and each city’s own with one', () => {
		const fallback = cityPlan(ctx, undefined);
		expect(fallback.ok && fallback.city).toBe('tsurugashima');
		expect(fallback.ok && fallback.plan.municipality).toBe('鶴ヶ島市');
		const tokorozawa = cityPlan(ctx, 'tokorozawa');
		expect(tokorozawa.ok && tokorozawa.plan.indicators.length).toBe(47);
	});

	it('refuses an unknown city with 404 unknown_city and the known ones', async () => {
		const found = cityPlan(ctx, 'nowhere');
		expect(found.ok).toBe(false);
		if (found.ok) return;
		expect(await body(found.response)).toEqual({
			status: 404,
			reason: 'unknown_city',
			details: { city: 'nowhere', known: ['tsurugashima', 'tokorozawa', 'planless'] }
		});
	});

	it('answers 404 no_plan for a city without a plan', async () => {
		const found = cityPlan(ctx, 'planless');
		expect(found.ok).toBe(false);
		if (found.ok) return;
		expect(await body(found.response)).toEqual({
			status: 404,
			reason: 'no_plan',
			details: { city: 'planless' }
		});
	});
});
