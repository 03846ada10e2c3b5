/**
 * Reads cities' packs from disk at run time: `<packs dir>/<city>/pack.json` names its source
 * files, `plan.json` beside it is the city's plan (optional). Adding a city is adding a
 * directory; no code knows a city. Every problem is collected with its file and field before
 * anything is refused, so one run of `npm run pack -- check` lists them all, and a server with
 * a bad pack stops at start with the same list instead of failing a resident's request later.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parsePlanPack, PlanPackError } from '../../domain/indicators/load-plan';
import type { PlanPack } from '../../domain/indicators/model';
import { HAZARD_IDS, type PackGeometry, type Place, type PlacePack } from '../../domain/model';
import { buildPlacePack } from '../../domain/pack/build-place-pack';
import { parseCsvRecords } from '../../domain/csv';
import { contentHash } from '../places-repo';
import { READING_SOURCES, type PackManifest, type PackSources } from '../../domain/pack/sources';
import {
	checkManifest,
	SOURCE_KINDS,
	type PackProblem,
	type ParsedManifest,
	type SourceName
} from './pack-manifest';

export type { PackProblem } from './pack-manifest';

export interface LoadedPack {
	pack: PlacePack;
	geometry: PackGeometry;
}

/** A city's pack without its places: those live in the database once seeded. */
export type PackInfo = Omit<PlacePack, 'places'>;

/** What a running server keeps of each city (app-context `ctx.packs`). */
export interface CityInfo {
	pack: PackInfo;
	geometry: PackGeometry;
}

/**
 * A validated city as the server starts with it: its info kept, its places hashed when read
 * and read again only if seeding needs them (places-repo `seedPacks`), so a server with every
 * municipality does not hold every city's places at once.
 */
export interface PackSource extends CityInfo {
	hash: string;
	placeCount: number;
	places(): readonly Place[];
}

/** `loaded` without its places; `places` gives them again when asked (rebuilding, re-reading). */
export function packSource(loaded: LoadedPack, places: () => readonly Place[]): PackSource {
	const { places: list, ...info } = loaded.pack;
	return {
		pack: info,
		geometry: loaded.geometry,
		hash: contentHash(list),
		placeCount: list.length,
		places
	};
}

/** One city's pack as read from its directory. */
export interface CityPack {
	loaded: LoadedPack;
	plan: PlanPack | null;
	/** The pack's directory, for messages. */
	dir: string;
}

export class PackLoadError extends Error {
	readonly problems: PackProblem[];
	constructor(problems: PackProblem[]) {
		super(`the packs have ${problems.length} problem(s):\n${formatProblems(problems)}`);
		this.name = 'PackLoadError';
		this.problems = problems;
	}
}

export function formatProblems(problems: readonly PackProblem[]): string {
	return problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n');
}

type Feature = { type?: unknown; properties?: unknown; geometry?: { type?: unknown } | null };

const AREA = ['Polygon', 'MultiPolygon'];
const POINT = ['Point'];

/** Per GeoJSON source: the geometry types and the string properties the builder reads. */
const FEATURE_RULES: Partial<Record<SourceName, { geometry: string[]; strings: string[] }>> = {
	boundary: { geometry: AREA, strings: [] },
	schoolDistricts: {
		geometry: AREA,
		strings: ['school_name', 'school_full_name', 'school_address']
	},
	shelters: { geometry: POINT, strings: ['name', 'site_key', 'category'] },
	communityCentres: { geometry: POINT, strings: ['name', 'site_key'] },
	towns: { geometry: POINT, strings: ['town'] }
};

const SHELTER_CATEGORIES = ['指定避難所', '指定緊急避難場所'];

/** The columns the builder reads from each CSV source. */
const CSV_COLUMNS: Partial<Record<SourceName, string[]>> = { supportCouncilsCsv: ['name'] };

const emptyCollection = () => ({ type: 'FeatureCollection' as const, features: [] });

/**
 * Reads one pack directory. Never throws for a problem in the pack: problems are returned
 * (file paths relative to `base`, the packs directory or the working directory).
 */
