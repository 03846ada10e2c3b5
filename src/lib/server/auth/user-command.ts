/**
 * What `npm run user -- <command>` does, apart from opening the database and printing (see
 * scripts/user.ts for the commands). The CLI runs it on the database itself, or, while a server
 * holds the PGlite directory, the server runs it for the CLI (../admin-socket.ts). Input errors
 * throw `UsageError` with a message for the person at the terminal; nothing is written when one
 * is thrown.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isRole, ROLES, type Role } from '#lib/domain/policy.js';
import type { Database } from '../db/database';
import {
	createAccount,
	findAccountByEmail,
	listAccounts,
	setPassword,
	updateAccount
} from './accounts-repo';
import { describePasswordRule, passwordProblem } from './password-policy';

export const USAGE =
	'usage: npm run user -- add|passwd|set|list [--email E] [--role R] [--districts a,b] [--password P] [--disable|--enable]';

export class UsageError extends Error {}

export interface UserCommandContext {
	db: Database;
	/** Every district id of the deployment's packs (scripts/pack-districts.ts). */
	knownDistricts: ReadonlySet<string>;
	out: (line: string) => void;
}

export async function runUserCommand(argv: string[], ctx: UserCommandContext): Promise<void> {
	const { positionals, values } = parse(argv);
	const { db, out } = ctx;
	const command = positionals[0];
	if (values.role !== undefined && !isRole(values.role)) {
		throw new UsageError(`--role must be ${ROLES.join(', ')} (got "${values.role}")`);
	}
	const role = values.role as Role | undefined;
	const districts =
		values.districts === undefined ? undefined : readDistricts(values.districts, ctx);
	switch (command) {
		case 'add': {
			if (!values.email || !role) throw new UsageError('add needs --email and --role');
			refuseWeakPassword(values.password, values.email);
			if (await findAccountByEmail(db, values.email)) {
				throw new UsageError(`an account with the email ${values.email} exists already`);
			}
			const password = values.password ?? generatedPassword();
			const account = await createAccount(db, {
				email: values.email,
				password,
				role,
				districtIds: districts
			});
			out(
				`added ${account.email} (${account.role}${account.districtIds.length ? `: ${account.districtIds.join(',')}` : ''})`
			);
			if (!values.password) out(`password: ${password}`);
			return;
		}
		case 'passwd': {
			if (!values.email) throw new UsageError('passwd needs --email');
			refuseWeakPassword(values.password, values.email);
			const password = values.password ?? generatedPassword();
			if (!(await setPassword(db, values.email, password))) {
				throw new UsageError(`no account ${values.email}`);
			}
			out(`password changed for ${values.email}; its sessions were signed out and its lock lifted`);
			if (!values.password) out(`password: ${password}`);
			return;
		}
		case 'set': {
			if (!values.email) throw new UsageError('set needs --email');
			const disabled = values.disable ? true : values.enable ? false : undefined;
			const account = await updateAccount(db, values.email, {
				role,
				districtIds: districts,
				disabled
			});
			if (!account) throw new UsageError(`no account ${values.email}`);
			out(
				`${account.email}: ${account.role} ${account.districtIds.join(',')} ${account.disabled ? '(disabled)' : ''}`.trimEnd()
			);
			return;
		}
		case 'list':
			for (const a of await listAccounts(db)) {
				out(`${a.email}\t${a.role}\t${a.districtIds.join(',')}\t${a.disabled ? 'disabled' : ''}`);
			}
			return;
		default:
			throw new UsageError(USAGE);
	}
}

function parse(argv: string[]) {
	try {
		return parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				email: { type: 'string' },
				role: { type: 'string' },
				districts: { type: 'string' },
				password: { type: 'string' },
				disable: { type: 'boolean' },
				enable: { type: 'boolean' }
			}
		});
	} catch (error) {
		throw new UsageError(`${(error as Error).message}\n${USAGE}`);
	}
}

/** `fuji,sakae` → ids, each one the packs know (a typo must not make a coordinator of nothing). */
function readDistricts(list: string, ctx: UserCommandContext): string[] {
	const ids = [
		...new Set(
			list
				.split(',')
				.map((d) => d.trim())
				.filter(Boolean)
		)
	];
	const unknown = ids.filter((d) => !ctx.knownDistricts.has(d));
	if (unknown.length) {
		throw new UsageError(
			`unknown district${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the districts are: ${[...ctx.knownDistricts].join(', ')}`
		);
	}
	return ids;
}

/** A --password the policy refuses stops the command, saying why in Japanese and English. */
function refuseWeakPassword(password: string | undefined, email: string): void {
	const rule = password === undefined ? null : passwordProblem(password, email);
	if (rule) throw new UsageError(`--password refused: ${describePasswordRule(rule)}`);
}

// 16 random characters: the policy never refuses these (tests/unit/server/password-policy.test.ts).
function generatedPassword(): string {
	return randomBytes(12).toString('base64url');
}
