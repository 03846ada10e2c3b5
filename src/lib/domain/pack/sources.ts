/** The raw source files a municipality's place pack is built from, as parsed JSON/text. */
import type { DistrictLevel, PolygonCoords } from '../model';

export interface GeoFeature<P, G> {
	type: 'Feature';
	properties: P;
	geometry: G;
}
export interface FeatureCollection<P, G> {
	type: 'FeatureCollection';
	bbox?: number[];
	features: GeoFeature<P, G>[];
}
export type PointGeometry = { type: 'Point'; coordinates: [number, number] };
export type AreaGeometry =
	| { type: 'Polygon'; coordinates: PolygonCoords }
	| { type: 'MultiPolygon'; coordinates: PolygonCoords[] };

export interface SchoolDistrictProps {
	school_name: string;
	school_full_name: string;
	school_address: string;
	area_km2_approx: number;
}
export interface ShelterProps {
	name: string;
	address: string;
	category: '指定避難所' | '指定緊急避難場所';
	site_key: string;
	hazards: string[] | null;
	受入対象者?: string | null;
}
export interface CommunityCentreProps {
	name: string;
	site_key: string;
	facility_kind: string;
}
export interface TownProps {
	town: string;
	lat: number;
	lng: number;
}

export interface WelfareFacilityEntry {
	id: string;
	operator: string;
	name: string;
}

/**
 * How a city's districts are defined (pack.json `districts`), by what it may publish:
 * - `school-polygons`: school-district polygons (KSJ A27/A32) where their licence allows,
 *   named by `districtIdsBySchool`; a place's district is the polygon its point lies in;
 * - `town-list`: each district is a list of 町丁目/大字 (the form city regulations use); a
 *   place's district is the one listing its town (from its address, or the town picked);
 * - `none`: the city has no districts; everything works city-wide.
 * `level` is the name people see (小学校区, 中学校区, 地区…): it comes from here, never from code.
 */
export type DistrictsSpec =
	| { level: DistrictLevel; from: 'school-polygons' }
	| { level: DistrictLevel; from: 'town-list'; districts: TownListDistrict[] }
	| { level?: DistrictLevel; from: 'none' };

export interface TownListDistrict {
	id: string;
	name: string;
	/** Town names as the towns source writes them (大字 may be written or left out). */
	towns: string[];
}

export interface PackManifest {
	id: string;
	municipality: string;
	municipalityCode: string;
	/**
	 * Prefix of the ids the builder generates (shelter sites, councils, welfare rows). Absent:
	 * `<id>-`, so two cities' ids never collide. Tsurugashima, the first city, keeps its
	 * unprefixed ids (`""`): stored data and URLs depend on them.
	 */
	idPrefix?: string;
	/** Files by PackSources field name, relative to the pack directory (read by the loader). */
	sources?: Partial<Record<Exclude<keyof PackSources, 'manifest'>, string>>;
	districts: DistrictsSpec;
	/** `school-polygons` only: district id by the polygon's school name. */
	districtIdsBySchool?: Record<string, string>;
	welfareShelters?: { source: string; note: string; facilities: WelfareFacilityEntry[] };
	attributions: { id: string; credit: string; licence: string; url: string | null }[];
	/**
	 * Attribution ids of the builder's generated places, where a pack's differ from the
	 * defaults (`gsi-shelters`, `city-support-councils`, `city-welfare-plan`, `city-welfare-shelters`).
	 */
	sourceIds?: Partial<
		Record<'shelters' | 'supportCouncils' | 'welfareFacilities' | 'welfareShelters', string>
	>;
	/**
	 * The column (CSV) or property (GeoJSON) holding each place source's reading of the name,
	 * where the source has one (自治体標準オープンデータセット: 名称_カナ), e.g.
	 * `{ "shelters": "名称_カナ" }`. Search folds it like an organizer's ふりがな.
	 */
	readings?: Partial<Record<ReadingSource, string>>;
	/** The 社協's grant thresholds, only where published (paperwork/grant-rules.ts checks them). */
	grantRules?: unknown;
}

/** The sources that become places, so may name a reading column (PackManifest.readings). */
export const READING_SOURCES = ['shelters', 'supportCouncilsCsv', 'welfareSheltersCsv'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

/** One row of a city's welfare-shelter list (福祉避難所), as tokorozawa-welfare-shelters.csv. */
export interface WelfareShelterRow {
	name: string;
	category: string;
	address_as_published?: string;
	lat?: string;
	lon?: string;
	gsi_common_id?: string;
}

/** Everything but the manifest and the boundary may be absent for a city. */
export interface PackSources {
	manifest: PackManifest;
	boundary: FeatureCollection<unknown, AreaGeometry>;
	schoolDistricts?: FeatureCollection<SchoolDistrictProps, AreaGeometry>;
	shelters?: FeatureCollection<ShelterProps, PointGeometry>;
	communityCentres?: FeatureCollection<CommunityCentreProps, PointGeometry>;
	towns?: FeatureCollection<TownProps, PointGeometry>;
	supportCouncilsCsv?: string;
	/** A city's 福祉避難所 list: columns name, category, address_as_published, lat, lon, gsi_common_id. */
	welfareSheltersCsv?: string;
}

export function polygonsOf(geometry: AreaGeometry): PolygonCoords[] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
