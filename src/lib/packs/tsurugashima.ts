/**
 * The Tsurugashima pack as the server reads it from `packs/tsurugashima` at run time, for
 * tests and tools that need a real city's pack without a server. Server code takes its packs
 * from the app context (`ctx.packs`), never from here.
 */
import { resolve } from 'node:path';
import { readPackDirectory, type CityPack, type LoadedPack } from '#lib/server/packs/load-packs.js';

let read: CityPack | null = null;

function tsurugashima(): CityPack {
	if (!read) {
		const { pack, problems } = readPackDirectory(resolve('packs/tsurugashima'));
		if (!pack)
			throw new Error(problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('\n'));
		read = pack;
	}
	return read;
}

/** Built once per process; callers must not mutate the result. */
export function tsurugashimaPack(): LoadedPack {
	return tsurugashima().loaded;
}
