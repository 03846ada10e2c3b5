/**
 * Reads a pack directory the way the run-time loader will: pack.json's `sources` map names
 * each file (`.geojson`/`.json` parsed, `.csv` as text). Until that loader is on this branch,
 * tests build packs other than the bundled Tsurugashima one through here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlacePack } from '#lib/domain/pack/build-place-pack.js';
import type { PackManifest, PackSources } from '#lib/domain/pack/sources.js';

export function readPackSources(dir: string): PackSources {
	const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as PackManifest;
	const sources: Record<string, unknown> = { manifest };
	for (const [field, file] of Object.entries(manifest.sources ?? {})) {
		const text = readFileSync(join(dir, file!), 'utf8');
		sources[field] = /\.(geo)?json$/u.test(file!) ? JSON.parse(text) : text;
	}
	return sources as unknown as PackSources;
}

export const buildPackDir = (dir: string) => buildPlacePack(readPackSources(dir));
