/**
 * PGlite must be opened by one process per data directory: two writers corrupt it.
 * A lock file holding the owner's pid guards it; a lock left by a dead process is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
	readonly reason = 'data_dir_locked';
	constructor(dir: string, pid: number) {
		super(
			`The data directory ${dir} is in use by process ${pid}. ` +
				'Stop that process, or set DATA_DIR to another directory (PGlite allows one process per directory).'
		);
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dir: string): () => void {
	mkdirSync(dir, { recursive: true });
	const path = join(dir, 'ibasho.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(path, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
			if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid)) {
				throw new DataDirLockedError(dir, pid);
			}
			rmSync(path, { force: true }); // stale: its owner is gone
		}
	}
	throw new Error(`could not lock ${dir}`);
}
