/**
 * Who is signed in on this device, as rune state (no storage code here: the header reads it on
 * every page, and a resident's first load must not pull IndexedDB code). The actions that load
 * and change it live in account-actions.ts, imported lazily.
 */
import type { Role } from '#lib/domain/policy.js';

export interface AccountInfo {
	userId: string;
	email: string;
	role: Role;
	/** The cities the account works in (absent in a copy saved before accounts had cities). */
	cityIds?: string[];
	districtIds: string[];
}

class AccountState {
	account = $state<AccountInfo | null>(null);
	/** The device still knows the account, but the server wants a new sign-in before sending. */
	sessionExpired = $state(false);
	loaded = $state(false);
}

export const accountState = new AccountState();
