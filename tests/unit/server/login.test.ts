import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '$lib/server/auth/accounts-repo';
import {
	ACCOUNT_MAX_FAILURES,
	ADDRESS_MAX_FAILURES,
	LOCK_MINUTES,
	login
} from '$lib/server/auth/login';
import type { Database } from '$lib/server/db/database';
import { ENGINES, openTestDatabase } from './test-database';

const PASSWORD = 'correct-horse-battery';
const T0 = new Date('2025-06-01T00:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(ENGINES)('%s', (engine) => {
	let db: Database;
	beforeAll(async () => {
		db = await openTestDatabase(engine);
	});
	afterAll(() => db.close());

	let n = 0;
	async function freshAccount(): Promise<string> {
		n += 1;
		const email = `lock-${n}@example.test`;
		await createAccount(db, { email, password: PASSWORD, role: 'organizer' });
		return email;
	}
	// A new address per account, so the per-address brake never gets in the way here.
	const attempt = (email: string, password: string, now: Date) =>
		login(db, { email, password, address: `addr-${email}` }, now);

	it(`the ${ACCOUNT_MAX_FAILURES}th wrong password locks the account and says so at once`, async () => {
		const email = await freshAccount();
		for (let i = 1; i < ACCOUNT_MAX_FAILURES; i++) {
			expect(await attempt(email, `wrong-${i}`, at(i / 60))).toEqual({
				ok: false,
				reason: 'invalid_credentials'
			});
		}
		const locking = at(ACCOUNT_MAX_FAILURES / 60);
		expect(await attempt(email, 'wrong-last', locking)).toEqual({
			ok: false,
			reason: 'account_locked',
			retryAfterSeconds: LOCK_MINUTES * 60
		});
		// While locked, the right password is refused too, with the time left.
		expect(await attempt(email, PASSWORD, new Date(locking.getTime() + 60_000))).toEqual({
			ok: false,
			reason: 'account_locked',
			retryAfterSeconds: LOCK_MINUTES * 60 - 60
		});
		// Once the lock has run out, the right password works.
		const after = await attempt(
			email,
			PASSWORD,
			new Date(locking.getTime() + LOCK_MINUTES * 60_000)
		);
		expect(after.ok).toBe(true);
	});

	it('an unknown email never answers account_locked (it would tell which emails exist)', async () => {
		for (let i = 1; i <= ACCOUNT_MAX_FAILURES + 1; i++) {
			expect(await attempt('nobody@example.test', `wrong-${i}`, at(i / 60))).toEqual({
				ok: false,
				reason: 'invalid_credentials'
			});
		}
	});

	it(`the ${ADDRESS_MAX_FAILURES}th failure from one address says to wait, with the time left`, async () => {
		// Unknown emails, so no account lock answers first: only the address brake is at work.
		const address = `brake-${engine}`;
		const from = (i: number) =>
			login(db, { email: `guess-${i}@example.test`, password: 'x', address }, at(i / 60));
		for (let i = 1; i < ADDRESS_MAX_FAILURES; i++) {
			expect(await from(i)).toEqual({ ok: false, reason: 'invalid_credentials' });
		}
		expect(await from(ADDRESS_MAX_FAILURES)).toEqual({
			ok: false,
			reason: 'too_many_attempts',
			// The window opened with the first failure, a second after T0; this is the 20th second.
			retryAfterSeconds: LOCK_MINUTES * 60 - (ADDRESS_MAX_FAILURES - 1)
		});
		// Another address is not held back.
		const other = await login(
			db,
			{ email: 'guess@example.test', password: 'x', address: `other-${engine}` },
			at(1)
		);
		expect(other).toEqual({ ok: false, reason: 'invalid_credentials' });
	});
});
