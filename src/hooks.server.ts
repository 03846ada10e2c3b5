import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { appContext, closeAppContext } from '$lib/server/app-context';
import { PREFS_COOKIE, parsePrefs } from '$lib/prefs';
import { compressResponse } from '$lib/server/http/compress';

export const init: ServerInit = async () => {
	if (building) return; // the build renders the offline shell; it must not open the database
	await appContext();
	const shutdown = () => {
		closeAppContext().finally(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
};

export const handle: Handle = async ({ event, resolve }) => {
	const prefs = parsePrefs(event.cookies.get(PREFS_COOKIE));
	event.locals.lang = prefs.lang;
	event.locals.largeText = prefs.largeText;
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
