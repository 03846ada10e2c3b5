/**
 * The sync transport over HTTP, mapping failures to states the UI shows (never exceptions).
 * Answers are checked against the protocol's schemas before the runner acts on them: an answer
 * that is not what the protocol says (a proxy's error page, a truncated body) is a server
 * failure, retried later, and never reaches the outbox.
 */
import type { z } from 'zod';
import {
	PROTOCOL_VERSION,
	pullResponseSchema,
	pushResponseSchema
} from '#lib/domain/sync/protocol.js';
import { fetchObserved } from '../connectivity.svelte';
import { SyncError, type SyncTransport } from './sync-runner';

async function call<S extends z.ZodType>(
	schema: S,
	input: string,
	init?: RequestInit
): Promise<z.infer<S>> {
	let res: Response;
	try {
		res = await fetchObserved(input, { ...init, signal: AbortSignal.timeout(30_000) });
	} catch {
		throw new SyncError('offline', 'network unavailable');
	}
	if (res.status === 401) throw new SyncError('signin_required', 'session expired');
	if (res.status === 413) throw new SyncError('too_large', 'request body too large');
	if (res.status === 400) {
		// A server that no longer (or not yet) speaks this app's protocol: the app must update.
		const body = (await res.json().catch(() => null)) as { reason?: string } | null;
		if (body?.reason === 'unsupported_protocol') throw new SyncError('protocol', body.reason);
	}
	if (!res.ok) throw new SyncError('server', `HTTP ${res.status}`);
	const body: unknown = await res.json().catch(() => undefined);
	const parsed = schema.safeParse(body);
	if (!parsed.success) throw new SyncError('server', `unexpected answer from ${res.url || input}`);
	return parsed.data;
}

export const httpTransport: SyncTransport = {
	push: (request) =>
		call(pushResponseSchema, '/api/sync/push', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(request)
		}),
	pull: ({ since, limit, resync, purgedThrough, view }) => {
		const query = new URLSearchParams({
			protocol: String(PROTOCOL_VERSION),
			since: String(since),
			limit: String(limit),
			resync: resync ? '1' : '0'
		});
		if (resync && purgedThrough !== undefined) query.set('purgedThrough', String(purgedThrough));
		if (view !== undefined) query.set('view', view);
		return call(pullResponseSchema, `/api/sync/pull?${query}`);
	}
};
