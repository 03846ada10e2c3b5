import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/env';
import { appContext, closeAppContext } from '#lib/server/app-context.js';
import { startAdminSocket } from '#lib/server/admin-socket.js';
import { exitIfDataDirLocked } from '#lib/server/db/data-dir-lock.js';
import { PREFS_COOKIE, parsePrefs, prefsWithQuery, serializePrefs } from '#lib/prefs.js';
import { compressResponse } from '#lib/server/http/compress.js';
import { clientConfig } from '#lib/server/client-config.js';
import { isCrossSite } from '#lib/server/http/guards.js';
import {
	isHttpsRequest,
	originSettings,
	requestOrigin,
	type OriginSettings
} from '#lib/server/http/request-origin.js';
import { apiError } from '#lib/server/http/responses.js';
import { tileSources, withSecurityHeaders } from '#lib/server/http/security-headers.js';
import { SESSION_COOKIE, sessionCookieOptions, useSession } from '#lib/server/auth/sessions.js';

export const init: ServerInit = async () => {
	if (building) return; // the build renders the offline shell; it must not open the database
	const ctx = await appContext().catch(exitIfDataDirLocked);
	const adminSocket = await startAdminSocket(ctx, process.env);
	const shutdown = () => {
		Promise.resolve(adminSocket?.close())
			.then(closeAppContext)
			.finally(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
};

/** Read once: the settings are the process's environment, fixed for its life. */
let settings: { origins: OriginSettings; tiles: string[] } | null = null;
const serverSettings = () =>
	(settings ??= {
		origins: originSettings(),
		tiles: tileSources(clientConfig().tiles.url)
	});

export const handle: Handle = async ({ event, resolve }) => {
	const { origins, tiles } = serverSettings();
	const secure = (response: Response) =>
		// In `vite dev` the page needs Vite's own scripts and socket; the policy is for the build.
		dev ? response : withSecurityHeaders(response, tiles);
	// Every state-changing request, not only /api: SvelteKit's own form check is off
	// (vite.config.ts) because it compares against adapter-node's https guess.
	if (isCrossSite(event.request, requestOrigin(event.request, event.url, origins))) {
		return secure(apiError(403, 'cross_site_request'));
	}
	const saved = parsePrefs(event.cookies.get(PREFS_COOKIE));
	// `?lang=easy` on a page chooses the locale as the settings would, and is kept the same way.
	const prefs = event.url.pathname.startsWith('/api/') ? saved : prefsWithQuery(saved, event.url);
	if (prefs !== saved)
		event.cookies.set(PREFS_COOKIE, serializePrefs(prefs), {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			sameSite: 'lax',
			// Read and written by the page's script too (i18n.svelte.ts), offline included.
			httpOnly: false,
			secure: isHttpsRequest(event.request, event.url)
		});
	event.locals.locale = prefs.locale;
	event.locals.lang = prefs.lang;
	event.locals.largeText = prefs.largeText;
	event.locals.account = null;
	if (event.url.pathname.startsWith('/api/')) {
		const token = event.cookies.get(SESSION_COOKIE);
		const use = token ? await useSession((await appContext()).db, token) : null;
		event.locals.account = use?.account ?? null;
		// A renewed session's cookie is renewed too, or the browser would still drop it in 30 days.
		if (use?.renewedUntil)
			event.cookies.set(
				SESSION_COOKIE,
				token!,
				sessionCookieOptions(use.renewedUntil, isHttpsRequest(event.request, event.url))
			);
	}
	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%ibasho.lang%', prefs.lang)
				.replace('%ibasho.class%', prefs.largeText ? 'large-text' : '')
	});
	return secure(await compressResponse(event.request, response));
};

/** Never show a stack trace: log it here, give the page a catalog key and a reason code. */
export const handleError: HandleServerError = (caught) => {
	// Kit 3 passes error(...)s from our own code here too: they already carry a catalog key and
	// a reason code, and keep them (as Kit 2 did by not calling this hook for them).
	if (caught.kind === 'app') return caught.error;
	const status = caught.kind === 'unknown' ? 500 : caught.error.status;
	if (status !== 404) console.error(caught.error);
	return { message: status === 404 ? 'error.notFound' : 'error.server', reason: 'internal' };
};
