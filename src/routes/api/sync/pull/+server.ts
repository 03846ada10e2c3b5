import { json } from '@sveltejs/kit';
import { isSupportedProtocol, SUPPORTED_PROTOCOLS } from '#lib/domain/sync/protocol.js';
import { appContext } from '#lib/server/app-context.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { pullQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { apiError } from '#lib/server/http/responses.js';
import { handlePull } from '#lib/server/sync/pull.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	// readQuery, not Object.fromEntries: a repeated parameter is refused instead of the last
	// one silently winning, and an unknown one is named in the answer.
	const query = readQuery(event.url, pullQuerySchema);
	if (!query.ok) return query.response;
	const { protocol } = query.value;
	if (!isSupportedProtocol(protocol)) {
		return apiError(400, 'unsupported_protocol', { supported: SUPPORTED_PROTOCOLS });
	}
	const { db } = await appContext();
	const response = await handlePull(db, guard.account, { ...query.value, protocol });
	return json(response, { headers: { 'cache-control': 'no-store' } });
};
