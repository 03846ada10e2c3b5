/**
 * Starts the production build (`node build`, adapter-node) for the browser sections
 * (`lighthouse`, `initial-js`, `offline-repeat`, `idb-places`, `map-redraw`). It builds nothing:
 * `npm run build` must have written `build/`.
 *
 * The server runs on a free port on 127.0.0.1 with an in-memory PGlite (`DATA_DIR=memory://`,
 * so every run starts clean and leaves no files) and no map tiles (`TILE_URL=none`: there may
 * be no internet, and third-party tiles would only add noise to the measurement). Callers must
 * `stop()` it in a `finally`; `withProdServer` does that for them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { NO_TARGET, type Row } from './section';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUILD_ENTRY = `${ROOT}build/index.js`;
const READY_PATH = '/api/prefs';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
/** Server output kept for the error message when it fails to start. */
const MAX_LOG_CHARS = 4_000;

export interface ProdServer {
	/** `http://127.0.0.1:<port>`, no trailing slash. */
	origin: string;
	port: number;
	/** Kills the server and resolves once it has exited. Safe to call more than once. */
	stop(): Promise<void>;
}

export const MISSING_BUILD_MESSAGE = 'build/index.js not found: run `npm run build` first';

export const hasBuild = (): boolean => existsSync(BUILD_ENTRY);

/**
 * The row a section returns instead of measuring when there is no build (and the message on
 * stderr), so a forgotten `npm run build` reads as such rather than as a server start failure.
 */
export function missingBuildRow(benchmark: string): Row {
	console.error(`  ${MISSING_BUILD_MESSAGE}`);
	return { benchmark, figure: MISSING_BUILD_MESSAGE, target: NO_TARGET, ok: false };
}

/** A port the OS considers free right now (there is a small race until the server binds it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
		});
	});
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

async function killChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	if (await waitForExit(child, STOP_TIMEOUT_MS)) return;
	child.kill('SIGKILL');
	await waitForExit(child, STOP_TIMEOUT_MS);
}

/**
 * Spawns `node build` and resolves once `GET /api/prefs` answers 200. Rejects (after killing the
 * child) if the build is missing, the server exits early, or it is not ready within 60 s.
 */
export async function startProdServer(): Promise<ProdServer> {
	if (!hasBuild()) throw new Error(MISSING_BUILD_MESSAGE);
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: 'memory://',
			TILE_URL: 'none',
			ORIGIN: origin
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});

	let log = '';
	const keep = (chunk: Buffer): void => {
		log = (log + chunk.toString()).slice(-MAX_LOG_CHARS);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);

	let stopped: Promise<void> | undefined;
	const stop = (): Promise<void> => (stopped ??= killChild(child));

	try {
		const deadline = Date.now() + READY_TIMEOUT_MS;
		for (;;) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(
					`node build exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log}`
				);
			}
			try {
				const response = await fetch(`${origin}${READY_PATH}`, {
					signal: AbortSignal.timeout(2_000)
				});
				await response.arrayBuffer();
				if (response.status === 200) break;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > deadline) {
				throw new Error(
					`node build not ready within ${READY_TIMEOUT_MS / 1000} s (GET ${READY_PATH}):\n${log}`
				);
			}
			await sleep(200);
		}
	} catch (error) {
		await stop();
		throw error;
	}

	return { origin, port, stop };
}

/** Runs `fn` against a fresh production server and always stops the server afterwards. */
export async function withProdServer<T>(fn: (server: ProdServer) => Promise<T>): Promise<T> {
	const server = await startProdServer();
	try {
		return await fn(server);
	} finally {
		await server.stop();
	}
}
