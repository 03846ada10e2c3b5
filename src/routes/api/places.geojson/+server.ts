import { NO_QUERY } from '$lib/server/http/query-schemas';
import { readQuery } from '$lib/server/http/read-query';
import { publicOrigin } from '$lib/server/http/request-origin';
import { placesToGeoJson } from '$lib/server/open-data';
import { currentPack } from '$lib/server/pack-service';
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
