/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the server suite, which runs on both
 * PGlite and a real PostgreSQL server.
 *
 * Contract: before any test file runs, a cluster listens on 127.0.0.1 (a free port) with trust
 * auth, and its admin URL (user `postgres`, database `postgres`) is provided to workers as
 * `inject('TEST_POSTGRES_URL')` and also set as process.env.TEST_POSTGRES_URL. Tests create
 * their own databases on it (tests/unit/server/test-database.ts). Teardown stops the cluster
 * and deletes its directory. Missing binaries fail the run: a suite that silently skipped
 * PostgreSQL would hide engine differences.
 *
 * Durability is switched off (fsync, synchronous_commit, full_page_writes): the data is
 * thrown away, and it keeps startup and every commit fast.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		TEST_POSTGRES_URL: string;
	}
}

export const NOT_INSTALLED =
	'PostgreSQL is not installed: apt-get install -y postgresql (the server suite runs on both PGlite and PostgreSQL)';

interface Cluster {
	dir: string;
	dataDir: string;
	bin: string;
	asPostgres: boolean;
	running: boolean;
}

let cluster: Cluster | null = null;

export async function setup(project: TestProject): Promise<void> {
	const started = Date.now();
	const bin = findBinDir();
	if (!bin) throw new Error(NOT_INSTALLED);
	// initdb and the server refuse to run as root: the cluster belongs to the `postgres` user.
	const asPostgres = process.getuid?.() === 0;
	const dir = mkdtempSync(join(tmpdir(), 'ibasho-pg-'));
	const dataDir = join(dir, 'data');
	cluster = { dir, dataDir, bin, asPostgres, running: false };
	process.once('exit', stopSync);
	try {
		if (asPostgres) {
			const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
			const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
			chownSync(dir, uid, gid);
		}
		run(cluster, 'initdb', [
			'-D',
			dataDir,
			'-U',
			'postgres',
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
			'--no-instructions'
		]);
		// Only local connections, all trusted: the cluster is private to this run.
		writeFileSync(
			join(dataDir, 'pg_hba.conf'),
			'local all all trust\nhost all all 127.0.0.1/32 trust\n'
		);
		const port = await freePort();
		const options = [
			'-c listen_addresses=127.0.0.1',
			`-c port=${port}`,
			`-c unix_socket_directories=${dir}`,
			'-c fsync=off',
			'-c synchronous_commit=off',
			'-c full_page_writes=off',
			'-c max_connections=200'
		].join(' ');
		run(cluster, 'pg_ctl', [
			'-D',
			dataDir,
			'-l',
			join(dir, 'server.log'),
			'-o',
			options,
			'-w',
			'-t',
			'30',
			'start'
		]);
		cluster.running = true;
		const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
		process.env.TEST_POSTGRES_URL = url;
		project.provide('TEST_POSTGRES_URL', url);
		if (process.env.TEST_POSTGRES_VERBOSE)
			console.log(`PostgreSQL test cluster on port ${port} in ${Date.now() - started} ms`);
	} catch (error) {
		stopSync();
		throw error;
	}
}

export async function teardown(): Promise<void> {
	stopSync();
}

/** Stops the server and deletes the cluster; idempotent, synchronous so it also works on exit. */
function stopSync(): void {
	if (!cluster) return;
	const c = cluster;
	cluster = null;
	if (c.running)
		spawnSync(...command(c, 'pg_ctl', ['-D', c.dataDir, '-m', 'immediate', '-w', 'stop']), {
			stdio: 'ignore',
			cwd: c.dir
		});
	rmSync(c.dir, { recursive: true, force: true });
}

/** The newest /usr/lib/postgresql/<version>/bin with pg_ctl, else `pg_config --bindir`. */
function findBinDir(): string | null {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root)
			.filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions[0]) return join(root, versions[0], 'bin');
	}
	const probe = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
	const bindir = probe.status === 0 ? probe.stdout.trim() : '';
	return bindir && existsSync(join(bindir, 'initdb')) && existsSync(join(bindir, 'pg_ctl'))
		? bindir
		: null;
}

function command(c: Cluster, tool: string, args: string[]): [string, string[]] {
	const exe = join(c.bin, tool);
	return c.asPostgres ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

function run(c: Cluster, tool: string, args: string[]): void {
	const result = spawnSync(...command(c, tool, args), { encoding: 'utf8', cwd: c.dir });
	if (result.status !== 0) {
		const log = existsSync(join(c.dir, 'server.log'))
			? spawnSync('tail', ['-n', '20', join(c.dir, 'server.log')], { encoding: 'utf8' }).stdout
			: '';
		throw new Error(
			`PostgreSQL test cluster: ${tool} failed (${result.error?.message ?? `exit ${result.status}`})\n` +
				`${result.stdout ?? ''}${result.stderr ?? ''}${log}`
		);
	}
}

/** A port nobody listens on right now (the OS picks it; released just before the server binds). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}
