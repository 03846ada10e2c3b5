/** The Writer for local writes: this device's database and the signed-in account. */
import { accountState } from '#lib/client/account-state.svelte.js';
import { clientDb } from './ibasho-db';
import type { Writer } from './local-writes';

export function currentWriter(): Writer {
	const account = accountState.account;
	if (!account) throw new Error('not signed in');
	const { userId, role, districtIds } = account;
	return { db: clientDb(), userId, actor: { userId, role, districtIds } };
}
