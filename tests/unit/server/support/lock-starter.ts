/**
 * A starter process for the lock race test (data-dir-lock.test.ts): one per child process, so
 * the race is between real processes as between two servers. It reads commands on stdin:
 *   try <dir> <mechanism> <epoch ms>   wait until that instant, then take the lock; answers
 *                                      `won` or `locked <pid|?>`
 *   release                            releases a lock it won; answers `released`
 */
import { createInterface } from 'node:readline';
import {
	DataDirLockedError,
	lockDataDir,
	type LockMechanism
} from '../../../../src/lib/server/db/data-dir-lock';

let release: (() => Promise<void>) | null = null;

async function attempt(dir: string, mechanism: LockMechanism, at: number) {
	while (Date.now() < at - 5) await new Promise((resolve) => setTimeout(resolve, 1));
	while (Date.now() < at); // the last milliseconds spun, so every starter leaves at once
	try {
		release = await lockDataDir(dir, mechanism);
		return 'won';
	} catch (error) {
		if (error instanceof DataDirLockedError) return `locked ${error.pid ?? '?'}`;
		return `error ${(error as Error).message}`;
	}
}

const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
	const [command, dir, mechanism, at] = line.split(' ');
	if (command === 'try') {
		process.stdout.write(`${await attempt(dir!, mechanism as LockMechanism, Number(at))}\n`);
	} else if (command === 'release') {
		await release?.();
		release = null;
		process.stdout.write('released\n');
	}
});
process.stdout.write('ready\n');
