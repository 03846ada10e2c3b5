/**
 * The server's local admin socket. PGlite allows one process per data directory, so while the
 * server runs, `npm run user` cannot open the database; it asks the server to run the account
 * command instead (the same `runUserCommand`, on the server's database).
 *
 * A unix socket file inside DATA_DIR (`admin.sock`), mode 0600: only the system user who owns the
 * data can use it, the same user who could stop the server and open the files. Never on the HTTP
 * port (a browser or the network could reach it), never an abstract socket (those have no file
 * permissions). A clean stop removes it; a file left by a crash is replaced at the next start (the
 * caller holds the data-directory lock, so no live server listens on it). With DATABASE_URL there is
 * no socket: the CLI connects to PostgreSQL itself.
 *
 * Protocol: the CLI writes one JSON line `{"argv": [...]}`, the server answers one JSON line
 * (`AdminAnswer`) and closes the connection.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import type { AppContext } from './app-context';
import type { Database } from './db/database';
import { runUserCommand, UsageError } from './auth/user-command';
import { cityDistrictsOf, type CityDistricts } from './auth/account-cities';

export const ADMIN_SOCKET_FILE = 'admin.sock';
/** An account command is a few hundred bytes; anything far larger is not one. */
const MAX_REQUEST_BYTES = 64 * 1024;
/** A client that connects and sends nothing must not hold a connection forever. */
const REQUEST_TIMEOUT_MS = 10_000;

/** What a command printed, and how the CLI should exit (0 done, 1 failed, 2 bad input). */
export interface AdminAnswer {
	lines: string[];
	exitCode: 0 | 1 | 2;
	error?: string;
}

export interface AccountCommandTarget {
	db: Database;
	cities: CityDistricts;
	defaultCity: string;
}

export interface AdminSocket {
	path: string;
	close(): Promise<void>;
}

/** Where the socket of the server using this environment's database lives, or null (none). */
export function adminSocketPath(env: {
	DATABASE_URL?: string | undefined;
	DATA_DIR?: string | undefined;
}): string | null {
	if (env.DATABASE_URL) return null;
	const dataDir = env.DATA_DIR || '.data';
	if (dataDir.startsWith('memory://')) return null;
	return join(resolve(dataDir), ADMIN_SOCKET_FILE);
}

/**
 * Started by the server's init hook once the database is open, when the server holds a PGlite
 * directory. A failure here costs only the CLI path: logged, and the server keeps serving (the
 * CLI then says the directory is in use).
 */
export async function startAdminSocket(
	ctx: Pick<AppContext, 'db' | 'packs' | 'defaultPackId'>,
	env: Parameters<typeof adminSocketPath>[0]
): Promise<AdminSocket | null> {
	const path = adminSocketPath(env);
	if (!path) return null;
	const target = { db: ctx.db, cities: cityDistrictsOf(ctx.packs), defaultCity: ctx.defaultPackId };
	try {
		return await listenAdminSocket(path, target);
	} catch (error) {
		console.error(`admin socket ${path} not started: ${(error as Error).message}`);
		return null;
	}
}

/** Runs one account command; the CLI does this itself when no server holds the database. */
export async function runAccountCommand(
	argv: string[],
	target: AccountCommandTarget
): Promise<AdminAnswer> {
	const lines: string[] = [];
	try {
		await runUserCommand(argv, { ...target, out: (line) => lines.push(line) });
		return { lines, exitCode: 0 };
	} catch (error) {
		if (error instanceof UsageError) return { lines, exitCode: 2, error: error.message };
		return { lines, exitCode: 1, error: (error as Error).message };
	}
}

/** Listens on `path` and runs every request's account command on `target`. */
export async function listenAdminSocket(
	path: string,
	target: AccountCommandTarget
): Promise<AdminSocket> {
	rmSync(path, { force: true });
	const server = createServer((socket) => serveConnection(socket, target));
	// The socket file is created inside listen(), synchronously: a umask makes it 0600 from its
	// first moment (chmod afterwards alone would leave a window). Worker threads cannot set one.
	const umask = setUmask(0o177);
	try {
		server.listen(path);
	} finally {
		if (umask !== null) process.umask(umask);
	}
	await new Promise<void>((ok, fail) => {
		server.once('error', fail);
		server.once('listening', () => {
			server.off('error', fail);
			ok();
		});
	});
	chmodSync(path, 0o600);
	const removeFile = () => rmSync(path, { force: true });
	process.once('exit', removeFile);
	return {
		path,
		close: () =>
			new Promise<void>((done) => {
				process.off('exit', removeFile);
				server.close(() => done());
				removeFile();
			})
	};
}

function setUmask(mask: number): number | null {
	try {
		return process.umask(mask);
	} catch {
		return null;
	}
}

function serveConnection(socket: Socket, target: AccountCommandTarget): void {
	let buffer = '';
	let answered = false;
	const reply = (answer: AdminAnswer) => {
		if (answered) return;
		answered = true;
		socket.end(`${JSON.stringify(answer)}\n`);
	};
	socket.setEncoding('utf8');
	socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
	// The CLI went away (Ctrl-C): nobody is left to answer.
	socket.on('error', () => socket.destroy());
	socket.on('data', (chunk: string) => {
		if (answered) return;
		buffer += chunk;
		const end = buffer.indexOf('\n');
		if (end < 0) {
			if (buffer.length > MAX_REQUEST_BYTES) {
				reply({ lines: [], exitCode: 2, error: 'the request is too large' });
			}
			return;
		}
		socket.setTimeout(0); // the request is in; hashing a password may take a while
		const argv = requestArgv(buffer.slice(0, end));
		if (!argv) {
			reply({ lines: [], exitCode: 2, error: 'the server did not understand the request' });
			return;
		}
		runAccountCommand(argv, target).then(reply, (error: Error) =>
			reply({ lines: [], exitCode: 1, error: error.message })
		);
	});
}

function requestArgv(line: string): string[] | null {
	try {
		const request: unknown = JSON.parse(line);
		const argv = (request as { argv?: unknown } | null)?.argv;
		return Array.isArray(argv) && argv.every((a) => typeof a === 'string') ? argv : null;
	} catch {
		return null;
	}
}

/**
 * Asks the server listening on `path` to run an account command. Null when no server listens
 * there (no socket file, or one left by a crashed server): the caller opens the database itself.
 */
export function askAdminSocket(path: string, argv: string[]): Promise<AdminAnswer | null> {
	return new Promise((done, fail) => {
		let connected = false;
		let data = '';
		const socket = createConnection(path);
		socket.setEncoding('utf8');
		socket.on('connect', () => {
			connected = true;
			// write, not end: a half-closed connection would make the server close before it answers
			socket.write(`${JSON.stringify({ argv })}\n`);
		});
		socket.on('data', (chunk: string) => (data += chunk));
		socket.on('end', () => {
			const answer = parseAnswer(data);
			if (answer) done(answer);
			else fail(new Error(`the server at ${path} closed the connection without an answer`));
		});
		socket.on('error', (error: NodeJS.ErrnoException) => {
			if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) done(null);
			else if (error.code === 'EACCES') {
				fail(
					new Error(
						`${path} belongs to another system user: run this command as the user who runs the server`
					)
				);
			} else fail(new Error(`the connection to the server at ${path} failed (${error.code})`));
		});
	});
}

function parseAnswer(data: string): AdminAnswer | null {
	try {
		const answer = JSON.parse(data) as AdminAnswer;
		return Array.isArray(answer.lines) && [0, 1, 2].includes(answer.exitCode) ? answer : null;
	} catch {
		return null;
	}
}
