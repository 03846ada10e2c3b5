import { publicPaths, sitemapXml } from '#lib/domain/structured-data.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { requestOrigin } from '#lib/server/http/request-origin.js';
import { currentPack } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/**
 * Public pages for search engines. A sitemap needs absolute URLs: ORIGIN when set, else the
 * address the crawler itself used (request-origin.ts), which is where these pages are.
 */
export const GET: RequestHandler = async ({ request, url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const pack = await currentPack();
	return new Response(sitemapXml(requestOrigin(request, url), publicPaths(pack)), {
		headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-cache' }
	});
};
