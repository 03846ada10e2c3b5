import { appContext } from '#lib/server/app-context.js';
import { packQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { cityOfPlace, findCity, packResponse } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/**
 * A city's pack with its public places and the client config (`?city=`, default city when
 * absent; `?place=` picks the city of that place). Revalidated on every visit; the ETag is the
 * city's revision, so an unchanged pack answers 304 (pack-service.ts).
 */
export const GET: RequestHandler = async ({ url, request }) => {
	const query = readQuery(url, packQuerySchema);
	if (!query.ok) return query.response;
	const ctx = await appContext();
	const placeCity = query.value.place ? await cityOfPlace(ctx, query.value.place) : null;
	const found = findCity(ctx, placeCity ?? query.value.city);
	if (!found.ok) return found.response;
	return packResponse(request, found.city);
};
