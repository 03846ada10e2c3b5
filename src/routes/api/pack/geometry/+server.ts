import { json } from '@sveltejs/kit';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { currentGeometry } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	return json(await currentGeometry(), { headers: { 'cache-control': 'public, max-age=3600' } });
};
