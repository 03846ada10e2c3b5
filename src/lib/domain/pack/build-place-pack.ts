/**
 * Turns a municipality's open-data files into the app's place pack. Pure and deterministic:
 * the same files give the same ids, so a re-seeded server and a cached client agree.
 *
 * Rules taken from the data's own caveats (packs/<id>/source/SOURCES.md):
 * - one place per shelter *site* (GSI lists a site once per designation; `site_key` joins them),
 *   preferring the 指定避難所 point, with both designations and the hazard list as attributes;
 * - community centres are shelter sites too: the same place, also in the public-facility category;
 * - districts are derived by point-in-polygon against the KSJ polygons, not copied from
 *   the source's `_at_point` attributes, so the rule is ours and tested;
 * - 地域支え合い協議会 have no published location: no point, districts inferred from the town
 *   names in their published area text, marked as such;
 * - welfare facilities with disaster agreements have no public coordinates: listed, unlocated.
 */
import { parseCsvRecords } from '../csv';
import { parseGrantRules } from '../paperwork/grant-rules';
import { anyPolygonContains } from '../geo';
import {
	HAZARD_IDS,
	type District,
	type DistrictShape,
	type HazardId,
	type LngLat,
	type PackGeometry,
	type Place,
	type PlacePack,
	type Town
} from '../model';
import { foldForSearch } from '../text-fold';
import { polygonsOf, type PackSources, type PointGeometry } from './sources';

const pointOf = (g: PointGeometry): LngLat => ({ lng: g.coordinates[0], lat: g.coordinates[1] });

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

export function buildDistricts(sources: PackSources): {
	districts: District[];
	shapes: DistrictShape[];
} {
	const districts: District[] = [];
	const shapes: DistrictShape[] = [];
	for (const f of sources.schoolDistricts.features) {
		const id = sources.manifest.districtIdsBySchool[f.properties.school_name];
		if (!id) throw new Error(`pack manifest has no district id for ${f.properties.school_name}`);
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

function buildShelterPlaces(sources: PackSources, shapes: DistrictShape[]): Place[] {
	const centres = new Map(sources.communityCentres.features.map((f) => [f.properties.site_key, f]));
	const bySite = new Map<string, Place>();
	for (const f of sources.shelters.features) {
		const { site_key: siteKey, category } = f.properties;
		let place = bySite.get(siteKey);
		if (!place) {
			place = basePlace(`shelter-${siteKey}`, f.properties.name);
			place.address = f.properties.address;
			place.shelter = { evacuationShelter: false, emergencySite: false, hazards: [] };
			place.sourceId = 'gsi-shelters';
			bySite.set(siteKey, place);
		}
		const designation = place.shelter!;
		if (category === '指定避難所') {
			designation.evacuationShelter = true;
			place.point = pointOf(f.geometry); // the shelter building's point wins over the open space
		} else {
			designation.emergencySite = true;
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
		const districtId = place.point ? districtAt(shapes, place.point) : null;
		place.districtIds = districtId ? [districtId] : [];
		place.districtSource = districtId ? 'point' : 'unknown';
	}
	return [...bySite.values()];
}

function buildTowns(sources: PackSources, shapes: DistrictShape[]): Town[] {
	return sources.towns.features.map((f) => {
		const point = pointOf(f.geometry);
		return {
			name: f.properties.town.replace(/^大字/, ''),
			point,
			districtId: districtAt(shapes, point)
		};
	});
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

function buildCouncilPlaces(sources: PackSources, towns: Town[]): Place[] {
	return parseCsvRecords(sources.supportCouncilsCsv).map((row, i) => {
		const place = basePlace(`council-${i + 1}`, row.name!);
		place.categories = ['support-council'];
		place.areaText = row.target_area_as_published || null;
		place.districtIds = place.areaText ? districtsFromAreaText(place.areaText, towns) : [];
		place.districtSource = place.districtIds.length > 0 ? 'area-text' : 'unknown';
		place.established = row.established?.trim() || null;
		place.notes = [row.note ?? ''].filter((n) => n.trim().length > 0);
		place.audience = ['anyone'];
		place.sourceId = 'city-support-councils';
		return place;
	});
}

function buildWelfarePlaces(sources: PackSources): Place[] {
	return sources.manifest.welfareShelters.facilities.map((f) => {
		const place = basePlace(f.id, f.name);
		place.categories = ['welfare-shelter'];
		place.notes = [f.operator];
		place.sourceId = 'city-welfare-plan';
		return place;
	});
}

export function buildPlacePack(sources: PackSources): { pack: PlacePack; geometry: PackGeometry } {
	const { districts, shapes } = buildDistricts(sources);
	const towns = buildTowns(sources, shapes);
	const places = [
		...buildShelterPlaces(sources, shapes),
		...buildCouncilPlaces(sources, towns),
		...buildWelfarePlaces(sources)
	];
	const boundary = sources.boundary.features.flatMap((f) => polygonsOf(f.geometry));
	const bbox = sources.boundary.bbox ?? sources.schoolDistricts.bbox;
	if (!bbox || bbox.length < 4) throw new Error('pack boundary has no bbox');
	const [west, south, east, north] = bbox as [number, number, number, number];
	const { manifest } = sources;
	// Checked here, when the pack is built, so a wrong rule stops the start with its file and field.
	const grantRules = parseGrantRules(manifest.grantRules, `packs/${manifest.id}/pack.json`);
	return {
		pack: {
			id: manifest.id,
			municipality: manifest.municipality,
			municipalityCode: manifest.municipalityCode,
			bbox: [west, south, east, north],
			center: { lng: (west + east) / 2, lat: (south + north) / 2 },
			districts,
			towns,
			places,
			attributions: manifest.attributions,
			...(grantRules ? { grantRules } : {})
		},
		geometry: { packId: manifest.id, boundary, districts: shapes }
	};
}
