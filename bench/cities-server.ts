/**
 * The server side of the `cities` section, run as its own process (`bench/cities.ts` forks
 * it) so its RSS is the server's alone and the load generator does not share its event loop.
 *
 * It generates the SYNTHETIC cities (fixtures/generate-cities.ts), starts as the server does
 * (`createAppContext` on a PGlite data directory on disk or a PostgreSQL URL, packs given; its
 * wall and CPU time, the latter this process's only), and serves
 * `GET /api/pack?city=<id>` over node:http through pack-service's `answerPack` — what the
 * route returns (the route adds only its query check and the security headers). Messages to
 * the parent: `{ ready, startMs, startCpuMs, port, … }`, then `{ rss, peakRss }` on request,
 * and `{ prewarm }` (every city's answer built in the background after start, as the server
 * process does) once that is done.
 */
import { createServer } from 'node:http';
import { register } from 'node:module';

// The pack modules import their sources with Vite's `?raw`; server-db.ts's loader hook again.
register(
	`data:text/javascript,${encodeURIComponent(`
import { readFile } from 'node:fs/promises';
export async function load(url, context, nextLoad) {
	if (url.startsWith('file:') && url.endsWith('?raw')) {
		const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
		return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
	}
	return nextLoad(url, context);
}`)}`
);

/** `memory://`-less PGlite directory, or a `postgres://` URL (a database of its own). */
const target = process.argv[2]!;
const dbConfig = target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target };
const { generateCityBuilders, SYNTHETIC_CITY_COUNT, SYNTHETIC_PLACE_COUNT } =
	await import('./fixtures/generate-cities');
const { createAppContext } = await import('../src/lib/server/app-context');
const { answerPack, prewarmPacks } = await import('../src/lib/server/pack-service');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

// Each city is generated when the server reads it (and again if seeding needs its places), as
// a packs directory is read: that time is part of the start, and given apart as generateMs.
let generateMs = 0;
const packs = generateCityBuilders().map((build) => () => {
	const generating = performance.now();
	const city = build();
	generateMs += performance.now() - generating;
	return city;
});

const startedAt = new Date();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const ctx = await createAppContext({ ...dbConfig, packs });
const startMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const startCpuMs = (cpu.user + cpu.system) / 1000;
// How many cities this start wrote (a restart with unchanged packs should write none).
const [{ n: seededCities } = { n: -1 }] = await ctx.db.query<{ n: number }>(
	'select count(*)::int as n from packs where seeded_at >= $1',
	[startedAt]
);

// As the server process does after start (app-context `appContext`): every city's answer
// built in the background while requests are served.
const prewarmStart = performance.now();
const prewarmCpu = process.cpuUsage();
const prewarmed = prewarmPacks(ctx).then((cities) => {
	const cpu = process.cpuUsage(prewarmCpu);
	return { cities, ms: performance.now() - prewarmStart, cpuMs: (cpu.user + cpu.system) / 1000 };
});

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string') headers.set(name, value);
	}
	answerPack(ctx, new Request(url, { headers }), url.searchParams.get('city') ?? ctx.defaultPackId)
		.then(async (response) => {
			res.writeHead(response.status, Object.fromEntries(response.headers));
			res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
		})
		.catch((error: unknown) => {
			res.writeHead(500);
			res.end(String(error));
		});
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.send!({
		ready: true,
		startMs,
		startCpuMs,
		generateMs,
		seededCities,

		port: typeof address === 'object' && address ? address.port : 0,
		cities: SYNTHETIC_CITY_COUNT,
		places: SYNTHETIC_PLACE_COUNT,
		cityIds: [...ctx.packs.keys()]
	});
});

process.on(
	'message',
	(message: { rss?: boolean; cpu?: boolean; prewarm?: boolean; stop?: boolean }) => {
		// The process's CPU over the prewarm's time, so it includes the requests served meanwhile.
		if (message.prewarm) void prewarmed.then((p) => process.send!({ prewarm: p }));
		if (message.cpu) {
			const { user, system } = process.cpuUsage();
			process.send!({ cpuMs: (user + system) / 1000 });
		}
		if (message.rss) {
			peakRss = Math.max(peakRss, process.memoryUsage().rss);
			process.send!({ rss: process.memoryUsage().rss, peakRss });
		}
		if (message.stop) {
			clearInterval(sampler);
			server.close();
			void ctx.db.close().then(() => process.exit(0));
		}
	}
);
