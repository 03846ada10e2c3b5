/**
 * Password sign-in with two brakes against guessing: per email (5 failures lock it for
 * 15 minutes; the 5th already answers `account_locked`) and per client address (20 failures in
 * 15 minutes; the 20th already answers `too_many_attempts`). Both answer with a reason
 * code and when to try again, which the login page turns into a plain Japanese message.
 *
 * An attempt is counted BEFORE its password is checked, by one atomic upsert on the two
 * counter rows, and only an attempt whose own count is within both limits is checked. However
 * many requests arrive together, at most 5 passwords per email (20 per address) are ever
 * checked in a lock period: counting after the ~40 ms check let 60 parallel guesses all through.
 * A success gives its count back. The email brake is keyed by the email as typed (normalized),
 * not by the account, so an unknown email is counted, locked and timed like a known one and the
 * answers do not tell which emails have accounts.
 */
import type { Database } from '../db/database';
import { randomBytes } from 'node:crypto';
import {
	emailBrakeKey,
	findAccountByEmail,
	hashPassword,
	verifyPassword,
	type Account
} from './accounts-repo';
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

/** Checks a password against a stored hash; injectable so tests can make it slow. */
export type PasswordVerifier = (passwordHash: string, password: string) => Promise<boolean>;

// A real hash to verify against when the email is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(24).toString('base64')));

const addressBrakeKey = (address: string) => `addr:${address}`;

export async function login(
	db: Database,
	input: { email: string; password: string; address: string },
	now = new Date(),
	verify: PasswordVerifier = verifyPassword
): Promise<LoginResult> {
	// Started on every attempt, so the first unknown email is not the one slow answer.
	const fallbackHash = dummy();
	await pruneExpired(db, now);
	const addressKey = addressBrakeKey(input.address);
	const emailKey = emailBrakeKey(input.email);
	const count = await countAttempt(db, addressKey, emailKey, now);
	const addressRetry = secondsUntil(
		new Date(count.addressWindowStart.getTime() + LOCK_MINUTES * 60_000),
		now
	);
	// An attempt refused without a check guessed nothing, so it gives its count back to the
	// address: the address's count stays the number of passwords checked and found wrong (a
	// burst at one locked account must not lock out everyone behind the same office address).
	// Every checked failure keeps its count, so no more than 20 are ever checked.
	// (The email is not counted at all when the address is over its limit.)
	if (count.address > ADDRESS_MAX_FAILURES || count.email === null) {
		await refundAddress(db, addressKey, count.addressWindowStart);
		return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: addressRetry };
	}
	if (count.email > ACCOUNT_MAX_FAILURES) {
		await refundAddress(db, addressKey, count.addressWindowStart);
		return {
			ok: false,
			reason: 'account_locked',
			...(count.lockedUntil && { retryAfterSeconds: secondsUntil(count.lockedUntil, now) })
		};
	}

	const found = await findAccountByEmail(db, input.email);
	const valid = await verify(found?.passwordHash ?? (await fallbackHash), input.password);
	if (found && valid && !found.account.disabled) {
		// The right password clears the email's count, unless attempts past the limit came in
		// meanwhile: those were refused, and a success must not lift the lock they ran into.
		await db.query('delete from login_throttle where key = $1 and failures <= $2', [
			emailKey,
			ACCOUNT_MAX_FAILURES
		]);
		await refundAddress(db, addressKey, count.addressWindowStart);
		const session = await createSession(db, found.account.userId, now);
		return { ok: true, account: found.account, ...session };
	}
	// The failure that locks the email (or the address) says so at once: "wrong password"
	// would invite another try that is refused anyway, and the person would not know to wait.
	if (count.email >= ACCOUNT_MAX_FAILURES && count.lockedUntil) {
		return {
			ok: false,
			reason: 'account_locked',
			retryAfterSeconds: secondsUntil(count.lockedUntil, now)
		};
	}
	if (count.address >= ADDRESS_MAX_FAILURES) {
		return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: addressRetry };
	}
	return { ok: false, reason: 'invalid_credentials' };
}

interface AttemptCount {
	/** This attempt's number in the address's window (1 = the first). */
	address: number;
	addressWindowStart: Date;
	/** This attempt's number for the email since its last success or lock; null when the
	 * address was already over its limit (the email is then not counted). */
	email: number | null;
	lockedUntil: Date | null;
}

