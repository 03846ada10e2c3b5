/**
 * `cities`: national scale on the resident path (#13), with SYNTHETIC data only — 1,741
 * generated cities sharing 145,641 generated places (fixtures/generate-cities.ts), passed to
 * `createAppContext({ packs })`, on PostgreSQL (a fresh database on the throwaway cluster of
 * bench/server-db.ts: national scale is a PostgreSQL deployment) and on PGlite (a fresh data
 * directory on disk).
 *
 * The server runs in a child process (bench/cities-server.ts): its first start (open, migrate,
 * seed every city in batches) and a restart on the same database with unchanged packs are
 * timed there (wall, and the server process's CPU: on a busy machine the wall time is mostly
 * waiting), and its RSS is its own (with PostgreSQL, the database's memory is in its own
 * processes, not counted). The load comes from this process over HTTP (node:http
 * in the child around pack-service's `answerPack`, as the route answers): 20 clients on
 * keep-alive connections, each sending its next request when the last one is answered, asking
 * with `accept-encoding: br` as a browser does:
 *   - one city: every client asks for the same city;
 *   - random cities: each request a city drawn at random (seeded), right after the start, so
 *     most are a city's first request since the start: built by the request, or already by the
 *     server's background build of every city's answer (pack-service `prewarmPacks`, started
 *     at ready as the server process does; how long it took is reported);
 *   - revalidation: random cities with the ETag the device holds (answered 304).
 */
import { fork, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from './fixtures/generate-places';
import { formatCount, formatMs, summarize, timingValues, type Timing } from './measure';
import { NO_TARGET, type Row } from './section';
import { errorMessage, startPostgresCluster, stopPostgresCluster } from './server-db';

const START_TARGET_MS = 15_000;
const P95_TARGET_MS = 50;
const RSS_TARGET_MB = 600;
const CLIENTS = 20;
const REQUESTS_PER_CLIENT = 60;

interface Ready {
	ready: true;
	startMs: number;
	startCpuMs: number;
	generateMs: number;
	seededCities: number;
	port: number;
	cities: number;
	places: number;
	cityIds: string[];
}

function startServer(target: string): Promise<{ child: ChildProcess; ready: Ready }> {
	const child = fork(fileURLToPath(new URL('./cities-server.ts', import.meta.url)), [target], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`cities server exited with ${code}`)));
		child.once('message', (message) => resolve({ child, ready: message as Ready }));
	});
}

function ask<T>(child: ChildProcess, message: object): Promise<T> {
	return new Promise((resolve) => {
		child.once('message', (answer) => resolve(answer as T));
		child.send(message);
	});
}

async function stopServer(child: ChildProcess): Promise<void> {
	child.removeAllListeners('exit');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.send({ stop: true });
	await exited;
}

interface Answer {
	status: number;
	ms: number;
	bytes: number;
	etag: string | null;
}

function get(agent: Agent, port: number, city: string, etag?: string): Promise<Answer> {
	const start = performance.now();
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path: `/api/pack?city=${city}`,
				agent,
				headers: { 'accept-encoding': 'gzip, deflate, br', ...(etag && { 'if-none-match': etag }) }
			},
			(res) => {
				let bytes = 0;
				res.on('data', (chunk: Buffer) => (bytes += chunk.length));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						ms: performance.now() - start,
						bytes,
						etag: (res.headers.etag as string | undefined) ?? null
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end();
	});
}

/** CLIENTS clients, each sending REQUESTS_PER_CLIENT requests one after the other. */
async function load(
	port: number,
	pick: (client: number, i: number) => { city: string; etag?: string }
): Promise<{ timing: Timing; answers: Answer[]; wallMs: number }> {
	const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
	const answers: Answer[] = [];
	const start = performance.now();
	await Promise.all(
		Array.from({ length: CLIENTS }, async (_, client) => {
			for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
				const { city, etag } = pick(client, i);
				answers.push(await get(agent, port, city, etag));
			}
		})
	);
	const wallMs = performance.now() - start;
	agent.destroy();
	const bad = answers.find((a) => a.status !== 200 && a.status !== 304);
	if (bad) throw new Error(`/api/pack answered ${bad.status}`);
	return { timing: summarize(answers.map((a) => a.ms)), answers, wallMs };
}

