/**
 * The district ids of every pack under the packs directory (PACKS_DIR, default `packs`), read
 * and built as the server reads them (src/lib/server/packs/load-packs.ts), for tools that run
 * outside the server build (`npm run user`).
 */
import { loadPacksDirectory, packsDirFrom } from '../src/lib/server/packs/load-packs';

/** Pack id → its district ids, in the pack's order. */
export function packDistrictIds(packsDir = packsDirFrom()): Map<string, string[]> {
	return new Map(
		loadPacksDirectory(packsDir).map(({ loaded: { pack } }) => [
			pack.id,
			pack.districts.map((d) => d.id)
		])
	);
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
