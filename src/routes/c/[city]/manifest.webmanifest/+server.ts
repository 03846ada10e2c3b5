/**
 * A city's web app manifest (docs/cities.md): the root layout links it on that city's pages, so
 * the app installed from `/c/<city>` carries the city's name and opens there. The default city's
 * pages link static/manifest.webmanifest, unchanged.
 */
import { cityManifest } from '#lib/server/city-manifest.js';
import { manifestText } from '#lib/i18n/manifest-messages.js';
import { appContext } from '#lib/server/app-context.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { findCity } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, params }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const found = findCity(await appContext(), params.city);
	if (!found.ok) return found.response;
	return new Response(JSON.stringify(cityManifest(found.loaded.pack, manifestText)), {
		headers: {
			'content-type': 'application/manifest+json',
			// A pack changes only with a restart: an hour's caching spares the install checks.
			'cache-control': 'public, max-age=3600'
		}
	});
};
