import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, verifyPassword } from '#lib/server/auth/accounts-repo.js';
import {
	ACCOUNT_MAX_FAILURES,
	ADDRESS_MAX_FAILURES,
	LOCK_MINUTES,
	login,
	pruneExpiredBrakes,
	type LoginResult
} from '#lib/server/auth/login.js';
import type { Database } from '#lib/server/db/database.js';
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
		await createAccount(db, {
			email,
			password: PASSWORD,
			role: 'organizer',
			cityIds: ['tsurugashima']
		});
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

	it('an unknown email locks at the same failure, with the same wait, as a known one', async () => {
		const known = await freshAccount();
		const unknown = `nobody-${engine}@example.test`;
		for (const email of [known, unknown]) {
			const answers = [];
			for (let i = 1; i <= ACCOUNT_MAX_FAILURES + 1; i++) {
				answers.push(await attempt(email, `wrong-${i}`, at(i / 60)));
			}
			expect(answers.map((a) => (a.ok ? 'ok' : a.reason))).toEqual([
				...Array(ACCOUNT_MAX_FAILURES - 1).fill('invalid_credentials'),
				'account_locked',
				'account_locked'
			]);
			expect(answers.at(-1)).toEqual({
				ok: false,
				reason: 'account_locked',
				retryAfterSeconds: LOCK_MINUTES * 60 - 1
			});
		}
	});

	it('a right password within the limit starts the count again', async () => {
		const email = await freshAccount();
		for (let round = 0; round < 2; round++) {
			for (let i = 1; i < ACCOUNT_MAX_FAILURES; i++) {
				expect(await attempt(email, `wrong-${i}`, at(round + i / 60))).toEqual({
					ok: false,
					reason: 'invalid_credentials'
				});
			}
			expect((await attempt(email, PASSWORD, at(round + 0.5))).ok).toBe(true);
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

	it('old brakes are deleted once they hold nothing back, and only those', async () => {
		const email = await freshAccount();
		const partly = await freshAccount();
		const address = `prune-${engine}`;
		for (let i = 1; i <= ACCOUNT_MAX_FAILURES; i++) await attempt(email, `wrong-${i}`, at(100));
		await attempt(partly, 'wrong', at(100));
		await login(db, { email: 'x@example.test', password: 'wrong', address }, at(100));
		const keys = async () =>
			(await db.query<{ key: string }>('select key from login_throttle')).map((r) => r.key);
		const mine = [`email:${email}`, `email:${partly}`, `addr:${address}`];
		expect(await keys()).toEqual(expect.arrayContaining(mine));
		await pruneExpiredBrakes(db, at(100 + LOCK_MINUTES - 1));
		expect(await keys()).toEqual(expect.arrayContaining(mine));
		await pruneExpiredBrakes(db, at(100 + LOCK_MINUTES));
		const after = await keys();
		expect(after).not.toContain(`email:${email}`);
		expect(after).not.toContain(`addr:${address}`);
		// Four more failures in a row still lock this one: its count is kept.
		expect(after).toContain(`email:${partly}`);
	});

	describe('parallel attempts against a slow password check (50 ms)', () => {
		/** The real check, 50 ms slower, recording which passwords it was asked about. */
		function slowVerifier() {
			const checked: string[] = [];
			const verify = async (hash: string, password: string) => {
				checked.push(password);
				await new Promise((resolve) => setTimeout(resolve, 50));
				return verifyPassword(hash, password);
			};
			return { checked, verify };
		}
		const reasons = (results: LoginResult[]) => {
			const counts: Record<string, number> = {};
			for (const r of results) {
				const key = r.ok ? 'ok' : r.reason;
				counts[key] = (counts[key] ?? 0) + 1;
			}
			return counts;
		};

		it(`60 wrong passwords at once for one account: only ${ACCOUNT_MAX_FAILURES} are checked`, async () => {
			const email = await freshAccount();
			const { checked, verify } = slowVerifier();
			// From 60 addresses, so the per-address brake plays no part.
			const results = await Promise.all(
				Array.from({ length: 60 }, (_, i) =>
					login(db, { email, password: `wrong-${i}`, address: `p-${email}-${i}` }, T0, verify)
				)
			);
			expect(checked).toHaveLength(ACCOUNT_MAX_FAILURES);
			expect(reasons(results)).toEqual({
				invalid_credentials: ACCOUNT_MAX_FAILURES - 1,
				account_locked: 60 - (ACCOUNT_MAX_FAILURES - 1)
			});
		});

		it('the right password sent last in a burst of 100 is refused, and the lock holds', async () => {
			const email = await freshAccount();
			const { checked, verify } = slowVerifier();
			const results = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					login(
						db,
						{ email, password: i === 99 ? PASSWORD : `wrong-${i}`, address: `b-${email}-${i}` },
						T0,
						verify
					)
				)
			);
			expect(checked).toHaveLength(ACCOUNT_MAX_FAILURES);
			expect(checked).not.toContain(PASSWORD);
			expect(results[99]).toMatchObject({ ok: false, reason: 'account_locked' });
			// Still locked afterwards: nothing cleared it.
			expect(await attempt(email, PASSWORD, at(1))).toEqual({
				ok: false,
				reason: 'account_locked',
				retryAfterSeconds: (LOCK_MINUTES - 1) * 60
			});
			expect((await attempt(email, PASSWORD, at(LOCK_MINUTES))).ok).toBe(true);
		});

		it('a burst of 100 from one address at one account locks the account, not the address', async () => {
			const email = await freshAccount();
			const address = `one-${email}`;
			const { checked, verify } = slowVerifier();
			const results = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					login(db, { email, password: `wrong-${i}`, address }, T0, verify)
				)
			);
			expect(checked).toHaveLength(ACCOUNT_MAX_FAILURES);
			// While the burst is in flight the address brake may answer too; afterwards only the
			// checked failures count against the address.
			expect(results.filter((r) => !r.ok && r.reason === 'invalid_credentials')).toHaveLength(
				ACCOUNT_MAX_FAILURES - 1
			);
			expect(await login(db, { email, password: PASSWORD, address }, at(1))).toMatchObject({
				ok: false,
				reason: 'account_locked'
			});
			const colleague = await freshAccount();
			const signedIn = await login(db, { email: colleague, password: PASSWORD, address }, at(1));
			expect(signedIn.ok).toBe(true);
		});

		it('an unknown email locks under a parallel burst like a known one', async () => {
			const { checked, verify } = slowVerifier();
			const email = `ghost-${engine}@example.test`;
			const results = await Promise.all(
				Array.from({ length: 40 }, (_, i) =>
					login(db, { email, password: `wrong-${i}`, address: `u-${engine}-${i}` }, T0, verify)
				)
			);
			// Each checked against the dummy hash, as long as a known account's check takes.
			expect(checked).toHaveLength(ACCOUNT_MAX_FAILURES);
			expect(reasons(results)).toEqual({
				invalid_credentials: ACCOUNT_MAX_FAILURES - 1,
				account_locked: 40 - (ACCOUNT_MAX_FAILURES - 1)
			});
			expect(results.find((r) => !r.ok && r.reason === 'account_locked')).toEqual({
				ok: false,
				reason: 'account_locked',
				retryAfterSeconds: LOCK_MINUTES * 60
			});
		});

		it(`60 attempts at once from one address: only ${ADDRESS_MAX_FAILURES} are checked, then a right password is refused`, async () => {
			const address = `burst-${engine}`;
			const email = await freshAccount();
			const { checked, verify } = slowVerifier();
			// A different (unknown) email each time, so only the address brake holds them back.
			const results = await Promise.all(
				Array.from({ length: 60 }, (_, i) =>
					login(
						db,
						{ email: `spray-${i}-${engine}@example.test`, password: 'guess-1234', address },
						T0,
						verify
					)
				)
			);
			expect(checked).toHaveLength(ADDRESS_MAX_FAILURES);
			expect(reasons(results)).toEqual({
				invalid_credentials: ADDRESS_MAX_FAILURES - 1,
				too_many_attempts: 60 - (ADDRESS_MAX_FAILURES - 1)
			});
			expect(await login(db, { email, password: PASSWORD, address }, at(1), verify)).toEqual({
				ok: false,
				reason: 'too_many_attempts',
				retryAfterSeconds: (LOCK_MINUTES - 1) * 60
			});
			expect(checked).toHaveLength(ADDRESS_MAX_FAILURES);
		});

		it('people signing in rightly, one after another, from one shared address do not use up its brake', async () => {
			const address = `office-${engine}`;
			const results = [];
			for (let i = 0; i < ADDRESS_MAX_FAILURES + 5; i++) {
				const email = await freshAccount();
				results.push(await login(db, { email, password: PASSWORD, address }, at(i / 60)));
			}
			expect(reasons(results)).toEqual({ ok: ADDRESS_MAX_FAILURES + 5 });
		});
	});
});
