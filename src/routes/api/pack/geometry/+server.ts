import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { geometryResponse } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, request }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	return geometryResponse(request);
};
