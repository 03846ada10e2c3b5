import { NO_QUERY } from '$lib/server/http/query-schemas';
import { readQuery } from '$lib/server/http/read-query';
import { placesToCsv } from '$lib/server/open-data';
import { currentPack } from '$lib/server/pack-service';
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
