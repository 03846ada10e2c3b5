import { json } from '@sveltejs/kit';
import {
	isSupportedProtocol,
	pushRequestSchema,
	SUPPORTED_PROTOCOLS
} from '#lib/domain/sync/protocol.js';
import { appContext, liveFeed } from '#lib/server/app-context.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readJson } from '#lib/server/http/read-json.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { apiError } from '#lib/server/http/responses.js';
import { handlePush } from '#lib/server/sync/push.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const query = readQuery(event.url, NO_QUERY);
	if (!query.ok) return query.response;
	const body = await readJson(event.request, pushRequestSchema);
	if (!body.ok) return body.response;
	const { protocol } = body.value;
	if (!isSupportedProtocol(protocol)) {
		return apiError(400, 'unsupported_protocol', { supported: SUPPORTED_PROTOCOLS });
	}
	const ctx = await appContext();
	const response = await handlePush(
		ctx.db,
		{
			actor: guard.account,
			packs: ctx.packs,
			plans: ctx.plans,
			defaultPackId: ctx.defaultPackId,
			now: Date.now()
		},
		{ ...body.value, protocol }
	);
	// The ops are committed: devices listening for what they may read are told now.
	(await liveFeed()).nudge();
	return json(response, { headers: { 'cache-control': 'no-store' } });
};
