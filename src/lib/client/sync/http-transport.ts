/** The sync transport over HTTP, mapping failures to states the UI shows (never exceptions). */
import type { PullResponse, PushResponse } from '$lib/domain/sync/protocol';
import { SyncError, type SyncTransport } from './sync-runner';

async function call<T>(input: string, init?: RequestInit): Promise<T> {
	let res: Response;
	try {
		res = await fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });
	} catch {
		throw new SyncError('offline', 'network unavailable');
	}
	if (res.status === 401) throw new SyncError('signin_required', 'session expired');
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
	pull: (since, limit, resync = false) =>
		call<PullResponse>(`/api/sync/pull?since=${since}&limit=${limit}&resync=${resync ? 1 : 0}`)
};