const mb = (bytes: number) => Math.round(bytes / 1e6);

type Engine = 'PostgreSQL' | 'PGlite';

type RssAnswer = { rss: number; peakRss: number };

async function runEngine(engine: Engine, target: string): Promise<Row[]> {
	const rows: Row[] = [];

	// First start on an empty database: every city seeded.
	const first = await startServer(target);
	let firstRss: RssAnswer;
	try {
		firstRss = await ask<RssAnswer>(first.child, { rss: true });
	} finally {
		await stopServer(first.child);
	}
	const { ready } = first;
	rows.push({
		benchmark: `cities: ${engine} first start (open, migrate, seed)`,
		figure:
			`${formatMs(ready.startMs)} (server CPU ${formatMs(ready.startCpuMs)};` +
			` generating the synthetic packs ${formatMs(ready.generateMs)} of it) · ` +
			`${formatCount(ready.cities)} synthetic cities, ${formatCount(ready.places)} synthetic places` +
			` · RSS peak ${mb(firstRss.peakRss)} MB`,
		target: `≤ ${formatCount(START_TARGET_MS)} ms`,
		ok: ready.startMs <= START_TARGET_MS,
		values: {
			ms: Math.round(ready.startMs),
			cpuMs: Math.round(ready.startCpuMs),
			generateMs: Math.round(ready.generateMs),
			peakRssMb: mb(firstRss.peakRss),
			cities: ready.cities,
			places: ready.places
		}
	});

	// Restart on the same database, packs unchanged (what most starts are), then the load.
	const second = await startServer(target);
	try {
		const started = await ask<RssAnswer>(second.child, { rss: true });
		rows.push({
			benchmark: `cities: ${engine} restart, packs unchanged`,
			figure:
				`${formatMs(second.ready.startMs)} (server CPU ${formatMs(second.ready.startCpuMs)};` +
				` generating ${formatMs(second.ready.generateMs)} of it; ${second.ready.seededCities} cities reseeded) · RSS ${mb(started.rss)} MB`,
			target: NO_TARGET,
			ok: null,
			values: {
				ms: Math.round(second.ready.startMs),
				cpuMs: Math.round(second.ready.startCpuMs),
				generateMs: Math.round(second.ready.generateMs),
				seededCities: second.ready.seededCities,
				rssMb: mb(started.rss)
			}
		});
		rows.push(...(await loadRows(engine, second.child, second.ready)));
		const { prewarm } = await ask<{ prewarm: { cities: number; ms: number; cpuMs: number } }>(
			second.child,
			{ prewarm: true }
		);
		rows.push({
			benchmark: `cities: ${engine} every city's /api/pack answer built after start`,
			figure:
				`${formatCount(prewarm.cities)} cities built in the background in ${formatMs(prewarm.ms)}` +
				` from ready (server CPU ${formatMs(prewarm.cpuMs)}, requests served meanwhile included)`,
			target: NO_TARGET,
			ok: null,
			values: {
				cities: prewarm.cities,
				ms: Math.round(prewarm.ms),
				cpuMs: Math.round(prewarm.cpuMs)
			}
		});
		const { rss, peakRss } = await ask<RssAnswer>(second.child, { rss: true });
		rows.push({
			benchmark: `cities: ${engine} server RSS, restarted and under load`,
			figure:
				`peak ${mb(peakRss)} MB · ${mb(rss)} MB after the load` +
				(engine === 'PGlite' ? ' (the database is in the process)' : ''),
			target: `≤ ${RSS_TARGET_MB} MB`,
			ok: mb(peakRss) <= RSS_TARGET_MB,
			values: { peakMb: mb(peakRss), rssMb: mb(rss) }
		});
	} finally {
		await stopServer(second.child);
	}
	return rows;
}

