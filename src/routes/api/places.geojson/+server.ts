import { appContext } from '#lib/server/app-context.js';
import { cityQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { publicOrigin } from '#lib/server/http/request-origin.js';
import { placesToGeoJson } from '#lib/server/open-data.js';
import { currentPack, findCity } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/** A city's public places as GeoJSON (`?city=`, default city when absent). */
export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, cityQuerySchema);
	if (!query.ok) return query.response;
	const ctx = await appContext();
	const found = findCity(ctx, query.value.city);
	if (!found.ok) return found.response;
	const pack = await currentPack(found.city, ctx);
	return new Response(JSON.stringify(placesToGeoJson(pack, pack.places, publicOrigin())), {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'content-disposition': `inline; filename="${pack.id}-places.geojson"`,
			'access-control-allow-origin': '*'
		}
	});
};
