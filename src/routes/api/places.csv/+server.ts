import { appContext } from '#lib/server/app-context.js';
import { cityQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { placesToCsv } from '#lib/server/open-data.js';
import { currentPack, findCity } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/** A city's public places as CSV (`?city=`, default city when absent). */
export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, cityQuerySchema);
	if (!query.ok) return query.response;
	const ctx = await appContext();
	const found = findCity(ctx, query.value.city);
	if (!found.ok) return found.response;
	const pack = await currentPack(found.city, ctx);
	return new Response(placesToCsv(pack, pack.places), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${pack.id}-places.csv"`,
			'access-control-allow-origin': '*'
		}
	});
};
