/**
 * The password policy (server/auth/password-policy.ts) as a person setting a password meets it:
 * `npm run user`, POST /api/admin/accounts (through createAccount) and BOOTSTRAP_ADMIN_PASSWORD.
 * The emails are generated test data.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '#lib/server/app-context.js';
import { createAccount, findAccountByEmail } from '#lib/server/auth/accounts-repo.js';
import { passwordProblem, WeakPasswordError } from '#lib/server/auth/password-policy.js';
import type { Database } from '#lib/server/db/database.js';
import { openTestDatabase } from './test-database';

const EMAIL = 'hanako.tanaka@example.test';

describe('passwordProblem', () => {
	it.each([
		['short-pw', 'too_short'],
		['aaaaaaaaaa', 'trivial'],
		['1234567890', 'trivial'],
		['0987654321', 'trivial'],
		['abcdefghij', 'trivial'],
		['abcde12345', 'trivial'],
		['qwertyuiop', 'trivial'],
		['ababababab', 'trivial'],
		['hellohello', 'trivial'],
		['password123', 'common'],
		['Password2024!', 'common'],
		['P@ssw0rd2024', 'common'],
		['iloveyou12', 'common'],
		['2024dragon!', 'common'],
		['basketball', 'common'],
		[EMAIL, 'email'],
		['HanakoTanaka2024', 'email'],
		['hanako.tanaka!!', 'email'],
		['hanakotanaka-aaaaaa', 'email']
	])('refuses %s (%s)', (password, rule) => {
		expect(passwordProblem(password, EMAIL)).toBe(rule);
	});

	it.each([
		['correct-horse-battery', EMAIL],
		['つるがしまの公民館でお茶会', EMAIL],
		['information-desk-7', 'info@example.test'],
		['tanaka-likes-green-tea', 'tanaka@example.test'],
		// The e2e fixtures (playwright.config.ts E2E_ADMIN, tests/e2e/api/accounts.ts,
		// tests/e2e/pages/work.ts) and the unit tests' passwords.
		['e2e-admin-password', 'admin@example.test'],
		['e2e-account-password', 'organizer-m4x2k-1-abc123@example.test'],
		['pw-coordinator-12-long-enough', 'coordinator-1765000000000-12@example.test'],
		['a-new-password-1', 'coord@example.test']
	])('accepts %s for %s', (password, email) => {
		expect(passwordProblem(password, email)).toBeNull();
	});

	it('never refuses a password `npm run user` generates', () => {
		for (let i = 0; i < 2000; i++) {
			const generated = randomBytes(12).toString('base64url');
			expect(passwordProblem(generated, EMAIL), generated).toBeNull();
		}
	});
});

describe('where a password is set', () => {
	let db: Database;
	beforeAll(async () => {
		db = await openTestDatabase('pglite');
	});
	afterAll(() => db.close());

	it('createAccount refuses a weak password and writes nothing', async () => {
		const creating = createAccount(db, {
			email: 'weak@example.test',
			password: '1234567890',
			role: 'organizer',
			cityIds: ['tsurugashima']
		});
		await expect(creating).rejects.toBeInstanceOf(WeakPasswordError);
		await expect(creating).rejects.toThrow(/並び.* \/ .*run like/);
		expect(await findAccountByEmail(db, 'weak@example.test')).toBeNull();
	});

	it('a weak BOOTSTRAP_ADMIN_PASSWORD stops the start, saying why in Japanese and English', async () => {
		await expect(
			createAppContext({
				dataDir: 'memory://',
				bootstrapAdmin: { email: 'admin@example.test', password: 'admin@example.test' }
			})
		).rejects.toThrow(
			/^BOOTSTRAP_ADMIN_PASSWORD is refused: メールアドレス.*使えません。 \/ A password made from the email/
		);
	});
});
