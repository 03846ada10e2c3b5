/** The sync transport over HTTP, mapping failures to states the UI shows (never exceptions). */
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '$lib/domain/sync/protocol';
import { SyncError, type SyncTransport } from './sync-runner';

async function call<T>(input: string, init?: RequestInit): Promise<T> {
	let res: Response;
	try {
		res = await fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });
	} catch {
		throw new SyncError('offline', 'network unavailable');
	}
	if (res.status === 401) throw new SyncError('signin_required', 'session expired');
	if (res.status === 400) {
		// A server that no longer (or not yet) speaks this app's protocol: the app must update.
		const body = (await res.json().catch(() => null)) as { reason?: string } | null;
		if (body?.reason === 'unsupported_protocol') throw new SyncError('protocol', body.reason);
	}
	if (!res.ok) throw new SyncError('server', `HTTP ${res.status}`);
	return (await res.json()) as T;
}

export const httpTransport: SyncTransport = {
	push: (request) =>
		call<PushResponse>('/api/sync/push', {
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
		return call<PullResponse>(`/api/sync/pull?${query}`);
	}
};
