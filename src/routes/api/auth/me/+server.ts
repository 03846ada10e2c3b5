import { json } from '@sveltejs/kit';
import { requireAccount } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const { userId, email, role, districtIds } = guard.account;
	return json(
		{ account: { userId, email, role, districtIds } },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
