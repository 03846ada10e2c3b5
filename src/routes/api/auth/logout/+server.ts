import { appContext } from '#lib/server/app-context.js';
import { endSession, SESSION_COOKIE } from '#lib/server/auth/sessions.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { isHttpsRequest } from '#lib/server/http/request-origin.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies, request, url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	await endSession((await appContext()).db, cookies.get(SESSION_COOKIE));
	// With the same Secure flag it was set with: over plain http a Secure deletion is dropped.
	cookies.delete(SESSION_COOKIE, { path: '/', secure: isHttpsRequest(request, url) });
	return new Response(null, { status: 204 });
};
