/**
 * Turns a municipality's open-data files into the app's place pack. Pure and deterministic:
 * the same files give the same ids, so a re-seeded server and a cached client agree.
 *
 * Rules taken from the data's own caveats (packs/<id>/source/SOURCES.md):
 * - one place per shelter *site* (GSI lists a site once per designation; `site_key` joins them),
 *   preferring the 指定避難所 point, with both designations and the hazard list as attributes;
 * - community centres are shelter sites too: the same place, also in the public-facility category;
 * - districts follow the pack's `districts.from`: point-in-polygon against the KSJ polygons
 *   (not copied from the source's `_at_point` attributes, so the rule is ours and tested), the
 *   town an address names for town-list districts, or none at all (everything city-wide);
 * - 地域支え合い協議会 have no published location: no point, districts inferred from the town
 *   names in their published area text, marked as such;
 * - welfare facilities with disaster agreements have no public coordinates: listed, unlocated;
 *   a 福祉避難所 list joins its GSI sites, and its rows without coordinates are listed unpinned;
 * - every generated id starts with the pack's id prefix (`tokorozawa-shelter-…`), except
 *   Tsurugashima's, which predate it.
 */
import { parseCsvRecords } from '../csv';
import { parseGrantRules } from '../paperwork/grant-rules';
import { anyPolygonContains } from '../geo';
import {
	HAZARD_IDS,
	type District,
	type DistrictSource,
	type DistrictShape,
	type HazardId,
	type LngLat,
	type PackGeometry,
	type Place,
	type PlacePack,
	type Town
} from '../model';
import { foldForSearch } from '../text-fold';
import {
	polygonsOf,
	type DistrictsSpec,
	type PackManifest,
	type PackSources,
	type PointGeometry,
	type ReadingSource,
	type WelfareShelterRow
} from './sources';
import { districtOfAddress, townKey } from './town-of-address';

const pointOf = (g: PointGeometry): LngLat => ({ lng: g.coordinates[0], lat: g.coordinates[1] });

/**
 * The reading (名称_カナ) a source row or feature carries in the column pack.json names for
 * that source, kept on the place unless it has one already (a shelter site listed twice keeps
 * its first). A pack that names none leaves its places as they were: no `reading` key.
 */
function addReading(
	place: Place,
	manifest: PackManifest,
	source: ReadingSource,
	record: object
): void {
	const column = manifest.readings?.[source];
	const value = column ? (record as Record<string, unknown>)[column] : undefined;
	if (!place.reading && typeof value === 'string' && value.trim()) place.reading = value.trim();
}

function basePlace(id: string, name: string): Place {
	return {
		id,
		categories: [],
		name,
		point: null,
		districtIds: [],
		districtSource: 'unknown',
		address: null,
		areaText: null,
		scheduleText: null,
		audience: [],
		accessibility: [],
		contact: null,
		shelter: null,
		notes: [],
		status: 'active',
		moderation: 'approved',
		origin: 'pack',
		sourceId: null
	};
}

/** The prefix of every id the builder generates for this pack (see PackManifest.idPrefix). */
export const idPrefixOf = (manifest: PackManifest): string =>
	manifest.idPrefix ?? `${manifest.id}-`;

export function buildDistricts(sources: PackSources): {
	districts: District[];
	shapes: DistrictShape[];
} {
	const spec = sources.manifest.districts;
	if (spec.from === 'none') return { districts: [], shapes: [] };
	const prefix = idPrefixOf(sources.manifest);
	const checkId = (id: string) => {
		if (!id.startsWith(prefix)) {
			throw new Error(`pack ${sources.manifest.id}: district id ${id} must start with "${prefix}"`);
		}
	};
	if (spec.from === 'town-list') {
		const districts = spec.districts.map((d) => {
			checkId(d.id);
			return {
				id: d.id,
				name: d.name,
				schoolName: null,
				schoolAddress: null,
				areaKm2: null,
				towns: d.towns.map(townKey)
			};
		});
		return { districts, shapes: [] };
	}
	if (!sources.schoolDistricts) {
		throw new Error(
			`pack ${sources.manifest.id}: districts from school-polygons need schoolDistricts`
		);
	}
	const districts: District[] = [];
	const shapes: DistrictShape[] = [];
	for (const f of sources.schoolDistricts.features) {
		const id = sources.manifest.districtIdsBySchool?.[f.properties.school_name];
		if (!id) throw new Error(`pack manifest has no district id for ${f.properties.school_name}`);
		checkId(id);
		districts.push({
			id,
			name: `${f.properties.school_name}区`,
			schoolName: f.properties.school_full_name,
			schoolAddress: f.properties.school_address,
			areaKm2: f.properties.area_km2_approx
		});
		shapes.push({ districtId: id, polygons: polygonsOf(f.geometry) });
	}
	return { districts, shapes };
}

