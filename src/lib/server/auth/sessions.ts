/**
 * Sign-in sessions: a random token in an httpOnly, SameSite=Lax cookie; only its SHA-256 is
 * stored, so a database dump cannot be replayed as cookies. Long-lived (30 days) because a
 * volunteer's phone works offline for days: an expired session never touches the outbox,
 * the person signs in again and the queue goes out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database';
import { findAccount, type Account } from './accounts-repo';

export const SESSION_COOKIE = 'ibasho_session';
export const SESSION_DAYS = 30;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Queryable, userId: string, now = new Date()) {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
	await db.query(
		'insert into auth_sessions (token_hash, user_id, expires_at) values ($1, $2, $3)',
		[sha256(token), userId, expiresAt]
	);
	return { token, expiresAt };
}

export async function accountForToken(
	db: Queryable,
	token: string | undefined,
	now = new Date()
): Promise<Account | null> {
	if (!token || token.length > 100) return null;
	const [row] = await db.query<{ user_id: string; expires_at: Date }>(
		'select user_id, expires_at from auth_sessions where token_hash = $1',
		[sha256(token)]
	);
	if (!row || new Date(row.expires_at) <= now) return null;
	const account = await findAccount(db, row.user_id);
	return account && !account.disabled ? account : null;
}

export async function endSession(db: Queryable, token: string | undefined) {
	if (token) await db.query('delete from auth_sessions where token_hash = $1', [sha256(token)]);
}
