/**
 * The production server under a database that stops answering.
 *
 * A full disk, for real: the production server (`node build`, built by `npm run build` first) on
 * PGlite in a small tmpfs this test mounts (root only; CI runs as root). Pushes keep coming while
 * the free space is held under one WAL segment (16 MiB) but over what table pages need, so it is
 * PostgreSQL's next WAL segment that cannot be created: the case where PGlite stops answering
 * and its event loop never turns again. The watchdog must end the process within a bound, and a
 * restart with space again must hold every acknowledged op exactly once.
 * The same servers also show the data-directory lock refusing a second server in one line.
 *
 * A PostgreSQL server that stops answering (its backends stopped with SIGSTOP): the event loop
 * still turns, so /healthz answers 503 with the reason before the process exits with status 1.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { PROTOCOL_VERSION, type OpResult } from '#lib/domain/sync/protocol.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { createEmptyPostgresDatabase } from './test-database';

const BUILD = resolve('build/index.js');
const WATCHDOG_SECONDS = 3;
/** Watchdog bound, then /healthz grace (2 s) and the worker's SIGKILL (2 s more), plus slack. */
const EXIT_BOUND_MS = (WATCHDOG_SECONDS + 4 + 8) * 1000;
const ADMIN = { email: 'admin@example.test', password: 'disk-full-admin-password' };
const MiB = 1024 * 1024;

interface Server {
	child: ChildProcess;
	url: string;
	stderr: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function freePort(): Promise<number> {
	return new Promise((done) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
	});
}

async function startServer(dataDir: string, databaseUrl = ''): Promise<Server> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [BUILD], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			DATABASE_URL: databaseUrl,
			DB_WATCHDOG_SECONDS: String(WATCHDOG_SECONDS),
			BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
			BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
		(done) => child.once('exit', (code, signal) => done({ code, signal, at: Date.now() }))
	);
	return { child, url, stderr: () => stderr, exited };
}

