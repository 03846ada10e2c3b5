/**
 * Signing in and out. The account is cached in IndexedDB so a volunteer keeps working offline
 * for days; when the server session has expired the account stays (and so does the outbox):
 * the person signs in again and the queue goes out. Signing out keeps the outbox too: each op
 * names its account, and waits for that account's next sign-in on this device.
 */
import { accountState, type AccountInfo } from './account-state.svelte';
import { fetchObserved } from './connectivity.svelte';
import { cachedAccount, forgetAccount, rememberAccount } from './db/this-device';

export type LoginFailure = {
	/** The server's reason code (`invalid_credentials`, `account_locked`, …), `offline` when no
	 * answer came, `unknown` when the answer carried none (a proxy's error page). */
	reason: string;
	retryAfterSeconds?: number | null;
};

async function remember(account: AccountInfo) {
	// Also who has signed in here, by id: the sync panel names the account an unsent op waits for.
	await rememberAccount(account);
	accountState.account = account;
	accountState.sessionExpired = false;
}

export async function loadAccount() {
	const cached = await cachedAccount();
	accountState.account = cached ?? null;
	accountState.loaded = true;
	try {
		const res = await fetchObserved('/api/auth/me', { headers: { accept: 'application/json' } });
		if (res.ok) await remember(((await res.json()) as { account: AccountInfo }).account);
		else if (res.status === 401) accountState.sessionExpired = accountState.account !== null;
	} catch {
		// Offline: keep the cached account; sending waits for the network.
	}
}

export async function login(email: string, password: string): Promise<LoginFailure | null> {
	let res: Response;
	try {
		res = await fetchObserved('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password })
		});
	} catch {
		return { reason: 'offline' };
	}
	const body = await res.json().catch(() => ({}));
	if (!res.ok) {
		return {
			reason: typeof body.reason === 'string' ? body.reason : 'unknown',
			retryAfterSeconds: body.details?.retryAfterSeconds ?? null
		};
	}
	await remember(body.account as AccountInfo);
	return null;
}

export async function logout() {
	await fetchObserved('/api/auth/logout', { method: 'POST' }).catch(() => {});
	await forgetAccount();
	accountState.account = null;
	accountState.sessionExpired = false;
}
