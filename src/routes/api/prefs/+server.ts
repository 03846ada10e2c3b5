import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Lets the universal root load learn the cookie preferences during server rendering. */
export const GET: RequestHandler = async ({ locals }) =>
	json(
		{ lang: locals.lang, largeText: locals.largeText },
		{ headers: { 'cache-control': 'private, no-store' } }
	);