async function waitHealthy(server: Server) {
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (server.child.exitCode !== null) throw new Error(`server exited: ${server.stderr()}`);
		const res = await fetch(`${server.url}/healthz`).catch(() => null);
		if (res?.status === 200) return;
		if (Date.now() > deadline) throw new Error(`server never healthy: ${server.stderr()}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

async function signIn(server: Server): Promise<string> {
	const res = await fetch(`${server.url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify(ADMIN)
	});
	expect(res.status).toBe(200);
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

const deviceId = uuidv7();
let counter = 0;
/** A new salon registered by the admin: each is its own place, op and feed row. */
function newPlaceOp() {
	counter += 1;
	return {
		opId: uuidv7(),
		deviceId,
		at: encodeHlc({ wall: Date.now(), counter, node: deviceId }),
		kind: 'place.upsert',
		placeId: uuidv7(),
		packId: 'tsurugashima',
		fields: { name: `生成データ サロン ${counter}`, category: 'salon', districtId: 'fuji' }
	};
}

/** Pushes a batch; the applied ones are acknowledged. null when no answer came. */
async function push(server: Server, cookie: string, ops: ReturnType<typeof newPlaceOp>[]) {
	try {
		const res = await fetch(`${server.url}/api/sync/push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url, cookie },
			body: JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId, ops }),
			signal: AbortSignal.timeout(60_000)
		});
		if (res.status !== 200) return [];
		const { results } = (await res.json()) as { results: OpResult[] };
		return results.filter((r) => r.status === 'applied').map((r) => r.opId);
	} catch {
		return null;
	}
}

function freeBytes(dir: string) {
	const { bavail, bsize } = statfsSync(dir);
	return bavail * bsize;
}

describe('a full disk under the server', () => {
	let root: string;
	let mount: string;
	let mounted = false;
	const servers: Server[] = [];

	beforeAll(() => {
		// Not skipped when something is missing: CI runs as root on a machine with tmpfs.
		if (!existsSync(BUILD)) throw new Error(`${BUILD} is missing: run npm run build first`);
		if (process.getuid?.() !== 0) throw new Error('this test mounts a tmpfs and must run as root');
		root = mkdtempSync(join(tmpdir(), 'ibasho-disk-full-'));
		mount = join(root, 'disk');
		mkdirSync(mount);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128m', 'tmpfs', mount]);
		mounted = true;
	});

	afterAll(() => {
		for (const server of servers) server.child.kill('SIGKILL');
		if (mounted) execFileSync('umount', ['-l', mount]);
		if (root) rmSync(root, { recursive: true, force: true });
	});

	it('ends a server whose database stops answering; after a restart every acknowledged op is there once', async () => {
		const dataDir = join(mount, 'data');
		const first = await startServer(dataDir);
		servers.push(first);
		await waitHealthy(first);

		// A second server on the same directory refuses in one line naming the first one's pid.
		const second = await startServer(dataDir);
		servers.push(second);
		const refused = await second.exited;
		expect(refused.code).toBe(1);
		expect(second.stderr().trim()).toMatch(
			new RegExp(
				`^error: The data directory \\S+ is in use by process ${first.child.pid}\\.[^\\n]*$`
			)
		);
		await waitHealthy(first); // and the first one is untouched

		const cookie = await signIn(first);
		const acknowledged: string[] = [];
		const pushed = await push(first, cookie, Array.from({ length: 200 }, newPlaceOp));
		expect(pushed).toHaveLength(200);
		acknowledged.push(...pushed!);

		// Fill the disk in 1 MiB pieces, then keep its free space between 3 and 6 MiB: table pages
		// always find room, a 16 MiB WAL segment never does.
		const pieces: string[] = [];
		const fillTo = (bytes: number) => {
			while (freeBytes(mount) > bytes + MiB) {
				const piece = join(mount, `filler-${pieces.length}`);
				writeFileSync(piece, Buffer.alloc(MiB, 1));
				pieces.push(piece);
			}
		};
		fillTo(6 * MiB);
		let lastAnswerAt = Date.now();
		const deadline = Date.now() + 240_000;
		for (;;) {
			if (freeBytes(mount) < 3 * MiB && pieces.length > 0) rmSync(pieces.pop()!);
			const answer = await push(first, cookie, Array.from({ length: 200 }, newPlaceOp));
			if (answer === null) break; // no answer: the server is stuck or gone
			acknowledged.push(...answer);
			lastAnswerAt = Date.now();
			expect(Date.now(), 'the WAL never ran out of room').toBeLessThan(deadline);
		}

		const exit = await Promise.race([
			first.exited,
			new Promise<null>((done) => setTimeout(() => done(null), EXIT_BOUND_MS + 60_000))
		]);
		expect(exit, `still running: ${first.stderr()}`).not.toBeNull();
		// Exited with a failure (status 1, or SIGKILL from the watchdog when the main thread is
		// stuck in PGlite), and said why, within the bound after the last answer.
		expect(exit!.code === 0).toBe(false);
		expect(exit!.code !== null || exit!.signal === 'SIGKILL').toBe(true);
		expect(first.stderr()).toMatch(
			/unhealthy \(database_unresponsive\): no answer from the database/
		);
		expect(exit!.at - lastAnswerAt).toBeLessThan(EXIT_BOUND_MS);
		expect(acknowledged.length).toBeGreaterThan(200);

		// Space again: the restarted server recovers and has every acknowledged op exactly once.
		for (const piece of pieces) rmSync(piece);
		const restarted = await startServer(dataDir);
		servers.push(restarted);
		await waitHealthy(restarted);
		restarted.child.kill('SIGTERM');
		expect((await restarted.exited).code).toBe(0);

		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(join(dataDir, 'pglite'));
		try {
			const ops = await db.query<{ n: number }>(
				'select count(*)::int as n from ops where op_id = any($1::uuid[])',
				[acknowledged]
			);
			expect(ops.rows[0]!.n).toBe(acknowledged.length);
			const places = await db.query<{ id: string; n: number }>(
				`select o.entity_id as id, count(p.id)::int as n from ops o
				 left join places p on p.id = o.entity_id
				 where o.op_id = any($1::uuid[]) group by o.entity_id having count(p.id) <> 1`,
				[acknowledged]
			);
			expect(places.rows).toEqual([]); // each acknowledged salon exists, once
		} finally {
			await db.close();
		}
	}, 600_000);
});

describe('a PostgreSQL server that stops answering', () => {
	it('answers 503 on /healthz with the reason, then exits with status 1', async () => {
		if (!existsSync(BUILD)) throw new Error(`${BUILD} is missing: run npm run build first`);
		const database = await createEmptyPostgresDatabase();
		const name = new URL(database.url).pathname.slice(1);
		const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
		await admin.connect();
		const stopped = new Set<number>();
		const server = await startServer('memory://', database.url);
		try {
			await waitHealthy(server);
			// Stop every backend of the server's database, again and again: a connection the pool
			// opens afterwards must not answer either.
			const stopBackends = async () => {
				const { rows } = await admin.query<{ pid: number }>(
					'select pid from pg_stat_activity where datname = $1',
					[name]
				);
				for (const { pid } of rows) {
					process.kill(pid, 'SIGSTOP');
					stopped.add(pid);
				}
			};
			let unhealthy: Response | null = null;
			const deadline = Date.now() + EXIT_BOUND_MS;
			while (!unhealthy && Date.now() < deadline) {
				await stopBackends();
				const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) });
				if (res.status === 503) unhealthy = res;
				else await new Promise((r) => setTimeout(r, 200));
			}
			expect(unhealthy, `never unhealthy: ${server.stderr()}`).not.toBeNull();
			expect(await unhealthy!.json()).toMatchObject({ reason: 'database_unresponsive' });
			const exit = await server.exited;
			expect(exit).toMatchObject({ code: 1, signal: null });
			expect(server.stderr()).toMatch(/unhealthy \(database_unresponsive\)/);
		} finally {
			server.child.kill('SIGKILL');
			for (const pid of stopped) {
				try {
					process.kill(pid, 'SIGCONT');
				} catch {
					// already gone
				}
			}
			await admin.end();
			await database.drop();
		}
	}, 120_000);
});
