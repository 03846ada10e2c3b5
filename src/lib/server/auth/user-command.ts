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
import { accountCityProblem, type CityDistricts } from './account-cities';

export const USAGE =
	'usage: npm run user -- add|passwd|set|list [--email E] [--role R] [--city C[,D]] [--districts a,b] [--password P] [--disable|--enable]';

export class UsageError extends Error {}

export interface UserCommandContext {
	db: Database;
	/** The deployment's cities and their district ids (scripts/pack-districts.ts). */
	cities: CityDistricts;
	/** The city `add` gives an account when no --city is named (DEFAULT_CITY). */
	defaultCity: string;
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
	const districts = values.districts === undefined ? undefined : readList(values.districts);
	const cities = values.city === undefined ? undefined : readList(values.city.join(','));
	switch (command) {
		case 'add': {
			if (!values.email || !role) throw new UsageError('add needs --email and --role');
			const cityIds = cities ?? [ctx.defaultCity];
			refuseCityProblem(ctx, cityIds, districts ?? []);
			refuseWeakPassword(values.password, values.email);
			if (await findAccountByEmail(db, values.email)) {
				throw new UsageError(`an account with the email ${values.email} exists already`);
			}
			const password = values.password ?? generatedPassword();
			const account = await createAccount(db, {
				email: values.email,
				password,
				role,
				cityIds,
				districtIds: districts
			});
			out(
				`added ${account.email} (${account.role}${account.districtIds.length ? `: ${account.districtIds.join(',')}` : ''}) of ${account.cityIds.join(',')}`
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
			const found = await findAccountByEmail(db, values.email);
			if (!found) throw new UsageError(`no account ${values.email}`);
			// The districts the account ends with must be districts of the cities it ends with.
			if (cities || districts) {
				refuseCityProblem(
					ctx,
					cities ?? found.account.cityIds,
					districts ?? found.account.districtIds
				);
			}
			const account = await updateAccount(db, values.email, {
				role,
				cityIds: cities,
				districtIds: districts,
				disabled
			});
			if (!account) throw new UsageError(`no account ${values.email}`);
			out(
				`${account.email}: ${account.role} of ${account.cityIds.join(',')} ${account.districtIds.join(',')} ${account.disabled ? '(disabled)' : ''}`
					.replace(/\s+/g, ' ')
					.trimEnd()
			);
			return;
		}
		case 'list':
			for (const a of await listAccounts(db)) {
				out(
					`${a.email}\t${a.role}\t${a.cityIds.join(',')}\t${a.districtIds.join(',')}\t${a.disabled ? 'disabled' : ''}`
				);
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
				city: { type: 'string', multiple: true },
				password: { type: 'string' },
				disable: { type: 'boolean' },
				enable: { type: 'boolean' }
			}
		});
	} catch (error) {
		throw new UsageError(`${(error as Error).message}\n${USAGE}`);
	}
}

/** `fuji,sakae` → ids, without blanks or repeats. */
function readList(list: string): string[] {
	return [
		...new Set(
			list
				.split(',')
				.map((d) => d.trim())
				.filter(Boolean)
		)
	];
}

/**
 * Cities must be the deployment's and districts those cities' (a typo must not make a
 * coordinator of nothing, nor of another city's district).
 */
function refuseCityProblem(
	ctx: UserCommandContext,
	cityIds: readonly string[],
	districtIds: readonly string[]
): void {
	const problem = accountCityProblem(ctx.cities, cityIds, districtIds);
	if (!problem) return;
	if (problem.reason === 'unknown_city') {
		throw new UsageError(
			`${problem.cityIds.length ? `unknown city ${problem.cityIds.join(', ')}` : '--city names no city'}; the cities are: ${problem.known.join(', ')}`
		);
	}
	const n = problem.districtIds.length;
	throw new UsageError(
		`unknown district${n > 1 ? 's' : ''} ${problem.districtIds.join(', ')}; the districts are: ${problem.known.join(', ') || '(none)'} (of ${cityIds.join(', ')})`
	);
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
