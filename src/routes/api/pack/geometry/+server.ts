import { appContext } from '#lib/server/app-context.js';
import { cityQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { findCity, geometryResponse } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/** A city's outlines (`?city=`, default city when absent). */
export const GET: RequestHandler = async ({ url, request }) => {
	const query = readQuery(url, cityQuerySchema);
	if (!query.ok) return query.response;
	const found = findCity(await appContext(), query.value.city);
	if (!found.ok) return found.response;
	return geometryResponse(request, found.city);
};
