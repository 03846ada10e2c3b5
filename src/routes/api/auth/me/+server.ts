import { json } from '@sveltejs/kit';
import { requireAccount } from '#lib/server/http/guards.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const query = readQuery(event.url, NO_QUERY);
	if (!query.ok) return query.response;
	const { userId, email, role, cityIds, districtIds } = guard.account;
	return json(
		{ account: { userId, email, role, cityIds, districtIds } },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
