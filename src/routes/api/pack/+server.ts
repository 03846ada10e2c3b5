import { json } from '@sveltejs/kit';
import { appContext } from '#lib/server/app-context.js';
import { clientConfig } from '#lib/server/client-config.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { currentPack, currentRevision } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/** The pack with its public places and the client config. Revalidated on every visit. */
export const GET: RequestHandler = async ({ url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	// Revision first: a change landing in between then makes the stored revision older than the
	// content, so the device rewrites next time (the other order could skip that change forever).
	const revision = await currentRevision();
	return json(
		{
			pack: await currentPack(),
			config: { ...clientConfig(), defaultCity: (await appContext()).defaultPackId },
			revision
		},
		{ headers: { 'cache-control': 'no-cache' } }
	);
};