export function readPackDirectory(
	dir: string,
	base = resolve(dir, '..')
): { pack: CityPack | null; problems: PackProblem[] } {
	const rel = (path: string) => relative(base, path) || path;
	const manifestFile = join(dir, 'pack.json');
	const problems: PackProblem[] = [];
	const data = readJson(manifestFile, rel(manifestFile), problems);
	if (data === undefined) return { pack: null, problems };
	const checked = checkManifest(data, rel(manifestFile), basename(resolve(dir)));
	problems.push(...checked.problems);
	const manifest = checked.manifest;
	if (!manifest) return { pack: null, problems };

	const sources: Record<string, unknown> = {};
	for (const [name, path] of Object.entries(manifest.sources)) {
		const kind = SOURCE_KINDS[name as SourceName];
		if (!kind || path.split('/').includes('..')) continue; // already reported
		const file = join(dir, path);
		if (!existsSync(file) || !statSync(file).isFile()) {
			problems.push({
				file: rel(manifestFile),
				field: `sources.${name}`,
				message: `names ${path}, which does not exist`
			});
			continue;
		}
		if (kind === 'csv') {
			const text = readFileSync(file, 'utf8');
			checkCsv(text, name as SourceName, rel(file), problems);
			sources[name] = text;
		} else {
			const json = readJson(file, rel(file), problems);
			if (json !== undefined && checkCollection(json, name as SourceName, rel(file), problems)) {
				sources[name] = json;
			}
		}
	}
	checkReadingColumns(
		manifest,
		sources,
		(name) => rel(join(dir, manifest.sources[name]!)),
		problems
	);
	checkDistrictIds(
		manifest,
		sources,
		rel(manifestFile),
		rel(join(dir, manifest.sources.schoolDistricts ?? '')),
		problems
	);

	const planFile = join(dir, 'plan.json');
	let plan: PlanPack | null = null;
	if (existsSync(planFile)) {
		const json = readJson(planFile, rel(planFile), problems);
		if (json !== undefined) {
			try {
				plan = parsePlanPack(json, rel(planFile));
			} catch (error) {
				if (!(error instanceof PlanPackError)) throw error;
				for (const issue of error.issues) {
					problems.push({
						file: rel(planFile),
						field: issue.path || '(file)',
						message: issue.message
					});
				}
			}
		}
	}
	if (problems.length > 0) return { pack: null, problems };

	try {
		const loaded = buildPlacePack(packSources(manifest, sources));
		if (manifest.municipalityEn) loaded.pack.municipalityEn = manifest.municipalityEn;
		// Every place's credit is an attribution of its pack: a place whose source id names none
		// would be shown without its credit (a licence condition of most open data).
		const credited = new Set(loaded.pack.attributions.map((a) => a.id));
		const uncredited = new Map<string, string>();
		for (const place of loaded.pack.places) {
			if (place.sourceId && !credited.has(place.sourceId)) uncredited.set(place.sourceId, place.id);
		}
		for (const [sourceId, example] of uncredited) {
			problems.push({
				file: rel(manifestFile),
				field: 'attributions',
				message: `no attribution has id "${sourceId}", the credit of ${example} and places like it: add it, or name yours in "sourceIds" (docs/cities.md)`
			});
		}
		if (uncredited.size > 0) return { pack: null, problems };
		return { pack: { loaded, plan, dir }, problems };
	} catch (error) {
		// The checks above cover what the builder reads; this is the net for what they miss.
		problems.push({
			file: rel(manifestFile),
			field: '(pack)',
			message: `cannot be built: ${error instanceof Error ? error.message : String(error)}`
		});
		return { pack: null, problems };
	}
}

/**
 * The builder's input. A source the city does not publish is empty (no districts, no
 * shelters…), the boundary's bbox is computed when its file has none.
 */
function packSources(manifest: ParsedManifest, sources: Record<string, unknown>): PackSources {
	const boundary = sources.boundary as PackSources['boundary'];
	boundary.bbox ??= bboxOf(boundary);
	const packManifest: Omit<PackManifest, 'districts'> = {
		id: manifest.id,
		municipality: manifest.municipality,
		municipalityCode: manifest.municipalityCode,
		districtIdsBySchool: manifest.districtIdsBySchool ?? {},
		welfareShelters: manifest.welfareShelters ?? { source: '', note: '', facilities: [] },
		attributions: manifest.attributions
	};
	return {
		manifest: { ...(manifest as object), ...packManifest } as PackManifest,
		schoolDistricts: (sources.schoolDistricts ??
			emptyCollection()) as PackSources['schoolDistricts'],
		boundary,
		shelters: (sources.shelters ?? emptyCollection()) as PackSources['shelters'],
		communityCentres: (sources.communityCentres ??
			emptyCollection()) as PackSources['communityCentres'],
		towns: (sources.towns ?? emptyCollection()) as PackSources['towns'],
		supportCouncilsCsv: (sources.supportCouncilsCsv as string | undefined) ?? '',
		...(sources.welfareSheltersCsv !== undefined
			? { welfareSheltersCsv: sources.welfareSheltersCsv as string }
			: {})
	};
}

function bboxOf(collection: PackSources['boundary']): number[] {
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of collection.features) {
		const polygons =
			f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
		for (const ring of polygons.flat()) {
			for (const [lng, lat] of ring as unknown as [number, number][]) {
				west = Math.min(west, lng);
				east = Math.max(east, lng);
				south = Math.min(south, lat);
				north = Math.max(north, lat);
			}
		}
	}
	return [west, south, east, north];
}

