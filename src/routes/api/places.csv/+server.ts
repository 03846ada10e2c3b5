import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { placesToCsv } from '#lib/server/open-data.js';
import { currentPack } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const pack = await currentPack();
	return new Response(placesToCsv(pack, pack.places), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${pack.id}-places.csv"`,
			'access-control-allow-origin': '*'
		}
	});
};
