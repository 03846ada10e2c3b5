/**
 * `npm run user` while a server holds the PGlite directory (PGlite allows one process per
 * directory). This test process plays the server: it opens an on-disk DATA_DIR (taking its lock)
 * and starts the admin socket the way the server's init hook does; the CLI runs as its own
 * process, exactly as a person runs it in a second terminal.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByEmail } from '#lib/server/auth/accounts-repo.js';
import { login } from '#lib/server/auth/login.js';
import { ADMIN_SOCKET_FILE, startAdminSocket, type AdminSocket } from '#lib/server/admin-socket.js';
import type { Database } from '#lib/server/db/database.js';
import { openDatabase } from '#lib/server/db/open-database.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { createEmptyPostgresDatabase } from '../server/test-database';

const TSX = resolve('node_modules/.bin/tsx');

interface CliRun {
	code: number;
	stdout: string;
	stderr: string;
}

/** `npm run user -- …` with the given environment; never rejects. */
function cli(argv: string[], env: Record<string, string>): Promise<CliRun> {
	return new Promise((done) => {
		execFile(
			TSX,
			['scripts/user.ts', ...argv],
			{ env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 50_000 },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
				done({ code, stdout, stderr });
			}
		);
	});
}

const password = (out: string) => /^password: (\S+)$/m.exec(out)?.[1] ?? '';
/** A stack trace line, as Node prints one. */
const STACK = /^\s+at /m;

describe('npm run user while the server runs', () => {
	let dataDir: string;
	let db: Database;
	let socket: AdminSocket | null;
	let firstPassword = '';

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'ibasho-user-cli-'));
		db = await openDatabase({ dataDir });
		const { pack, geometry } = tsurugashimaPack();
		socket = await startAdminSocket(
			{ db, packs: new Map([[pack.id, { pack, geometry }]]), defaultPackId: pack.id },
			{ DATA_DIR: dataDir }
		);
	});

	afterAll(async () => {
		await socket?.close();
		await db.close();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('listens on a socket in DATA_DIR that only its own user may open', () => {
		expect(socket?.path).toBe(join(dataDir, ADMIN_SOCKET_FILE));
		const stat = statSync(join(dataDir, ADMIN_SOCKET_FILE));
		expect(stat.isSocket()).toBe(true);
		expect(stat.mode & 0o777).toBe(0o600);
	});

	it('adds an account through the server, and the account can sign in at once', async () => {
		const run = await cli(
			['add', '--email', 'hanako@example.test', '--role', 'coordinator', '--districts', 'fuji'],
			{ DATA_DIR: dataDir }
		);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('added hanako@example.test (coordinator: fuji)');
		firstPassword = password(run.stdout);
		const signIn = await login(db, {
			email: 'hanako@example.test',
			password: firstPassword,
			address: '127.0.0.1'
		});
		expect(signIn.ok).toBe(true);
	});

	it('answers bad input with a message and status 2, no stack trace, nothing written', async () => {
		const badRole = await cli(['add', '--email', 'x@example.test', '--role', 'mayor'], {
			DATA_DIR: dataDir
		});
		expect(badRole.code).toBe(2);
		expect(badRole.stderr).toMatch(/^error: --role must be organizer, coordinator, staff, admin/);
		expect(badRole.stderr).not.toMatch(STACK);

		const typo = await cli(
			['add', '--email', 'typo@example.test', '--role', 'coordinator', '--districts', 'fujii'],
			{ DATA_DIR: dataDir }
		);
		expect(typo.code).toBe(2);
		expect(typo.stderr).toContain('unknown district fujii; the districts are: tsurugashima-1');
		expect(await findAccountByEmail(db, 'typo@example.test')).toBeNull();

		const twice = await cli(['add', '--email', 'hanako@example.test', '--role', 'staff'], {
			DATA_DIR: dataDir
		});
		expect(twice.code).toBe(2);
		expect(twice.stderr).toContain('an account with the email hanako@example.test exists already');
	});

	it('resets a password through the server; the old one stops working', async () => {
		const run = await cli(['passwd', '--email', 'hanako@example.test'], { DATA_DIR: dataDir });
		expect(run.code).toBe(0);
		const fresh = password(run.stdout);
		expect(fresh).not.toBe('');
		const signIn = (pw: string) =>
			login(db, { email: 'hanako@example.test', password: pw, address: '127.0.0.2' });
		expect((await signIn(firstPassword)).ok).toBe(false);
		expect((await signIn(fresh)).ok).toBe(true);
	});

	it('with DATABASE_URL talks to PostgreSQL itself, not to the server on DATA_DIR', async () => {
		const pgDb = await createEmptyPostgresDatabase();
		try {
			const run = await cli(['add', '--email', 'pg-only@example.test', '--role', 'staff'], {
				DATA_DIR: dataDir,
				DATABASE_URL: pgDb.url
			});
			expect(run.code).toBe(0);
			expect(await findAccountByEmail(db, 'pg-only@example.test')).toBeNull();
			const list = await cli(['list'], { DATABASE_URL: pgDb.url });
			expect(list.stdout).toContain('pg-only@example.test\tstaff');
		} finally {
			await pgDb.drop();
		}
	});

	it('says plainly that the directory is in use when its holder has no admin socket', async () => {
		await socket?.close();
		socket = null;
		const run = await cli(['list'], { DATA_DIR: dataDir });
		expect(run.code).toBe(1);
		expect(run.stderr).toContain(`is in use by process ${process.pid}`);
		expect(run.stderr).not.toMatch(STACK);
	});
});

describe('npm run user after a server crashed', () => {
	it('opens the directory itself when the socket file is a leftover nobody listens on', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'ibasho-user-cli-'));
		try {
			writeFileSync(join(dataDir, ADMIN_SOCKET_FILE), '');
			const run = await cli(['add', '--email', 'after-crash@example.test', '--role', 'staff'], {
				DATA_DIR: dataDir
			});
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			const db = await openDatabase({ dataDir });
			try {
				expect((await findAccountByEmail(db, 'after-crash@example.test'))?.account.role).toBe(
					'staff'
				);
			} finally {
				await db.close();
			}
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