/** The district whose polygon contains the point, or null outside every district. */
export function districtAt(shapes: readonly DistrictShape[], p: LngLat): string | null {
	return shapes.find((s) => anyPolygonContains(s.polygons, p))?.districtId ?? null;
}

const hazardIds = new Set<string>(HAZARD_IDS);

/**
 * How a place with a point and an address finds its district, by the city's kind of districts:
 * the polygon its point lies in, the town its address names, or none at all.
 */
type Locate = (point: LngLat | null, address: string | null) => string | null;

function locator(
	spec: DistrictsSpec,
	shapes: readonly DistrictShape[],
	towns: readonly Town[],
	municipality: string
): { locate: Locate; source: DistrictSource } {
	if (spec.from === 'school-polygons') {
		return { locate: (point) => (point ? districtAt(shapes, point) : null), source: 'point' };
	}
	if (spec.from === 'town-list') {
		return {
			locate: (_point, address) => districtOfAddress({ towns, municipality }, address),
			source: 'town'
		};
	}
	return { locate: () => null, source: 'unknown' };
}

function setDistrict(place: Place, locate: Locate, source: DistrictSource) {
	const districtId = locate(place.point, place.address);
	place.districtIds = districtId ? [districtId] : [];
	place.districtSource = districtId ? source : 'unknown';
}

function buildShelterPlaces(sources: PackSources, prefix: string, sourceId: string): Place[] {
	if (!sources.shelters) return [];
	const centres = new Map(
		(sources.communityCentres?.features ?? []).map((f) => [f.properties.site_key, f])
	);
	const bySite = new Map<string, Place>();
	for (const f of sources.shelters.features) {
		const { site_key: siteKey, category } = f.properties;
		let place = bySite.get(siteKey);
		if (!place) {
			place = basePlace(`${prefix}shelter-${siteKey}`, f.properties.name);
			place.address = f.properties.address;
			addReading(place, sources.manifest, 'shelters', f.properties);
			place.shelter = { evacuationShelter: false, emergencySite: false, hazards: [] };
			place.sourceId = sourceId;
			bySite.set(siteKey, place);
		}
		const designation = place.shelter!;
		if (category === '指定避難所') {
			designation.evacuationShelter = true;
			place.point = pointOf(f.geometry); // the shelter building's point wins over the open space
		} else {
			designation.emergencySite = true;
			addReading(place, sources.manifest, 'shelters', f.properties);
			place.point ??= pointOf(f.geometry);
			for (const h of f.properties.hazards ?? []) {
				if (hazardIds.has(h) && !designation.hazards.includes(h as HazardId)) {
					designation.hazards.push(h as HazardId);
				}
			}
		}
	}
	for (const [siteKey, place] of bySite) {
		place.categories = centres.has(siteKey) ? ['public-facility', 'shelter'] : ['shelter'];
	}
	return [...bySite.values()];
}

