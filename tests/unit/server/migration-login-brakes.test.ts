/**
 * Migration login-brakes-by-email on a database as the earlier migrations left it, on PGlite and
 * on PostgreSQL: an account locked (or part-way to a lock) before the upgrade stays so after it,
 * now counted by email. The accounts are generated test data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '#lib/server/auth/accounts-repo.js';
import { ACCOUNT_MAX_FAILURES, login } from '#lib/server/auth/login.js';
import type { Database } from '#lib/server/db/database.js';
import { migrate, MIGRATIONS } from '#lib/server/db/migrations.js';
import { ENGINES, openUnmigratedTestDatabase } from './test-database';

const PASSWORD = 'correct-horse-battery';
const before = MIGRATIONS.slice(
	0,
	MIGRATIONS.findIndex((m) => m.name === 'login-brakes-by-email')
);

describe.each(ENGINES)('%s', (engine) => {
	let db: Database;
	beforeAll(async () => {
		db = await openUnmigratedTestDatabase(engine);
		await migrate(db, before);
		for (const email of ['locked@example.test', 'twice@example.test']) {
			// As the accounts of that schema were written (createAccount now names their cities).
			await db.query(
				`insert into users (id, email, password_hash, role) values (gen_random_uuid(), $1, $2, 'organizer')`,
				[email, await hashPassword(PASSWORD)]
			);
		}
		await db.query(
			`update users set failed_logins = 5, locked_until = now() + interval '10 minutes'
			 where email = 'locked@example.test'`
		);
		await db.query(`update users set failed_logins = 2 where email = 'twice@example.test'`);
		await migrate(db);
	});
	afterAll(() => db.close());

	const attempt = (email: string, password: string) =>
		login(db, { email, password, address: `m-${email}` });

	it('a lock taken before the upgrade still holds, with its time left', async () => {
		const answer = await attempt('locked@example.test', PASSWORD);
		expect(answer).toMatchObject({ ok: false, reason: 'account_locked' });
		expect(answer.ok || answer.retryAfterSeconds).toBeGreaterThan(9 * 60);
	});

	it('failures counted before the upgrade still count toward the lock', async () => {
		const reasons = [];
		for (let i = 3; i <= ACCOUNT_MAX_FAILURES; i++) {
			const answer = await attempt('twice@example.test', `wrong-${i}`);
			reasons.push(answer.ok ? 'ok' : answer.reason);
		}
		// Failures 3 and 4 are refused plainly, the 5th locks.
		expect(reasons).toEqual(['invalid_credentials', 'invalid_credentials', 'account_locked']);
		expect(await attempt('twice@example.test', PASSWORD)).toMatchObject({
			ok: false,
			reason: 'account_locked'
		});
	});
});
