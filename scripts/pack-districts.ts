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