/**
 * Counts one attempt for the address and, unless the address is over its limit, for the
 * email, in ONE statement: each upsert takes its row's lock, so parallel attempts get distinct,
 * increasing numbers whatever their interleaving. Rows are always locked address first, then
 * email, so two attempts never wait on each other in a cycle.
 */
async function countAttempt(
	db: Database,
	addressKey: string,
	emailKey: string,
	now: Date
): Promise<AttemptCount> {
	const [row] = await db.query<{
		address_count: number;
		window_start: Date | string;
		email_count: number | null;
		locked_until: Date | string | null;
	}>(
		`with address as (
		   insert into login_throttle as t (key, failures, window_start) values ($1, 1, $3::timestamptz)
		   on conflict (key) do update set
		     failures = case when t.window_start <= $3::timestamptz - $4::interval
		       then 1 else t.failures + 1 end,
		     window_start = case when t.window_start <= $3::timestamptz - $4::interval
		       then $3::timestamptz else t.window_start end
		   returning failures, window_start
		 ), email as (
		   insert into login_throttle as t (key, failures, window_start, locked_until)
		   select $2, 1, $3::timestamptz,
		     case when 1 >= $5::int then $3::timestamptz + $4::interval end
		   from address where address.failures <= $6::int
		   on conflict (key) do update set
		     -- A lock that has run out starts the count again.
		     failures = case when t.locked_until <= $3::timestamptz then 1 else t.failures + 1 end,
		     window_start = case when t.locked_until <= $3::timestamptz
		       then $3::timestamptz else t.window_start end,
		     locked_until = case
		       when t.locked_until <= $3::timestamptz then null
		       when t.locked_until is not null then t.locked_until
		       when t.failures + 1 >= $5::int then $3::timestamptz + $4::interval
		     end
		   returning failures, locked_until
		 )
		 select address.failures as address_count, address.window_start,
		   email.failures as email_count, email.locked_until
		 from address left join email on true`,
		[
			addressKey,
			emailKey,
			now,
			`${LOCK_MINUTES} minutes`,
			ACCOUNT_MAX_FAILURES,
			ADDRESS_MAX_FAILURES
		]
	);
	return {
		address: row!.address_count,
		addressWindowStart: new Date(row!.window_start),
		email: row!.email_count,
		lockedUntil: row!.locked_until ? new Date(row!.locked_until) : null
	};
}

/** Gives an attempt's count back to the address, in the window it was counted in. */
async function refundAddress(db: Database, addressKey: string, windowStart: Date): Promise<void> {
	await db.query(
		`update login_throttle set failures = failures - 1
		 where key = $1 and window_start = $2::timestamptz and failures > 0`,
		[addressKey, windowStart]
	);
}

let lastPrune = 0;
const PRUNE_EVERY_MS = 10 * 60_000;

async function pruneExpired(db: Database, now: Date): Promise<void> {
	if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
	lastPrune = Date.now();
	// Housekeeping: a failure here (a deadlock victim on PostgreSQL) must not fail a sign-in.
	await pruneExpiredBrakes(db, now).catch((error: unknown) =>
		console.warn('login_throttle prune failed; will try again later', error)
	);
}

/**
 * Deletes the rows that no longer hold anything back: address windows that have ended and email
 * locks that have run out. The next attempt would start those counts again at 1 anyway, so this
 * changes no answer; it keeps guesses at many emails or from many addresses from growing the
 * table for good. login() runs it every 10 minutes at most, per process.
 */
export async function pruneExpiredBrakes(db: Database, now: Date): Promise<void> {
	// Two statements, each locking rows of one kind only: countAttempt holds an address row while
	// it waits for an email row, so one delete of both kinds could wait on it in a cycle.
	await db.query(
		`delete from login_throttle
		 where key like 'addr:%' and window_start <= $1::timestamptz - $2::interval`,
		[now, `${LOCK_MINUTES} minutes`]
	);
	await db.query(
		`delete from login_throttle where key like 'email:%' and locked_until <= $1::timestamptz`,
		[now]
	);
}

function secondsUntil(until: Date, now: Date): number {
	return Math.ceil((until.getTime() - now.getTime()) / 1000);
}
