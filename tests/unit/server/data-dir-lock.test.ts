/**
 * The data-directory lock under a real race: separate processes (lock-starter.ts) released at
 * one instant, on a free directory and on one whose holder was killed with SIGKILL. Exactly one
 * may win each round, and the others must name the winner's pid. Both mechanisms run: the
 * abstract socket (the default on Linux) and the numbered lock files (the default elsewhere).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DataDirLockedError,
	lockDataDir,
	type LockMechanism
} from '#lib/server/db/data-dir-lock.js';

const STARTERS = 8;
const ROUNDS = 20;
const STARTER = join(import.meta.dirname, 'support', 'lock-starter.ts');

class Starter {
	readonly child: ChildProcessWithoutNullStreams;
	private readonly lines: Interface;
	private readonly waiting: ((line: string) => void)[] = [];

	constructor() {
		this.child = spawn(process.execPath, ['--import', 'tsx', STARTER], { stdio: 'pipe' });
		this.lines = createInterface({ input: this.child.stdout });
		this.lines.on('line', (line) => this.waiting.shift()?.(line));
	}

	get pid() {
		return this.child.pid!;
	}

	next(): Promise<string> {
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	send(line: string): Promise<string> {
		const answer = this.next();
		this.child.stdin.write(`${line}\n`);
		return answer;
	}

	kill() {
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGKILL');
		return exited;
	}
}

async function startStarter() {
	const starter = new Starter();
	expect(await starter.next()).toBe('ready');
	return starter;
}

/** Every starter tries at the same instant; returns the answers in starter order. */
function race(starters: Starter[], dir: string, mechanism: LockMechanism) {
	const at = Date.now() + 300;
	return Promise.all(starters.map((s) => s.send(`try ${dir} ${mechanism} ${at}`)));
}

function expectOneWinner(starters: Starter[], answers: string[]): Starter {
	const winners = starters.filter((_, i) => answers[i] === 'won');
	expect(winners, answers.join(', ')).toHaveLength(1);
	const winner = winners[0]!;
	// Everyone else is refused, and told who holds it.
	expect(answers.filter((a) => a !== 'won')).toEqual(
		Array(starters.length - 1).fill(`locked ${winner.pid}`)
	);
	return winner;
}

describe.each(['socket', 'files'] as const)('data directory lock (%s)', (mechanism) => {
	let starters: Starter[] = [];
	let dir: string;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'ibasho-lock-'));
		starters = await Promise.all(Array.from({ length: STARTERS }, startStarter));
	});

	afterAll(async () => {
		await Promise.all(starters.map((s) => s.kill()));
		rmSync(dir, { recursive: true, force: true });
	});

	it(`${STARTERS} starters released together on a free directory: exactly one wins, ${ROUNDS} times`, async () => {
		for (let round = 0; round < ROUNDS; round++) {
			const winner = expectOneWinner(starters, await race(starters, dir, mechanism));
			expect(await winner.send('release')).toBe('released');
		}
	}, 240_000);

	it(`${STARTERS} starters facing a lock whose holder was killed: exactly one takes it over, ${ROUNDS} times`, async () => {
		// A lock file left by a dead process of the previous version is no lock either.
		writeFileSync(join(dir, 'ibasho.lock'), '999999999\n');
		// Each round's winner is killed and replaced; the replacement starts during the round.
		let spare = startStarter();
		for (let round = 0; round < ROUNDS; round++) {
			const winner = expectOneWinner(starters, await race(starters, dir, mechanism));
			await winner.kill(); // leaves its lock behind, as a crash or kill -9 does
			starters[starters.indexOf(winner)] = await spare;
			spare = startStarter();
		}
		await (await spare).kill();
	}, 240_000);

	it('refuses this very process a second time, naming its pid', async () => {
		const own = mkdtempSync(join(tmpdir(), 'ibasho-lock-own-'));
		try {
			const release = await lockDataDir(own, mechanism);
			const second = lockDataDir(own, mechanism);
			await expect(second).rejects.toThrow(DataDirLockedError);
			await expect(second).rejects.toThrow(`in use by process ${process.pid}.`);
			await release();
			await (
				await lockDataDir(own, mechanism)
			)();
		} finally {
			rmSync(own, { recursive: true, force: true });
		}
	});
});
