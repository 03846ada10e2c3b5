/**
 * `npm run build` (always builds) and `npm start` (`--if-stale`: builds only when there is no
 * build or a source changed since the last one, then `node build` serves).
 *
 * Why builds are versioned: replacing `build/` under a running server crashed it (its in-memory
 * manifest names client files the new build no longer has: ENOENT …start.*.js.br). So each build
 * goes to a fresh directory `.builds/<time>-<pid>/` and `build` is a symlink switched to it
 * atomically (rename over the old link) once the build succeeded. Node resolves `node build` to
 * the real path, and adapter-node finds its client files relative to its own module
 * (`import.meta.url`), so a running server keeps serving from its own directory.
 *
 * An old build is deleted only when no server can need it: never the current and the previous
 * build (a server may be starting from it right now), never one a live server runs from (each
 * server marks its build, scripts/build-entry.js), never one still being built.
 */
import { spawnSync } from 'node:child_process';
import {
	existsSync,
	lstatSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	realpathSync,
	renameSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BUILD_LINK = 'build';
export const BUILDS_DIR = '.builds';
/** Written into a build once it succeeded: when its sources were read. */
export const BUILD_INFO = 'build-info.json';
/** Where each server running from a build leaves its pid (scripts/build-entry.js). */
export const SERVERS_DIR = '.servers';

/**
 * What a build is made from. A change to any of these (a file's or, for a deleted or added file,
 * its directory's modification time) makes `npm start` build again.
 * `node_modules/.package-lock.json` changes with every `npm install` / `npm ci`.
 */
export const SOURCES = [
	'src',
	'static',
	'packs',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json',
	'node_modules/.package-lock.json',
	'scripts/shell-chunk.ts',
	'scripts/build-entry.js'
];

export interface NewestSource {
	path: string;
	mtimeMs: number;
}

/** The most recently modified file or directory among `sources` (missing ones are skipped). */
export function newestSource(
	root: string,
	sources: readonly string[] = SOURCES
): NewestSource | null {
	let newest: NewestSource | null = null;
	const visit = (path: string) => {
		let stat;
		try {
			stat = statSync(join(root, path));
		} catch {
			return;
		}
		if (!newest || stat.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stat.mtimeMs };
		if (stat.isDirectory()) {
			for (const name of readdirSync(join(root, path))) visit(join(path, name));
		}
	};
	for (const source of sources) visit(source);
	return newest;
}

/** When the sources of the build `build` points at were read, or null: no (finished) build. */
export function builtAt(root: string): number | null {
	try {
		const info = JSON.parse(readFileSync(join(root, BUILD_LINK, BUILD_INFO), 'utf8'));
		return typeof info.startedAt === 'number' ? info.startedAt : null;
	} catch {
		return null;
	}
}

/**
 * The decision `npm start` makes. A source modified at or after the moment the last build
 * started reading its sources may be missing from it, so it counts as newer.
 */
export function needsBuild(
	lastBuild: number | null,
	newest: NewestSource | null
): { build: boolean; why: string } {
	if (lastBuild === null) return { build: true, why: 'there is no build yet' };
	if (newest && newest.mtimeMs >= lastBuild) {
		return { build: true, why: `${newest.path} changed since the last build` };
	}
	return { build: false, why: 'the build is newer than its sources' };
}

/** Builds into a fresh directory under .builds/ and returns it, or null if the build failed. */
export function buildFresh(root: string): string | null {
	const startedAt = Date.now();
	const out = join(
		BUILDS_DIR,
		`${new Date(startedAt).toISOString().replace(/:/g, '-')}-${process.pid}`
	);
	mkdirSync(join(root, BUILDS_DIR), { recursive: true });
	const vite = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build'], {
		cwd: root,
		stdio: 'inherit',
		// vite.config.ts hands it to adapter-node as `out`
		env: { ...process.env, IBASHO_BUILD_OUT: out }
	});
	if (vite.status !== 0) {
		rmSync(join(root, out), { recursive: true, force: true });
		return null;
	}
	writeFileSync(join(root, out, BUILD_INFO), `${JSON.stringify({ startedAt })}\n`);
	return join(root, out);
}

/** Points `build` at `dir` in one step: a server starting now gets the old build or the new. */
export function switchBuild(root: string, dir: string): void {
	const link = join(root, BUILD_LINK);
	const current = lstatOrNull(link);
	if (current && !current.isSymbolicLink()) {
		// A build made by `vite build` alone, or before builds were versioned: a server may still
		// run from it, so it moves beside the others (a server reading `build/…` by that name would
		// not survive anyway: that was the old crash).
		const stamp = new Date(current.mtimeMs).toISOString().replace(/:/g, '-');
		renameSync(link, join(root, BUILDS_DIR, `${stamp}-unversioned`));
	}
	const temporary = `${link}.${process.pid}.tmp`;
	rmSync(temporary, { force: true });
	symlinkSync(relative(root, dir), temporary);
	renameSync(temporary, link);
}

/**
 * Deletes the builds no server can need: older than the previous one, not being built, and with
 * no live server marked in them. Returns the names deleted.
 */
export function pruneBuilds(
	root: string,
	isAlive: (pid: number) => boolean = processIsAlive
): string[] {
	const buildsDir = join(root, BUILDS_DIR);
	if (!existsSync(buildsDir)) return [];
	let current: string;
	try {
		current = basename(realpathSync(join(root, BUILD_LINK)));
	} catch {
		return []; // no current build: nothing tells which ones are old
	}
	// Names start with the build's start time, so they sort by age.
	const older = readdirSync(buildsDir)
		.filter((name) => name < current && !name.endsWith('.tmp'))
		.sort();
	const deleted: string[] = [];
	for (const name of older.slice(0, -1)) {
		const dir = join(buildsDir, name);
		const builder = Number(/-(\d+)$/.exec(name)?.[1]);
		const unfinished = !existsSync(join(dir, BUILD_INFO)) && !name.endsWith('-unversioned');
		if (unfinished && Number.isInteger(builder) && isAlive(builder)) continue;
		if (serverPids(dir).some(isAlive)) continue;
		rmSync(dir, { recursive: true, force: true });
		deleted.push(name);
	}
	return deleted;
}

function serverPids(buildDir: string): number[] {
	try {
		return readdirSync(join(buildDir, SERVERS_DIR))
			.map(Number)
			.filter((pid) => Number.isInteger(pid) && pid > 0);
	} catch {
		return [];
	}
}

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function lstatOrNull(path: string) {
	try {
		return lstatSync(path);
	} catch {
		return null;
	}
}

function main(argv: string[]): number {
	const root = process.cwd();
	if (argv.includes('--if-stale')) {
		const decision = needsBuild(builtAt(root), newestSource(root));
		console.log(`${decision.build ? 'Building' : 'Not building'}: ${decision.why}.`);
		if (!decision.build) return 0;
	}
	const dir = buildFresh(root);
	if (!dir) return 1;
	switchBuild(root, dir);
	const deleted = pruneBuilds(root);
	console.log(
		`build → ${relative(root, dir)}${deleted.length ? ` (removed old builds: ${deleted.join(', ')})` : ''}`
	);
	return 0;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
	process.exit(main(process.argv.slice(2)));
}
