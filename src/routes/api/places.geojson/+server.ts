import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { publicOrigin } from '#lib/server/http/request-origin.js';
import { placesToGeoJson } from '#lib/server/open-data.js';
import { currentPack } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const pack = await currentPack();
	return new Response(JSON.stringify(placesToGeoJson(pack, pack.places, publicOrigin())), {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'content-disposition': `inline; filename="${pack.id}-places.geojson"`,
			'access-control-allow-origin': '*'
		}
	});
};