async function loadRows(engine: Engine, child: ChildProcess, ready: Ready): Promise<Row[]> {
	const rows: Row[] = [];
	const rng = createRng(20261207);
	const randomCity = () => ready.cityIds[Math.floor(rng() * ready.cityIds.length)]!;
	const oneCity = ready.cityIds[Math.floor(ready.cityIds.length / 2)]!;
	const etags = new Map<string, string>();
	const cases: {
		name: string;
		pick: (c: number, i: number) => { city: string; etag?: string };
	}[] = [
		{ name: 'random cities, most asked first', pick: () => ({ city: randomCity() }) },
		{ name: 'one city', pick: () => ({ city: oneCity }) },
		{
			name: 'random cities, device has the ETag',
			pick: () => {
				const city = randomCity();
				return { city, etag: etags.get(city) ?? '"none"' };
			}
		}
	];
	for (const [index, { name, pick }] of cases.entries()) {
		const cpuBefore = await ask<{ cpuMs: number }>(child, { cpu: true });
		const { timing, answers, wallMs } = await load(ready.port, pick);
		const cpuAfter = await ask<{ cpuMs: number }>(child, { cpu: true });
		const serverCpuMs = (cpuAfter.cpuMs - cpuBefore.cpuMs) / answers.length;
		if (index === 0) {
			// The ETag each city's device would hold, for the revalidation case.
			const agent = new Agent({ keepAlive: true });
			for (const city of ready.cityIds) {
				const answer = await get(agent, ready.port, city);
				if (answer.etag) etags.set(city, answer.etag);
			}
			agent.destroy();
		}
		const notModified = answers.filter((a) => a.status === 304).length;
		const bytes = answers.filter((a) => a.status === 200).map((a) => a.bytes);
		const meanKb = bytes.length ? bytes.reduce((s, b) => s + b, 0) / bytes.length / 1000 : 0;
		rows.push({
			benchmark: `cities: ${engine} /api/pack, ${CLIENTS} clients, ${name}`,
			figure:
				`median ${formatMs(timing.median)} · p95 ${formatMs(timing.p95)} · max ${formatMs(timing.max)}` +
				` (${answers.length} requests, ${Math.round(answers.length / (wallMs / 1000))}/s,` +
				` server CPU ${formatMs(serverCpuMs)} each` +
				(notModified ? `, ${notModified} × 304` : `, ${meanKb.toFixed(1)} KB br each`) +
				')',
			target: `p95 ≤ ${P95_TARGET_MS} ms`,
			ok: timing.p95 <= P95_TARGET_MS,
			values: {
				...timingValues(timing),
				notModified,
				meanKb: Math.round(meanKb * 10) / 10,
				serverCpuMsPerRequest: Math.round(serverCpuMs * 1000) / 1000
			}
		});
	}
	return rows;
}

export async function run(): Promise<Row[]> {
	const rows: Row[] = [];
	try {
		const adminUrl = await startPostgresCluster();
		const url = await createDatabase(adminUrl, 'bench_cities');
		rows.push(...(await runEngine('PostgreSQL', url)));
	} catch (error) {
		rows.push({
			benchmark: 'cities: PostgreSQL',
			figure: errorMessage(error),
			target: NO_TARGET,
			ok: false
		});
	} finally {
		await stopPostgresCluster();
	}
	const dataDir = mkdtempSync(join(tmpdir(), 'ibasho-bench-cities-'));
	try {
		rows.push(...(await runEngine('PGlite', dataDir)));
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
	return rows;
}

/** A new database `name` on the cluster, dropped first if a previous run left it. */
async function createDatabase(adminUrl: string, name: string): Promise<string> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${name}`);
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}
