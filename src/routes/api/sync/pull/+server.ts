import { json } from '@sveltejs/kit';
import {
	describeIssues,
	isSupportedProtocol,
	pullQuerySchema,
	SUPPORTED_PROTOCOLS
} from '$lib/domain/sync/protocol';
import { appContext } from '$lib/server/app-context';
import { requireAccount } from '$lib/server/http/guards';
import { apiError } from '$lib/server/http/responses';
import { handlePull } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const query = pullQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) return apiError(400, 'invalid_query', describeIssues(query.error));
	const { protocol } = query.data;
	if (!isSupportedProtocol(protocol)) {
		return apiError(400, 'unsupported_protocol', { supported: SUPPORTED_PROTOCOLS });
	}
	const { db } = await appContext();
	const response = await handlePull(db, guard.account, { ...query.data, protocol });
	return json(response, { headers: { 'cache-control': 'no-store' } });
};