function buildTowns(sources: PackSources, spec: DistrictsSpec, shapes: DistrictShape[]): Town[] {
	const listed = new Map<string, string>();
	if (spec.from === 'town-list') {
		for (const d of spec.districts) {
			for (const t of d.towns) {
				const other = listed.get(townKey(t));
				if (other && other !== d.id) {
					throw new Error(`pack.json districts: town ${t} is listed in both ${other} and ${d.id}`);
				}
				listed.set(townKey(t), d.id);
			}
		}
	}
	const towns = (sources.towns?.features ?? []).map((f) => {
		const point = pointOf(f.geometry);
		const name = f.properties.town.replace(/^大字/, '');
		const districtId =
			spec.from === 'school-polygons'
				? districtAt(shapes, point)
				: (listed.get(townKey(name)) ?? null);
		return { name, point, districtId };
	});
	// A listed town the towns source does not know is a typo in pack.json, not a district gap.
	const known = new Set(towns.map((t) => townKey(t.name)));
	for (const [town, districtId] of listed) {
		if (!known.has(town)) {
			throw new Error(
				`pack.json districts: ${districtId} lists ${town}, which is not in the towns source`
			);
		}
	}
	return towns;
}
/**
 * Districts a council serves, from the town names in its published area text
 * (e.g. 「鶴ヶ丘、上広谷・藤金の一部」). Each named town contributes the district of its
 * representative point; names that are not towns (自治会, 団地) are skipped.
 */
const CHOME_SUFFIX = /^[一二三四五六七八九十]+丁目$/u;

export function districtsFromAreaText(areaText: string, towns: readonly Town[]): string[] {
	const tokens = areaText
		.split(/[、・,，]/u)
		.map((t) => t.replace(/の一部$/u, '').trim())
		.filter(Boolean)
		.map((t) => {
			// 「富士見一丁目~五丁目」 names 丁目 towns only, not the separate 大字富士見.
			const chome = /[一二三四五六七八九十]+丁目/u.exec(t);
			const base = chome ? t.slice(0, chome.index) : t;
			return { base: foldForSearch(base), chomeOnly: chome !== null };
		});
	const found = new Set<string>();
	for (const town of towns) {
		if (!town.districtId) continue;
		const name = foldForSearch(town.name);
		// 「脚折」 names 大字脚折, not 脚折町一丁目: a prefix counts only when the rest is N丁目.
		const named = tokens.some(
			(t) =>
				(name === t.base && !t.chomeOnly) ||
				(name.startsWith(t.base) && CHOME_SUFFIX.test(name.slice(t.base.length)))
		);
		if (named) found.add(town.districtId);
	}
	return [...found].sort();
}

function buildCouncilPlaces(
	sources: PackSources,
	towns: Town[],
	prefix: string,
	sourceId: string
): Place[] {
	if (!sources.supportCouncilsCsv) return [];
	return parseCsvRecords(sources.supportCouncilsCsv).map((row, i) => {
		const place = basePlace(`${prefix}council-${i + 1}`, row.name!);
		place.categories = ['support-council'];
		addReading(place, sources.manifest, 'supportCouncilsCsv', row);
		place.areaText = row.target_area_as_published || null;
		place.districtIds = place.areaText ? districtsFromAreaText(place.areaText, towns) : [];
		place.districtSource = place.districtIds.length > 0 ? 'area-text' : 'unknown';
		place.established = row.established?.trim() || null;
		place.notes = [row.note ?? ''].filter((n) => n.trim().length > 0);
		place.audience = ['anyone'];
		place.sourceId = sourceId;
		return place;
	});
}

/** Welfare facilities named in pack.json (no public location: listed, never pinned). */
function buildWelfarePlaces(sources: PackSources, sourceId: string): Place[] {
	return (sources.manifest.welfareShelters?.facilities ?? []).map((f) => {
		const place = basePlace(f.id, f.name);
		place.categories = ['welfare-shelter'];
		place.notes = [f.operator];
		place.sourceId = sourceId;
		return place;
	});
}

/**
 * A city's 福祉避難所 list (welfareSheltersCsv). A row that names a GSI record
 * (`gsi_common_id`) is that shelter site, now also a welfare shelter (first category: its
 * icon); a row with coordinates but no GSI site is a place of its own; a row without
 * coordinates is listed like Tsurugashima's welfare facilities, with no map pin.
 */
