/**
 * Accounts: email, role, cities, districts, password hash (argon2id). No other personal data.
 * An account belongs to one or more cities (pack ids, migration 11); its districts are districts
 * of those cities (checked by the callers, which know the packs).
 */
import { hash, verify } from '@node-rs/argon2';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { isRole, type Actor, type CityScope, type Role } from '#lib/domain/policy.js';
import type { Queryable } from '../db/database';
import { passwordProblem, WeakPasswordError } from './password-policy';

export interface Account extends Actor, CityScope {
	cityIds: string[];
	email: string;
	disabled: boolean;
}

interface UserRow {
	id: string;
	email: string;
	role: string;
	district_ids: string[];
	city_ids: string[];
	disabled: boolean;
	[key: string]: unknown;
}

const toAccount = (r: UserRow): Account => ({
	userId: r.id,
	email: r.email,
	role: isRole(r.role) ? r.role : 'organizer',
	districtIds: r.district_ids,
	cityIds: r.city_ids,
	disabled: r.disabled
});

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
/** The login_throttle row that counts sign-in attempts for an email (login.ts). */
export const emailBrakeKey = (email: string) => `email:${normalizeEmail(email)}`;
export { MIN_PASSWORD_LENGTH } from './password-policy';

/** Refuses (throws WeakPasswordError) a password the policy does not allow for `email`. */
function assertPasswordAllowed(password: string, email: string): void {
	const rule = passwordProblem(password, email);
	if (rule) throw new WeakPasswordError(rule);
}

// OWASP's argon2id minimum (19 MiB, 2 passes): about 40 ms here, fine for a login.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2);

export async function createAccount(
	db: Queryable,
	input: { email: string; password: string; role: Role; cityIds: string[]; districtIds?: string[] }
): Promise<Account> {
	assertPasswordAllowed(input.password, input.email);
	const [row] = await db.query<UserRow>(
		`insert into users (id, email, password_hash, role, district_ids, city_ids)
		 values ($1, $2, $3, $4, $5, $6) returning *`,
		[
			uuidv7(),
			normalizeEmail(input.email),
			await hashPassword(input.password),
			input.role,
			input.districtIds ?? [],
			[...new Set(input.cityIds)]
		]
	);
	return toAccount(row!);
}

export async function findAccountByEmail(db: Queryable, email: string) {
	const [row] = await db.query<UserRow & { password_hash: string }>(
		'select * from users where email = $1',
		[normalizeEmail(email)]
	);
	return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
}

export async function findAccount(db: Queryable, userId: string): Promise<Account | null> {
	const [row] = await db.query<UserRow>('select * from users where id = $1', [userId]);
	return row ? toAccount(row) : null;
}

export async function listAccounts(db: Queryable): Promise<Account[]> {
	return (await db.query<UserRow>('select * from users order by email')).map(toAccount);
}

export async function setPassword(
	db: Queryable,
	email: string,
	password: string
): Promise<boolean> {
	assertPasswordAllowed(password, email);
	const rows = await db.query('update users set password_hash = $2 where email = $1 returning id', [
		normalizeEmail(email),
		await hashPassword(password)
	]);
	if (!rows[0]) return false;
	await db.query('delete from auth_sessions where user_id = $1', [rows[0].id]);
	// Lifts the sign-in lock (login.ts keeps it by email, in login_throttle).
	await db.query('delete from login_throttle where key = $1', [emailBrakeKey(email)]);
	return true;
}

export async function updateAccount(
	db: Queryable,
	email: string,
	patch: { role?: Role; districtIds?: string[]; cityIds?: string[]; disabled?: boolean }
): Promise<Account | null> {
	const [row] = await db.query<UserRow>(
		`update users set role = coalesce($2, role), district_ids = coalesce($3, district_ids),
		   disabled = coalesce($4, disabled), city_ids = coalesce($5, city_ids)
		 where email = $1 returning *`,
		[
			normalizeEmail(email),
			patch.role ?? null,
			patch.districtIds ?? null,
			patch.disabled ?? null,
			patch.cityIds ? [...new Set(patch.cityIds)] : null
		]
	);
	if (row && patch.disabled)
		await db.query('delete from auth_sessions where user_id = $1', [row.id]);
	return row ? toAccount(row) : null;
}

export const verifyPassword = (passwordHash: string, password: string) =>
	verify(passwordHash, password).catch(() => false);
