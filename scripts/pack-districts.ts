/**
 * The school-district ids of every pack under `packs/`, read from the same source files the
 * server builds its packs from (`buildDistricts`), for tools that run outside the server build
 * (`npm run user`). A pack's `pack.json` says where its districts come from: school-district
 * polygons (the file its `sources.schoolDistricts` names, else
 * `source/<id>-school-districts.geojson`, named by `districtIdsBySchool`), a town list in
 * pack.json itself, or none (a city without districts has no ids).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDistricts } from '../src/lib/domain/pack/build-place-pack';
import type { PackManifest, PackSources } from '../src/lib/domain/pack/sources';

/** Pack id → its district ids, in the pack's order. */
export function packDistrictIds(packsDir = resolve('packs')): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const id of readdirSync(packsDir)) {
		const manifestFile = join(packsDir, id, 'pack.json');
		if (!existsSync(manifestFile)) continue;
		const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PackManifest;
		const polygons = manifest.districts?.from === 'school-polygons';
		const districtsFile = join(
			packsDir,
			id,
			manifest.sources?.schoolDistricts ?? join('source', `${id}-school-districts.geojson`)
		);
		const sources = {
			manifest,
			...(polygons ? { schoolDistricts: JSON.parse(readFileSync(districtsFile, 'utf8')) } : {})
		} as PackSources;
		out.set(
			id,
			buildDistricts(sources).districts.map((d) => d.id)
		);
	}
	return out;
}

/**
 * The deployment's default city (CITIES.md): DEFAULT_CITY when set, else `tsurugashima` when
 * that pack is present, else the first id in sort order. `npm run user -- add` gives it to an
 * account named with no --city.
 */
export function defaultCityId(
	cityIds: Iterable<string>,
	env: { DEFAULT_CITY?: string | undefined } = process.env
): string {
	const ids = [...cityIds].sort();
	if (env.DEFAULT_CITY) return env.DEFAULT_CITY;
	return ids.includes('tsurugashima') ? 'tsurugashima' : (ids[0] ?? 'tsurugashima');
}
