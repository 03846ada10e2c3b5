/**
 * Owns the rule "one process per PGlite data directory": two processes on one directory lose
 * acknowledged writes and corrupt indexes, so the lock must be impossible to win twice, even by
 * starters released at the same instant facing a lock left by a crash.
 *
 * Why an abstract unix socket (Linux): Node has no flock(2) or fcntl lock without a native
 * module, and a lock file alone needs a stale-takeover rule, which is where the old lock raced.
 * Binding a name in the abstract namespace is one atomic kernel operation that exactly one
 * process can win, and the kernel releases the name the moment the process dies, however it dies
 * (kill -9, OOM). There is no stale state to take
 * over, so there is no read-check-delete race and no pid-reuse guess. The name is derived from the
 * directory's device and inode, so a symlinked or bind-mounted path to the same directory maps to
 * the same lock. The winner also answers its pid on the socket, so a refused starter can name it.
 * Limit: abstract names live in a network namespace. Processes that share one directory must share
 * the network namespace too (a container's CLI runs inside that container, e.g. `docker exec`; a
 * systemd unit must not set PrivateNetwork=). docs/deploy.md says so.
 *
 * Elsewhere (macOS, Windows, or IBASHO_LOCK=files): numbered lock files. A starter creates
 * `ibasho-<n>.lock` with link(2), which fails if the name exists, so each number is won once. It
 * may take number n+1 only when the holder of the highest number n is dead, and it keeps it only
 * if no higher number appeared meanwhile; a taker never deletes a lock it has not outnumbered, so
 * the classic "both delete the stale file, both create a new one" race cannot happen. Staleness is
 * still judged by pid, so a crashed owner's reused pid makes a start refuse (delete the file).
 *
 * Either way `ibasho.lock` holds the owner's pid for people reading the directory.
 */
import { createHash } from 'node:crypto';
import {
	linkSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
	readonly reason = 'data_dir_locked';
	constructor(
		readonly dir: string,
		readonly pid: number | null
	) {
		super(
			`The data directory ${dir} is in use by ${pid ? `process ${pid}` : 'another process'}. ` +
				'Stop that process, or set DATA_DIR to another directory (PGlite allows one process per directory).'
		);
		this.name = 'DataDirLockedError';
	}
}

/**
 * For a process's start: a locked directory ends it with the one-line reason (status 1), since a
 * stack trace would bury the only thing the person needs to know; any other error goes on.
 */
export function exitIfDataDirLocked(error: unknown): never {
	if (!(error instanceof DataDirLockedError)) throw error;
	console.error(`error: ${error.message}`);
	process.exit(1);
}

export type LockMechanism = 'socket' | 'files';

/** Releases the lock; resolves once another process can take it. */
export type ReleaseLock = () => Promise<void>;

const INFO_FILE = 'ibasho.lock';

function defaultMechanism(): LockMechanism {
	const forced = process.env.IBASHO_LOCK;
	if (forced === 'socket' || forced === 'files') return forced;
	return process.platform === 'linux' ? 'socket' : 'files';
}

/** Takes the lock on `dir` (created if missing) or rejects with DataDirLockedError. */
export async function lockDataDir(
	dir: string,
	mechanism: LockMechanism = defaultMechanism()
): Promise<ReleaseLock> {
	mkdirSync(dir, { recursive: true });
	return mechanism === 'socket' ? lockWithSocket(dir) : lockWithFiles(dir);
}

/** The abstract socket name for a directory: the same directory by any path gives one name. */
export function lockSocketName(dir: string): string {
	const { dev, ino } = statSync(dir, { bigint: true });
	const hash = createHash('sha256').update(`${dev}:${ino}`).digest('hex').slice(0, 32);
	return `\0ibasho-lock-${hash}`;
}

