import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { appContext, closeAppContext } from '$lib/server/app-context';
import { startAdminSocket } from '$lib/server/admin-socket';
import { exitIfDataDirLocked } from '$lib/server/db/data-dir-lock';
import { PREFS_COOKIE, parsePrefs } from '$lib/prefs';
import { compressResponse } from '$lib/server/http/compress';
import { isCrossSite } from '$lib/server/http/guards';
import { apiError } from '$lib/server/http/responses';
import { accountForToken, SESSION_COOKIE } from '$lib/server/auth/sessions';

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

export const handle: Handle = async ({ event, resolve }) => {
	const prefs = parsePrefs(event.cookies.get(PREFS_COOKIE));
	event.locals.lang = prefs.lang;
	event.locals.largeText = prefs.largeText;
	event.locals.account = null;
	if (event.url.pathname.startsWith('/api/')) {
		if (isCrossSite(event.request, event.url)) return apiError(403, 'cross_site_request');
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) event.locals.account = await accountForToken((await appContext()).db, token);
	}
	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%ibasho.lang%', prefs.lang)
				.replace('%ibasho.class%', prefs.largeText ? 'large-text' : '')
	});
	return compressResponse(event.request, response);
};

/** Never show a stack trace: log it here, give the page a catalog key and a reason code. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'error.notFound' : 'error.server', reason: 'internal' };
};
