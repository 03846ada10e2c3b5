/**
 * Account management from the command line (npm run user -- <command>):
 *   add --email E --role organizer|coordinator|staff|admin [--districts fuji,sakae] [--password P]
 *   passwd --email E [--password P]        (also signs the account out everywhere)
 *   set --email E [--role R] [--districts D] [--disable | --enable]
 *   list
 * Without --password a strong one is generated and printed once.
 * Uses DATABASE_URL, or the PGlite directory DATA_DIR (default .data): stop `npm start`
 * first — PGlite allows one process per directory, and the lock says so if you forget.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isRole } from '../src/lib/domain/policy';
import { openDatabase } from '../src/lib/server/db/open-database';
import {
	createAccount,
	listAccounts,
	setPassword,
	updateAccount
} from '../src/lib/server/auth/accounts-repo';

const { positionals, values } = parseArgs({
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

function fail(message: string): never {
	console.error(`error: ${message}`);
	process.exit(2);
}

const command = positionals[0];
const districts = values.districts
	?.split(',')
	.map((d) => d.trim())
	.filter(Boolean);
if (values.role !== undefined && !isRole(values.role)) {
	fail(`--role must be organizer, coordinator, staff or admin (got ${values.role})`);
}
const role = values.role as Parameters<typeof updateAccount>[2]['role'];

const db = await openDatabase({
	databaseUrl: process.env.DATABASE_URL,
	dataDir: process.env.DATA_DIR ?? '.data'
});
try {
	switch (command) {
		case 'add': {
			if (!values.email || !role) fail('add needs --email and --role');
			const password = values.password ?? randomBytes(12).toString('base64url');
			const account = await createAccount(db, {
				email: values.email,
				password,
				role,
				districtIds: districts
			});
			console.log(
				`added ${account.email} (${account.role}${account.districtIds.length ? `: ${account.districtIds.join(',')}` : ''})`
			);
			if (!values.password) console.log(`password: ${password}`);
			break;
		}
		case 'passwd': {
			if (!values.email) fail('passwd needs --email');
			const password = values.password ?? randomBytes(12).toString('base64url');
			if (!(await setPassword(db, values.email, password))) fail(`no account ${values.email}`);
			console.log(`password changed for ${values.email}; its sessions were signed out`);
			if (!values.password) console.log(`password: ${password}`);
			break;
		}
		case 'set': {
			if (!values.email) fail('set needs --email');
			const disabled = values.disable ? true : values.enable ? false : undefined;
			const account = await updateAccount(db, values.email, {
				role,
				districtIds: districts,
				disabled
			});
			if (!account) fail(`no account ${values.email}`);
			console.log(
				`${account.email}: ${account.role} ${account.districtIds.join(',')} ${account.disabled ? '(disabled)' : ''}`
			);
			break;
		}
		case 'list':
			for (const a of await listAccounts(db)) {
				console.log(
					`${a.email}\t${a.role}\t${a.districtIds.join(',')}\t${a.disabled ? 'disabled' : ''}`
				);
			}
			break;
		default:
			fail(
				'usage: npm run user -- add|passwd|set|list [--email E] [--role R] [--districts a,b] [--password P]'
			);
	}
} catch (error) {
	fail((error as Error).message);
} finally {
	await db.close();
}
