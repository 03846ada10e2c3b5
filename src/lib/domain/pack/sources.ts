/** The raw source files a municipality's place pack is built from, as parsed JSON/text. */
import type { PolygonCoords } from '../model';

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

export interface PackManifest {
	id: string;
	municipality: string;
	municipalityCode: string;
	districtIdsBySchool: Record<string, string>;
	welfareShelters: { source: string; note: string; facilities: WelfareFacilityEntry[] };
	attributions: { id: string; credit: string; licence: string; url: string | null }[];
	/** The 社協's grant thresholds, only where published (paperwork/grant-rules.ts checks them). */
	grantRules?: unknown;
}

export interface PackSources {
	manifest: PackManifest;
	schoolDistricts: FeatureCollection<SchoolDistrictProps, AreaGeometry>;
	boundary: FeatureCollection<unknown, AreaGeometry>;
	shelters: FeatureCollection<ShelterProps, PointGeometry>;
	communityCentres: FeatureCollection<CommunityCentreProps, PointGeometry>;
	towns: FeatureCollection<TownProps, PointGeometry>;
	supportCouncilsCsv: string;
}

export function polygonsOf(geometry: AreaGeometry): PolygonCoords[] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
