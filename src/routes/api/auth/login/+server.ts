import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isStorableText } from '#lib/domain/text-safety.js';
import { appContext } from '#lib/server/app-context.js';
import { login } from '#lib/server/auth/login.js';
import { SESSION_COOKIE, sessionCookieOptions } from '#lib/server/auth/sessions.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readJson } from '#lib/server/http/read-json.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { isHttpsRequest } from '#lib/server/http/request-origin.js';
import { apiError } from '#lib/server/http/responses.js';
import type { RequestHandler } from './$types';

const loginSchema = z.strictObject({
	email: z.string().trim().min(3).max(254).refine(isStorableText, 'unstorable_text'),
	password: z.string().min(1).max(200).refine(isStorableText, 'unstorable_text')
});

/**
 * The address the per-address brake counts by. Behind a proxy (ADDRESS_HEADER set),
 * adapter-node throws for a request that lacks the header, e.g. one that reached the port
 * directly: such requests share one brake instead of answering 500.
 */
function clientAddress(getClientAddress: () => string): string {
	try {
		return getClientAddress();
	} catch {
		return 'unknown';
	}
}

const STATUS = { invalid_credentials: 401, account_locked: 423, too_many_attempts: 429 } as const;

export const POST: RequestHandler = async ({ request, cookies, getClientAddress, url }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const body = await readJson(request, loginSchema, 4096);
	if (!body.ok) return body.response;
	const { db } = await appContext();
	const result = await login(db, { ...body.value, address: clientAddress(getClientAddress) });
	if (!result.ok) {
		const res = apiError(STATUS[result.reason], result.reason, {
			retryAfterSeconds: result.retryAfterSeconds ?? null
		});
		if (result.retryAfterSeconds) res.headers.set('retry-after', String(result.retryAfterSeconds));
		return res;
	}
	// Over plain http (npm start on a LAN address) a Secure cookie would be dropped.
	cookies.set(
		SESSION_COOKIE,
		result.token,
		sessionCookieOptions(result.expiresAt, isHttpsRequest(request, url))
	);
	const { userId, email, role, cityIds, districtIds } = result.account;
	return json({ account: { userId, email, role, cityIds, districtIds } });
};
