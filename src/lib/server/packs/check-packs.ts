/**
 * `npm run pack -- check` (scripts/pack.ts): the packs asked for, read as the server reads
 * them, and their ids against the packs beside them (they would meet on one server).
 */
import { basename, dirname, join, resolve } from 'node:path';
import {
	findCollisions,
	packDirectories,
	packsDirFrom,
	readPackDirectory,
	type CityPack,
	type PackProblem
} from './load-packs';

/** Checks `dirs` (every pack under PACKS_DIR when empty); problems name file and field. */
export function checkPacks(dirs: readonly string[]): {
	problems: PackProblem[];
	checked: CityPack[];
} {
	const asked = dirs.length > 0 ? dirs.map((d) => resolve(d)) : packDirectories(packsDirFrom());
	const problems: PackProblem[] = [];
	const checked: CityPack[] = [];
	for (const dir of asked) {
		const read = readPackDirectory(dir, resolve(dir, '..'));
		problems.push(...read.problems);
		if (read.pack) checked.push(read.pack);
	}
	// Ids must differ from those of the packs beside it: they would meet on one server.
	const neighbours = new Set(asked.flatMap((dir) => packDirectories(dirname(dir))));
	for (const dir of asked) neighbours.delete(dir);
	const others = [...neighbours].flatMap((dir) => readPackDirectory(dir).pack ?? []);
	const file = (p: CityPack) => join(basename(p.dir), 'pack.json');
	problems.push(
		...findCollisions(
			[...checked, ...others].map((p) => ({ file: file(p), loaded: p.loaded }))
		).filter((problem) =>
			checked.some((p) => file(p) === problem.file || problem.message.includes(file(p)))
		)
	);
	return { problems, checked };
}
