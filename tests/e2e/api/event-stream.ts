/**
 * Opens the live notices (GET /api/sync/events) as the session of `api` and reads only the
 * first chunk: the stream does not end by itself, and Playwright's request context would wait
 * for its end. Returns what the API specs read of an answer (status, text, headers). Over
 * https it accepts the behind-proxy project's throwaway certificate, as that project's
 * `ignoreHTTPSErrors` does.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export async function openEventStream(
	api: APIRequestContext,
	path = '/api/sync/events'
): Promise<APIResponse> {
	// The context's own base URL, as the server answered it.
	const url = new URL(path, (await api.get('/api/prefs')).url());
	const { cookies } = await api.storageState();
	const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
	const res = await new Promise<IncomingMessage>((resolve, reject) => {
		const req = send(
			url,
			{ headers: cookie ? { cookie } : {}, rejectUnauthorized: false },
			resolve
		);
		req.on('error', reject);
		req.end();
	});
	const text = await new Promise<string>((resolve) => {
		let body = '';
		res.setEncoding('utf8');
		const isStream = /^text\/event-stream/.test(res.headers['content-type'] ?? '');
		res.on('data', (chunk: string) => {
			body += chunk;
			if (isStream) {
				res.destroy();
				resolve(body);
			}
		});
		res.on('end', () => resolve(body));
		res.on('close', () => resolve(body));
	});
	const headers = Object.fromEntries(
		Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])
	);
	return {
		status: () => res.statusCode ?? 0,
		ok: () => (res.statusCode ?? 0) < 300,
		text: async () => text,
		json: async () => JSON.parse(text),
		headers: () => headers
	} as unknown as APIResponse;
}
