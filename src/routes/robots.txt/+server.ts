import { robotsTxt } from '#lib/domain/structured-data.js';
import { requestOrigin } from '#lib/server/http/request-origin.js';
import type { RequestHandler } from './$types';

/** Crawl the public pages, not the work screens; the sitemap's absolute URL as for sitemap.xml. */
export const GET: RequestHandler = ({ request, url }) =>
	new Response(robotsTxt(requestOrigin(request, url)), {
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }
	});
