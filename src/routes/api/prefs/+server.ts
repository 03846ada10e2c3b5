import { json } from '@sveltejs/kit';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import type { RequestHandler } from './$types';

/** Lets the universal root load learn the cookie preferences during server rendering. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	return json(
		{ locale: locals.locale, lang: locals.lang, largeText: locals.largeText },
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};
