/**
 * A city's welfare plan (`?city=`, the default city when absent): structure, indicators with
 * baseline and targets, the evaluation vocabulary and the progress table's headings. Public,
 * like the plan documents it is transcribed from; staff entries are not in it (they sync).
 * The staff screens keep the answer on the device (client/db/plan-cache.ts) for offline use.
 */
import { json } from '@sveltejs/kit';
import { appContext } from '#lib/server/app-context.js';
import { planQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { cityPlan } from '#lib/server/plan-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, planQuerySchema);
	if (!query.ok) return query.response;
	const found = cityPlan(await appContext(), query.value.city);
	if (!found.ok) return found.response;
	return json({ city: found.city, plan: found.plan }, { headers: { 'cache-control': 'no-cache' } });
};
