import { appContext } from '$lib/server/app-context';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { NO_QUERY } from '$lib/server/http/query-schemas';
import { readQuery } from '$lib/server/http/read-query';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies, url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	await endSession((await appContext()).db, cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return new Response(null, { status: 204 });
};
