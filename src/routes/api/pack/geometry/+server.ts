import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { cityQuerySchema } from '$lib/server/http/query-schemas';
import { readQuery } from '$lib/server/http/read-query';
import { findCity } from '$lib/server/pack-service';
import type { RequestHandler } from './$types';

/** A city's outlines (`?city=`, default city when absent). */
export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, cityQuerySchema);
	if (!query.ok) return query.response;
	const found = findCity(await appContext(), query.value.city);
	if (!found.ok) return found.response;
	return json(found.loaded.geometry, { headers: { 'cache-control': 'public, max-age=3600' } });
};