function addWelfareShelterRows(
	sources: PackSources,
	shelters: Place[],
	prefix: string,
	sourceId: string
): Place[] {
	if (!sources.welfareSheltersCsv) return [];
	const bySite = new Map(shelters.map((p) => [p.id, p]));
	const own: Place[] = [];
	parseCsvRecords(sources.welfareSheltersCsv).forEach((raw, i) => {
		const row = raw as unknown as WelfareShelterRow;
		const note = row.category?.trim() ?? '';
		const siteKey = row.gsi_common_id?.trim().slice(0, 11);
		const site = siteKey ? bySite.get(`${prefix}shelter-${siteKey}`) : undefined;
		if (site) {
			site.categories = [
				'welfare-shelter',
				...site.categories.filter((c) => c !== 'welfare-shelter')
			];
			if (note && !site.notes.includes(note)) site.notes.push(note);
			addReading(site, sources.manifest, 'welfareSheltersCsv', raw);
			return;
		}
		const place = basePlace(`${prefix}welfare-${i + 1}`, row.name.trim());
		place.categories = ['welfare-shelter'];
		addReading(place, sources.manifest, 'welfareSheltersCsv', raw);
		place.address = row.address_as_published?.trim() || null;
		const lat = Number(row.lat);
		const lng = Number(row.lon);
		if (row.lat?.trim() && row.lon?.trim() && Number.isFinite(lat) && Number.isFinite(lng)) {
			place.point = { lng, lat };
		}
		place.notes = note ? [note] : [];
		place.sourceId = sourceId;
		own.push(place);
	});
	return own;
}

export function buildPlacePack(sources: PackSources): { pack: PlacePack; geometry: PackGeometry } {
	const { manifest } = sources;
	const spec = manifest.districts;
	const prefix = idPrefixOf(manifest);
	const ids = { ...DEFAULT_SOURCE_IDS, ...manifest.sourceIds };
	const { districts, shapes } = buildDistricts(sources);
	const towns = buildTowns(sources, spec, shapes);
	const shelters = buildShelterPlaces(sources, prefix, ids.shelters);
	const places = [
		...shelters,
		...addWelfareShelterRows(sources, shelters, prefix, ids.welfareShelters),
		...buildCouncilPlaces(sources, towns, prefix, ids.supportCouncils),
		...buildWelfarePlaces(sources, ids.welfareFacilities)
	];
	const { locate, source } = locator(spec, shapes, towns, manifest.municipality);
	for (const place of places) {
		if (place.districtSource === 'area-text') continue; // councils: from their area's towns
		if (place.point || place.address) setDistrict(place, locate, source);
	}
	const boundary = sources.boundary.features.flatMap((f) => polygonsOf(f.geometry));
	const bbox = sources.boundary.bbox ?? sources.schoolDistricts?.bbox;
	if (!bbox || bbox.length < 4) throw new Error('pack boundary has no bbox');
	const [west, south, east, north] = bbox as [number, number, number, number];
	// Checked here, when the pack is built, so a wrong rule stops the start with its file and field.
	const grantRules = parseGrantRules(manifest.grantRules, `packs/${manifest.id}/pack.json`);
	return {
		pack: {
			id: manifest.id,
			municipality: manifest.municipality,
			municipalityCode: manifest.municipalityCode,
			bbox: [west, south, east, north],
			center: { lng: (west + east) / 2, lat: (south + north) / 2 },
			districtsFrom: spec.from,
			districtLevel: spec.from === 'none' ? null : spec.level,
			districts,
			towns,
			places,
			attributions: manifest.attributions,
			...(grantRules ? { grantRules } : {})
		},
		geometry: { packId: manifest.id, boundary, districts: shapes }
	};
}

/** Attribution ids of generated places, unless pack.json `sourceIds` says otherwise. */
const DEFAULT_SOURCE_IDS = {
	shelters: 'gsi-shelters',
	supportCouncils: 'city-support-councils',
	welfareFacilities: 'city-welfare-plan',
	welfareShelters: 'city-welfare-shelters'
};
