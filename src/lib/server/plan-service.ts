/**
 * The welfare plan of a city, as `/api/plan?city=` serves it: the plan pack (plan.json beside
 * the city's pack.json), validated at start. A city is a pack id (CITIES.md); without `city`
 * the deployment's default city answers. An unknown city is 404 `unknown_city`; a city that
 * publishes no plan is 404 `no_plan` (it has no indicators).
 */
import type { PlanPack } from '#lib/domain/indicators/model.js';
import type { AppContext } from './app-context';
import { apiError } from './http/responses';

export type CityPlan =
	{ ok: true; city: string; plan: PlanPack } | { ok: false; response: Response };

export function cityPlan(
	ctx: Pick<AppContext, 'packs' | 'plans' | 'defaultPackId'>,
	city: string | undefined
): CityPlan {
	const id = city ?? ctx.defaultPackId;
	if (!ctx.packs.has(id)) {
		return {
			ok: false,
			response: apiError(404, 'unknown_city', { city: id, known: [...ctx.packs.keys()] })
		};
	}
	const plan = ctx.plans.get(id);
	if (!plan) return { ok: false, response: apiError(404, 'no_plan', { city: id }) };
	return { ok: true, city: id, plan };
}
