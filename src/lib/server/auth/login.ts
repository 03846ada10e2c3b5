/**
 * Password sign-in with two brakes against guessing: per account (5 failures lock it for
 * 15 minutes; the 5th already answers `account_locked`) and per client address (20 failures in
 * 15 minutes; the 20th already answers `too_many_attempts`). Both answer with a reason
 * code and when to try again, which the login page turns into a plain Japanese message.
 */
import type { Database } from '../db/database';
import { randomBytes } from 'node:crypto';
import { findAccountByEmail, hashPassword, verifyPassword, type Account } from './accounts-repo';
import { createSession } from './sessions';

export const ACCOUNT_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 20;
export const LOCK_MINUTES = 15;

export type LoginResult =
	| { ok: true; account: Account; token: string; expiresAt: Date }
	| {
			ok: false;
			reason: 'invalid_credentials' | 'account_locked' | 'too_many_attempts';
			retryAfterSeconds?: number;
	  };

// A real hash to verify against when the email is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(24).toString('base64')));

export async function login(
	db: Database,
	input: { email: string; password: string; address: string },
	now = new Date()
): Promise<LoginResult> {
	const throttle = await addressThrottle(db, input.address, now);
	if (throttle) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: throttle };

	const found = await findAccountByEmail(db, input.email);
	if (found?.lockedUntil && new Date(found.lockedUntil) > now) {
		return {
			ok: false,
			reason: 'account_locked',
			retryAfterSeconds: secondsUntil(new Date(found.lockedUntil), now)
		};
	}
	const valid = await verifyPassword(found?.passwordHash ?? (await dummy()), input.password);
	if (!found || !valid || found.account.disabled) {
		const lockedUntil = await recordFailure(db, input.address, found?.account.userId ?? null, now);
		// The failure that locks the account (or the address) says so at once: "wrong password"
		// would invite another try that is refused anyway, and the person would not know to wait.
		if (lockedUntil && lockedUntil > now) {
			return {
				ok: false,
				reason: 'account_locked',
				retryAfterSeconds: secondsUntil(lockedUntil, now)
			};
		}
		const throttled = await addressThrottle(db, input.address, now);
		if (throttled) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: throttled };
		return { ok: false, reason: 'invalid_credentials' };
	}
	await db.query('update users set failed_logins = 0, locked_until = null where id = $1', [
		found.account.userId
	]);
	const session = await createSession(db, found.account.userId, now);
	return { ok: true, account: found.account, ...session };
}

async function addressThrottle(db: Database, address: string, now: Date): Promise<number | null> {
	const [row] = await db.query<{ failures: number; window_start: Date }>(
		'select failures, window_start from login_throttle where key = $1',
		[`addr:${address}`]
	);
	if (!row) return null;
	const windowEnd = new Date(row.window_start).getTime() + LOCK_MINUTES * 60_000;
	if (windowEnd <= now.getTime() || row.failures < ADDRESS_MAX_FAILURES) return null;
	return Math.ceil((windowEnd - now.getTime()) / 1000);
}

function secondsUntil(until: Date, now: Date): number {
	return Math.ceil((until.getTime() - now.getTime()) / 1000);
}

/** Counts a failure for the address and the account; returns the account's lock, if any. */
async function recordFailure(
	db: Database,
	address: string,
	userId: string | null,
	now: Date
): Promise<Date | null> {
	await db.query(
		`insert into login_throttle (key, failures, window_start) values ($1, 1, $2)
		 on conflict (key) do update set
		   failures = case when login_throttle.window_start < $2::timestamptz - interval '${LOCK_MINUTES} minutes'
		     then 1 else login_throttle.failures + 1 end,
		   window_start = case when login_throttle.window_start < $2::timestamptz - interval '${LOCK_MINUTES} minutes'
		     then $2 else login_throttle.window_start end`,
		[`addr:${address}`, now]
	);
	if (!userId) return null;
	const [row] = await db.query<{ locked_until: Date | string | null }>(
		// A lock that has run out starts the count again.
		`update users set
		   failed_logins = case when locked_until <= $3 then 1 else failed_logins + 1 end,
		   locked_until = case
		     when locked_until <= $3 then null
		     when failed_logins + 1 >= $2 then $3::timestamptz + interval '${LOCK_MINUTES} minutes'
		     else locked_until end
		 where id = $1
		 returning locked_until`,
		[userId, ACCOUNT_MAX_FAILURES, now]
	);
	return row?.locked_until ? new Date(row.locked_until) : null;
}
