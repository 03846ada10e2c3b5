import { json } from '@sveltejs/kit';
import { appContext } from '#lib/server/app-context.js';
import { clientConfig } from '#lib/server/client-config.js';
import { packQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import {
	cityList,
	cityOfPlace,
	currentPack,
	currentRevision,
	findCity
} from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/**
 * A city's pack with its public places and the client config (`?city=`, default city when
 * absent; `?place=` picks the city of that place). Revalidated on every visit.
 */
export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, packQuerySchema);
	if (!query.ok) return query.response;
	const ctx = await appContext();
	const placeCity = query.value.place ? await cityOfPlace(ctx, query.value.place) : null;
	const found = findCity(ctx, placeCity ?? query.value.city);
	if (!found.ok) return found.response;
	// Revision first: a change landing in between then makes the stored revision older than the
	// content, so the device rewrites next time (the other order could skip that change forever).
	const revision = await currentRevision(found.city, ctx);
	return json(
		{
			pack: await currentPack(found.city, ctx),
			config: { ...clientConfig(), cities: cityList(ctx) },
			revision
		},
		{ headers: { 'cache-control': 'no-cache' } }
	);
};