async function lockWithSocket(dir: string): Promise<ReleaseLock> {
	const name = lockSocketName(dir);
	const server = createServer((socket) => {
		socket.on('error', () => {}); // a prober that hangs up early is no concern of ours
		socket.end(`${process.pid}\n`);
	});
	try {
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen({ path: name, exclusive: true }, () => {
				server.off('error', reject);
				resolve();
			});
		});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		throw new DataDirLockedError(dir, (await askHolderPid(name)) ?? readInfoPid(dir));
	}
	server.unref(); // the lock must not keep a finished process alive
	writeInfo(dir);
	return async () => {
		removeInfo(dir);
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
}

/** The holder answers its pid on connect; null if it does not within a second. */
function askHolderPid(name: string): Promise<number | null> {
	return new Promise((resolve) => {
		let text = '';
		const socket = createConnection({ path: name });
		const done = (pid: number | null) => {
			socket.destroy();
			resolve(pid);
		};
		socket.setTimeout(1000, () => done(null));
		socket.on('data', (chunk) => (text += chunk.toString()));
		socket.on('end', () => done(parsePid(text)));
		socket.on('error', () => done(null));
	});
}

function parsePid(text: string): number | null {
	const pid = Number.parseInt(text, 10);
	return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function readInfoPid(dir: string): number | null {
	try {
		return parsePid(readFileSync(join(dir, INFO_FILE), 'utf8'));
	} catch {
		return null;
	}
}

/** Written by the owner only, replaced in one rename so a reader never sees half a pid. */
function writeInfo(dir: string) {
	const temp = join(dir, `${INFO_FILE}.${process.pid}.tmp`);
	writeFileSync(temp, `${process.pid}\n`);
	renameSync(temp, join(dir, INFO_FILE));
}

function removeInfo(dir: string) {
	if (readInfoPid(dir) === process.pid) rmSync(join(dir, INFO_FILE), { force: true });
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

const NUMBERED = /^ibasho-(\d+)\.lock$/;

function lockNumbers(dir: string): number[] {
	return readdirSync(dir)
		.map((name) => NUMBERED.exec(name)?.[1])
		.filter((n): n is string => n !== undefined)
		.map(Number)
		.sort((a, b) => a - b);
}

function numberedPath(dir: string, n: number) {
	return join(dir, `ibasho-${n}.lock`);
}

/** The pid holding number n, or null if it was released (or has since been outnumbered). */
function holderOf(dir: string, n: number): number | null {
	try {
		return parsePid(readFileSync(numberedPath(dir, n), 'utf8'));
	} catch {
		return null;
	}
}

async function lockWithFiles(dir: string): Promise<ReleaseLock> {
	// The pid goes into a private file first and is linked into place: a numbered lock is never
	// seen without its pid, even if its creator dies right after creating it.
	const temp = join(dir, `ibasho-${process.pid}-${Date.now()}.tmp`);
	writeFileSync(temp, `${process.pid}\n`);
	try {
		for (let attempt = 0; attempt < 100; attempt++) {
			const top = lockNumbers(dir).at(-1) ?? 0;
			const pid = top > 0 ? holderOf(dir, top) : null;
			if (pid !== null && isAlive(pid)) throw new DataDirLockedError(dir, pid);
			const mine = top + 1;
			try {
				linkSync(temp, numberedPath(dir, mine));
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue; // someone won it
				throw error;
			}
			// Someone who read an older top may have linked a higher number meanwhile: everyone
			// judges the highest number, so that one stands and this one steps back.
			if ((lockNumbers(dir).at(-1) ?? 0) > mine) {
				rmSync(numberedPath(dir, mine), { force: true });
				continue;
			}
			for (const n of lockNumbers(dir)) if (n < mine) rmSync(numberedPath(dir, n), { force: true });
			writeInfo(dir);
			return async () => {
				removeInfo(dir);
				// The highest number is never deleted, only marked released: if numbers could go
				// down, a starter that read the old top could win beside one that read the new.
				const released = join(dir, `ibasho-${process.pid}-${Date.now()}.released`);
				writeFileSync(released, 'released\n');
				renameSync(released, numberedPath(dir, mine));
			};
		}
		throw new Error(`could not lock ${dir}: its lock files keep changing`);
	} finally {
		rmSync(temp, { force: true });
	}
}