function readJson(file: string, shown: string, problems: PackProblem[]): unknown {
	if (!existsSync(file)) {
		problems.push({ file: shown, field: '(file)', message: 'missing' });
		return undefined;
	}
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		problems.push({
			file: shown,
			field: '(file)',
			message: `not JSON: ${error instanceof Error ? error.message : String(error)}`
		});
		return undefined;
	}
}

function checkCollection(
	json: unknown,
	name: SourceName,
	file: string,
	problems: PackProblem[]
): boolean {
	const collection = json as { type?: unknown; features?: unknown };
	if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
		problems.push({ file, field: 'type', message: 'not a GeoJSON FeatureCollection' });
		return false;
	}
	const rule = FEATURE_RULES[name];
	if (!rule) return true;
	const before = problems.length;
	if (name === 'boundary' && collection.features.length === 0) {
		problems.push({ file, field: 'features', message: 'the boundary has no polygon' });
	}
	(collection.features as Feature[]).forEach((f, i) => {
		const at = `features[${i}]`;
		if (!f?.geometry || !rule.geometry.includes(String(f.geometry.type))) {
			problems.push({
				file,
				field: `${at}.geometry`,
				message: `must be ${rule.geometry.join(' or ')}`
			});
		}
		const props = (f?.properties ?? {}) as Record<string, unknown>;
		for (const key of rule.strings) {
			if (typeof props[key] !== 'string' || (props[key] as string).trim() === '') {
				problems.push({
					file,
					field: `${at}.properties.${key}`,
					message: 'missing (a text is required)'
				});
			}
		}
		// Hazards are ids (flood, earthquake…): a text such as 「洪水,地震」 would be read letter by
		// letter and match none, silently leaving the shelter without hazards.
		if (name === 'shelters' && props.hazards != null) {
			const hazards: unknown = props.hazards;
			const wrong = Array.isArray(hazards)
				? hazards.filter((h) => !(HAZARD_IDS as readonly unknown[]).includes(h))
				: [hazards];
			if (wrong.length > 0) {
				problems.push({
					file,
					field: `${at}.properties.hazards`,
					message: `must be null or a list of ${HAZARD_IDS.join(', ')} (not ${JSON.stringify(wrong)})`
				});
			}
		}
		if (name === 'shelters' && typeof props.category === 'string') {
			if (!SHELTER_CATEGORIES.includes(props.category)) {
				problems.push({
					file,
					field: `${at}.properties.category`,
					message: `must be ${SHELTER_CATEGORIES.join(' or ')}`
				});
			}
		}
	});
	return problems.length === before;
}

function checkCsv(text: string, name: SourceName, file: string, problems: PackProblem[]) {
	const columns = CSV_COLUMNS[name];
	if (!columns) return;
	const before = problems.length;
	const header = text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/, 1)[0]!
		.split(',');
	for (const column of columns) {
		if (!header.includes(column)) {
			problems.push({ file, field: `column ${column}`, message: 'missing from the header row' });
		}
	}
	if (problems.length === before) {
		parseCsvRecords(text).forEach((row, i) => {
			for (const column of columns) {
				if (!row[column]?.trim()) {
					problems.push({ file, field: `row ${i + 2}.${column}`, message: 'empty' });
				}
			}
		});
	}
}

/**
 * A reading column (pack.json `readings`) must be in its source: a CSV's header row, or the
 * properties of at least one GeoJSON feature. A misspelt column would otherwise leave every
 * place without its reading, silently.
 */
function checkReadingColumns(
	manifest: ParsedManifest,
	sources: Record<string, unknown>,
	fileOf: (name: string) => string,
	problems: PackProblem[]
) {
	for (const [name, column] of Object.entries(manifest.readings ?? {})) {
		const source = sources[name];
		// Not a source of places, or not read: checkManifest or the reading reported it already.
		if (!(READING_SOURCES as readonly string[]).includes(name) || source === undefined) continue;
		const found =
			typeof source === 'string'
				? source
						.replace(/^\uFEFF/, '')
						.split(/\r?\n/, 1)[0]!
						.split(',')
						.includes(column)
				: (source as { features: { properties?: object | null }[] }).features.some(
						(f) => !!f.properties && column in f.properties
					);
		if (!found) {
			problems.push({
				file: fileOf(name),
				field: `column ${column}`,
				message: `named by pack.json readings.${name}, but not in this file`
			});
		}
	}
}

/** Each school-district polygon needs the district id pack.json gives its school. */
function checkDistrictIds(
	manifest: ParsedManifest,
	sources: Record<string, unknown>,
	manifestFile: string,
	districtsFile: string,
	problems: PackProblem[]
) {
	const collection = sources.schoolDistricts as PackSources['schoolDistricts'] | undefined;
	if (!collection) return;
	const ids = manifest.districtIdsBySchool ?? {};
	collection.features.forEach((f, i) => {
		const school = f.properties.school_name;
		if (!ids[school]) {
			problems.push({
				file: manifestFile,
				field: `districtIdsBySchool.${school}`,
				message: `missing: ${districtsFile} features[${i}] is this school's district`
			});
		}
	});
}

