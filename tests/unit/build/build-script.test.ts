/**
 * scripts/build.ts: when `npm start` builds, and how builds are swapped and removed so that a
 * running server keeps its own files. On a throwaway directory laid out like the project.
 */
import { spawn } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readlinkSync,
	realpathSync,
	rmSync,
	symlinkSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	BUILD_INFO,
	BUILD_LINK,
	BUILDS_DIR,
	builtAt,
	needsBuild,
	newestSource,
	pruneBuilds,
	SERVERS_DIR,
	switchBuild
} from '../../../scripts/build';

const BUILT = Date.parse('2026-04-01T09:00:00Z');
const seconds = (s: number) => new Date(BUILT + s * 1000);

let root: string;

/** A file (and its directories) with the given modification time. */
function put(path: string, when: Date, content = '') {
	const file = join(root, path);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, content);
	utimesSync(file, when, when);
}

/** A finished build under .builds/ (optionally the current one). */
function makeBuild(name: string, opts: { current?: boolean; servers?: number[] } = {}) {
	const dir = join(root, BUILDS_DIR, name);
	mkdirSync(join(dir, 'client'), { recursive: true });
	writeFileSync(join(dir, 'client', 'start.js'), name);
	writeFileSync(join(dir, BUILD_INFO), JSON.stringify({ startedAt: BUILT }));
	for (const pid of opts.servers ?? []) {
		mkdirSync(join(dir, SERVERS_DIR), { recursive: true });
		writeFileSync(join(dir, SERVERS_DIR, String(pid)), '');
	}
	if (opts.current) switchBuild(root, dir);
	return dir;
}

/** Sources all older than the build, directories included. */
function sourcesBeforeTheBuild() {
	put('src/routes/+page.svelte', seconds(-600));
	put('src/lib/a.ts', seconds(-600));
	put('svelte.config.js', seconds(-600));
	for (const dir of ['src/routes', 'src/lib', 'src']) utimesSync(join(root, dir), seconds(-600), seconds(-600));
}

const decision = () => needsBuild(builtAt(root), newestSource(root));

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'ibasho-build-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm start: build or not', () => {
	it('builds when there is no build yet', () => {
		sourcesBeforeTheBuild();
		expect(decision()).toEqual({ build: true, why: 'there is no build yet' });
	});

	it('serves the existing build when it is newer than every source', () => {
		sourcesBeforeTheBuild();
		makeBuild('2026-04-01T09-00-00.000Z-100', { current: true });
		expect(decision().build).toBe(false);
	});

	it('builds again when a source was edited after the build started, and names it', () => {
		sourcesBeforeTheBuild();
		makeBuild('2026-04-01T09-00-00.000Z-100', { current: true });
		put('src/lib/a.ts', seconds(1));
		expect(decision()).toEqual({
			build: true,
			why: `${join('src', 'lib', 'a.ts')} changed since the last build`
		});
	});

	it('builds again when a source file was deleted (its directory changed)', () => {
		sourcesBeforeTheBuild();
		makeBuild('2026-04-01T09-00-00.000Z-100', { current: true });
		rmSync(join(root, 'src/routes/+page.svelte'));
		expect(decision()).toMatchObject({ build: true, why: expect.stringContaining('src') });
	});

	it('builds again after the configuration or the installed packages changed', () => {
		sourcesBeforeTheBuild();
		makeBuild('2026-04-01T09-00-00.000Z-100', { current: true });
		put('node_modules/.package-lock.json', seconds(30));
		expect(decision()).toMatchObject({ build: true, why: expect.stringContaining('node_modules') });
	});

	it('counts a build that never finished (no build info) as no build', () => {
		sourcesBeforeTheBuild();
		const dir = makeBuild('2026-04-01T09-00-00.000Z-100', { current: true });
		rmSync(join(dir, BUILD_INFO));
		expect(decision()).toEqual({ build: true, why: 'there is no build yet' });
	});
});

