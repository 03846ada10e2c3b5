import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { packResponse } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/**
 * The pack with its public places and the client config. Revalidated on every visit; the
 * ETag is the pack's revision, so an unchanged pack answers 304 (pack-service.ts).
 */
export const GET: RequestHandler = async ({ url, request }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	return packResponse(request);
};