/** The packs under a packs directory: each subdirectory with a pack.json, in id order. */
export function packDirectories(packsDir: string): string[] {
	if (!existsSync(packsDir)) return [];
	return readdirSync(packsDir)
		.filter((name) => existsSync(join(packsDir, name, 'pack.json')))
		.sort()
		.map((name) => join(packsDir, name));
}

/**
 * Ids that must be unique across cities (a place page `/places/<id>`, a district named in an
 * account or a meeting): places (councils included) and districts. Each collision names both
 * files.
 */
export function findCollisions(
	packs: readonly { file: string; loaded: LoadedPack }[]
): PackProblem[] {
	const check = new CollisionCheck();
	return packs.flatMap(({ file, loaded }) => check.add(file, loaded));
}

/** `findCollisions` one pack at a time, keeping only ids (packs are read one after another). */
export class CollisionCheck {
	private readonly seen = new Map<string, string>();

	/** The problems `loaded` adds to the packs added before it. */
	add(file: string, loaded: LoadedPack): PackProblem[] {
		const problems: PackProblem[] = [];
		const ids = [
			...loaded.pack.places.map((p) => ['places', p.id] as const),
			...loaded.pack.districts.map((d) => ['districts', d.id] as const)
		];
		for (const [kind, id] of ids) {
			const key = `${kind}:${id}`;
			const other = this.seen.get(key);
			if (other && other !== file) {
				problems.push({
					file,
					field: kind,
					message: `id "${id}" is also in ${other}: ids must differ between cities (start them with the city id)`
				});
			} else {
				this.seen.set(key, file);
			}
		}
		return problems;
	}
}

/**
 * Every pack under `packsDir`, validated and checked against each other; throws PackLoadError
 * listing every problem of every pack.
 */
export function loadPacksDirectory(packsDir: string): CityPack[] {
	const packs: CityPack[] = [];
	readPacksDirectory(packsDir, (pack) => packs.push(pack));
	return packs;
}

/** One city of a packs directory as the server keeps it: the pack a source, its plan. */
export interface CitySource {
	source: PackSource;
	plan: PlanPack | null;
}

/**
 * `loadPacksDirectory` for the server: every pack read and validated as there, but kept
 * without its places, which are read again from the pack's directory only if seeding needs
 * them (a pack changed since the database last saw it: every pack on a first start).
 */
export function packSourcesOfDirectory(packsDir: string): CitySource[] {
	const cities: CitySource[] = [];
	readPacksDirectory(packsDir, ({ loaded, plan, dir }) => {
		const places = () => {
			const again = readPackDirectory(dir, packsDir);
			if (!again.pack) throw new PackLoadError(again.problems);
			return again.pack.loaded.pack.places;
		};
		cities.push({ source: packSource(loaded, places), plan });
	});
	return cities;
}

/** Reads and validates every pack, handing each over as read; throws with every problem. */
function readPacksDirectory(packsDir: string, take: (pack: CityPack) => void): void {
	const dirs = packDirectories(packsDir);
	if (dirs.length === 0) {
		throw new PackLoadError([
			{
				file: packsDir,
				field: '(directory)',
				message: 'holds no pack (a directory with a pack.json)'
			}
		]);
	}
	const problems: PackProblem[] = [];
	const collisions = new CollisionCheck();
	for (const dir of dirs) {
		const read = readPackDirectory(dir, packsDir);
		problems.push(...read.problems);
		if (!read.pack) continue;
		problems.push(...collisions.add(relative(packsDir, join(dir, 'pack.json')), read.pack.loaded));
		// Nothing is handed over once a problem is found: the start stops with the whole list.
		if (problems.length === 0) take(read.pack);
	}
	if (problems.length > 0) throw new PackLoadError(problems);
}

/** `DEFAULT_CITY`, else Tsurugashima when loaded, else the first id in sort order. */
export function defaultCityOf(ids: readonly string[], wanted?: string | null): string {
	if (wanted) {
		if (!ids.includes(wanted)) {
			throw new Error(`DEFAULT_CITY "${wanted}" is not a loaded pack; loaded: ${ids.join(', ')}`);
		}
		return wanted;
	}
	return ids.includes('tsurugashima') ? 'tsurugashima' : [...ids].sort()[0]!;
}

/** PACKS_DIR (default `packs`), relative to the directory the server starts in. */
export function packsDirFrom(env: NodeJS.ProcessEnv = process.env): string {
	return resolve(env.PACKS_DIR || 'packs');
}