describe('swapping and removing builds', () => {
	it('points build at the new directory and leaves the old one whole', () => {
		const old = makeBuild('2026-04-01T09-00-00.000Z-100', { current: true });
		const fresh = makeBuild('2026-04-02T09-00-00.000Z-200', { current: true });
		expect(realpathSync(join(root, BUILD_LINK))).toBe(realpathSync(fresh));
		expect(readlinkSync(join(root, BUILD_LINK))).toBe(join(BUILDS_DIR, '2026-04-02T09-00-00.000Z-200'));
		expect(readFileSync(join(old, 'client', 'start.js'), 'utf8')).toBe('2026-04-01T09-00-00.000Z-100');
	});

	it('moves a build directory made before builds were versioned aside instead of over it', () => {
		put(`${BUILD_LINK}/client/start.js`, seconds(-60), 'unversioned');
		utimesSync(join(root, BUILD_LINK), seconds(-60), seconds(-60));
		const fresh = makeBuild('2026-04-02T09-00-00.000Z-200', { current: true });
		expect(realpathSync(join(root, BUILD_LINK))).toBe(realpathSync(fresh));
		const moved = join(root, BUILDS_DIR, `${seconds(-60).toISOString().replace(/:/g, '-')}-unversioned`);
		expect(readFileSync(join(moved, 'client', 'start.js'), 'utf8')).toBe('unversioned');
	});

	it('keeps the current and previous builds and any a live server runs from; removes the rest', () => {
		const live = 4242;
		const alive = (pid: number) => pid === live;
		makeBuild('2026-04-01T09-00-00.000Z-101', { servers: [live] });
		makeBuild('2026-04-02T09-00-00.000Z-102', { servers: [999_999] }); // its server was killed
		makeBuild('2026-04-03T09-00-00.000Z-103');
		makeBuild('2026-04-04T09-00-00.000Z-104');
		makeBuild('2026-04-05T09-00-00.000Z-105', { current: true });
		expect(pruneBuilds(root, alive)).toEqual([
			'2026-04-02T09-00-00.000Z-102',
			'2026-04-03T09-00-00.000Z-103'
		]);
		const left = (name: string) => existsSync(join(root, BUILDS_DIR, name, 'client', 'start.js'));
		expect(left('2026-04-01T09-00-00.000Z-101')).toBe(true); // a server still runs from it
		expect(left('2026-04-04T09-00-00.000Z-104')).toBe(true); // the previous build
		expect(left('2026-04-05T09-00-00.000Z-105')).toBe(true); // the current build
	});

	it('never removes a build still being written by a live process', () => {
		const builder = 4343;
		const inProgress = join(root, BUILDS_DIR, `2026-04-01T09-00-00.000Z-${builder}`);
		mkdirSync(join(inProgress, 'client'), { recursive: true });
		makeBuild('2026-04-02T09-00-00.000Z-102');
		makeBuild('2026-04-03T09-00-00.000Z-103', { current: true });
		expect(pruneBuilds(root, (pid) => pid === builder)).toEqual([]);
		expect(pruneBuilds(root, () => false)).toEqual([`2026-04-01T09-00-00.000Z-${builder}`]);
	});

	it('removes nothing when there is no current build', () => {
		makeBuild('2026-04-01T09-00-00.000Z-101');
		makeBuild('2026-04-02T09-00-00.000Z-102');
		symlinkSync(join(BUILDS_DIR, 'gone'), join(root, BUILD_LINK));
		expect(pruneBuilds(root, () => false)).toEqual([]);
	});
});

describe('the entry point of a build (scripts/build-entry.js)', () => {
	it('marks its build as in use while the server runs, and unmarks it when it stops', async () => {
		const dir = makeBuild('2026-04-01T09-00-00.000Z-101', { current: true });
		copyFileSync(resolve('scripts/build-entry.js'), join(dir, 'index.js'));
		// Stands in for adapter-node's entry: runs until told to stop, as the server does.
		writeFileSync(
			join(dir, 'main.js'),
			"process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000); console.log('up');\n"
		);
		const server = spawn(process.execPath, [BUILD_LINK], { cwd: root });
		await new Promise((up) => server.stdout.once('data', up));
		const marker = join(dir, SERVERS_DIR, String(server.pid));
		expect(existsSync(marker)).toBe(true);
		server.kill('SIGTERM');
		await new Promise((exited) => server.once('exit', exited));
		expect(existsSync(marker)).toBe(false);
	});
});
