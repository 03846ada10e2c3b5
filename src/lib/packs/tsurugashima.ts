/**
 * The Tsurugashima pack: its source files are bundled as text (Vite `?raw`) so the server
 * build carries them and no path on disk has to be right at run time.
 */
import { buildPlacePack } from '#lib/domain/pack/build-place-pack.js';
import type { PackManifest, PackSources } from '#lib/domain/pack/sources.js';
import manifestJson from '../../../packs/tsurugashima/pack.json';
import boundary from '../../../packs/tsurugashima/source/tsurugashima-boundary.geojson?raw';
import communityCentres from '../../../packs/tsurugashima/source/tsurugashima-community-centres.geojson?raw';
import schoolDistricts from '../../../packs/tsurugashima/source/tsurugashima-school-districts.geojson?raw';
import shelters from '../../../packs/tsurugashima/source/tsurugashima-shelters.geojson?raw';
import supportCouncilsCsv from '../../../packs/tsurugashima/source/tsurugashima-support-councils.csv?raw';
import towns from '../../../packs/tsurugashima/source/tsurugashima-towns.geojson?raw';

export const tsurugashimaSources = (): PackSources => ({
	manifest: manifestJson as PackManifest,
	schoolDistricts: JSON.parse(schoolDistricts),
	boundary: JSON.parse(boundary),
	shelters: JSON.parse(shelters),
	communityCentres: JSON.parse(communityCentres),
	towns: JSON.parse(towns),
	supportCouncilsCsv
});

let built: ReturnType<typeof buildPlacePack> | null = null;

/** Built once per process; callers must not mutate the result. */
export function tsurugashimaPack(): ReturnType<typeof buildPlacePack> {
	built ??= buildPlacePack(tsurugashimaSources());
	return built;
}
