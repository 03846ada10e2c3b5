/**
 * Sign-in sessions: a random token in an httpOnly, SameSite=Lax cookie; only its SHA-256 is
 * stored, so a database dump cannot be replayed as cookies. Long-lived (30 days) because a
 * volunteer's phone works offline for days: an expired session never touches the outbox,
 * the person signs in again and the queue goes out. Renewed while used (sliding expiry): a
 * volunteer who opens the app at least once a month is never signed out; a session unused for
 * 30 days ends.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database';
import { findAccount, type Account } from './accounts-repo';

export const SESSION_COOKIE = 'ibasho_session';
export const SESSION_DAYS = 30;
/**
 * A used session is pushed out to SESSION_DAYS from now once this long has passed since its
 * last renewal: one conditional UPDATE a day per session, not one per request.
 */
export const RENEW_AFTER_MS = 86_400_000;
const SESSION_MS = SESSION_DAYS * 86_400_000;

/** The cookie's options; `expires` follows the session's own expiry. */
export const sessionCookieOptions = (expires: Date, secure: boolean) =>
	({ path: '/', httpOnly: true, sameSite: 'lax', secure, expires }) as const;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Queryable, userId: string, now = new Date()) {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_MS);
	await db.query(
		'insert into auth_sessions (token_hash, user_id, expires_at) values ($1, $2, $3)',
		[sha256(token), userId, expiresAt]
	);
	return { token, expiresAt };
}

export interface SessionUse {
	account: Account;
	/** The session's new expiry when this use renewed it (the cookie must follow), else null. */
	renewedUntil: Date | null;
}

/**
 * The account a session cookie stands for, renewing the session when its last renewal is more
 * than RENEW_AFTER_MS old. The UPDATE is conditional on the expiry still being old, so two
 * requests at once renew it once and neither fails.
 */
export async function useSession(
	db: Queryable,
	token: string | undefined,
	now = new Date()
): Promise<SessionUse | null> {
	if (!token || token.length > 100) return null;
	const hash = sha256(token);
	const [row] = await db.query<{ user_id: string; expires_at: Date }>(
		'select user_id, expires_at from auth_sessions where token_hash = $1',
		[hash]
	);
	if (!row) return null;
	const expiresAt = new Date(row.expires_at);
	if (expiresAt <= now) return null;
	const account = await findAccount(db, row.user_id);
	if (!account || account.disabled) return null;
	let renewedUntil: Date | null = null;
	const renewBelow = new Date(now.getTime() + SESSION_MS - RENEW_AFTER_MS);
	if (expiresAt < renewBelow) {
		renewedUntil = new Date(now.getTime() + SESSION_MS);
		const updated = await db.query(
			'update auth_sessions set expires_at = $2 where token_hash = $1 and expires_at < $3 returning 1',
			[hash, renewedUntil, renewBelow]
		);
		if (updated.length === 0) renewedUntil = null;
	}
	return { account, renewedUntil };
}

/** The account a session cookie stands for (renewing it as `useSession` does). */
export async function accountForToken(
	db: Queryable,
	token: string | undefined,
	now = new Date()
): Promise<Account | null> {
	return (await useSession(db, token, now))?.account ?? null;
}

export async function endSession(db: Queryable, token: string | undefined) {
	if (token) await db.query('delete from auth_sessions where token_hash = $1', [sha256(token)]);
}
