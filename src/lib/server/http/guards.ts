/** Route guards: who is signed in, and whether a state-changing request comes from our pages. */
import type { RequestEvent } from '@sveltejs/kit';
import type { Account } from '../auth/accounts-repo';
import { apiError } from './responses';

export type Guarded = { ok: true; account: Account } | { ok: false; response: Response };

export function requireAccount(event: RequestEvent): Guarded {
	const account = event.locals.account;
	if (!account) return { ok: false, response: apiError(401, 'signin_required') };
	return { ok: true, account };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a state-changing request must come from this origin. Browsers send Origin on every
 * cross-site POST (and on same-site fetches); Sec-Fetch-Site covers the rest. The session
 * cookie is also SameSite=Lax, so this is a second lock, not the only one. `ownOrigin` is the
 * request's own origin as `requestOrigin` (request-origin.ts) reads it: `ORIGIN` when set, else
 * the Host the browser used over the protocol it used (plain http on `npm start`).
 * A request with neither header (curl, a script) is not a browser's, so it carries no
 * ambient cookie of a victim's and passes: it meets the endpoint's own checks (415, 401, …).
 */
export function isCrossSite(request: Request, ownOrigin: string): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin) return origin !== ownOrigin;
	const site = request.headers.get('sec-fetch-site');
	return site !== null && site !== 'same-origin' && site !== 'none';
}
