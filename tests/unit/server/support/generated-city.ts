/**
 * A second city for tests of several cities on one server: a small GENERATED pack (no real
 * municipality, place or boundary — a square and two half-squares, labelled generated), built
 * by the same builder as Tsurugashima's from source files of the same shapes. Its ids start
 * with its city id, as every pack's but Tsurugashima's do (CITIES.md).
 */
import { buildPlacePack } from '#lib/domain/pack/build-place-pack.js';
import type { AreaGeometry, PackSources } from '#lib/domain/pack/sources.js';
import type { LoadedPack } from '#lib/server/app-context.js';

export const GENERATED_CITY = 'generated-city';
export const GENERATED_DISTRICTS = ['generated-city-north', 'generated-city-south'] as const;

/** Generated square, far from Tsurugashima: [west, south, east, north]. */
const [W, S, E, N] = [140.0, 36.0, 140.02, 36.02];
const MID = (S + N) / 2;
const square = (south: number, north: number): AreaGeometry => ({
	type: 'Polygon',
	coordinates: [
		[
			[W, south],
			[E, south],
			[E, north],
			[W, north],
			[W, south]
		]
	]
});

/** A point inside the generated city's northern district. */
export const GENERATED_POINT = { lng: (W + E) / 2, lat: (MID + N) / 2 };

export function generatedCitySources(): PackSources {
	const district = (name: string, geometry: AreaGeometry) => ({
		type: 'Feature' as const,
		properties: {
			school_name: name,
			school_full_name: `${name}（生成）`,
			school_address: '（生成データ）',
			area_km2_approx: 1
		},
		geometry
	});
	return {
		manifest: {
			id: GENERATED_CITY,
			municipality: '生成市（テスト用）',
			municipalityCode: '00000',
			districts: {
				level: { ja: '小学校区', en: 'Elementary school district' },
				from: 'school-polygons'
			},
			districtIdsBySchool: { 北小学校: GENERATED_DISTRICTS[0], 南小学校: GENERATED_DISTRICTS[1] },
			welfareShelters: { source: 'generated', note: 'generated', facilities: [] },
			attributions: []
		},
		schoolDistricts: {
			type: 'FeatureCollection',
			bbox: [W, S, E, N],
			features: [district('北小学校', square(MID, N)), district('南小学校', square(S, MID))]
		},
		boundary: {
			type: 'FeatureCollection',
			bbox: [W, S, E, N],
			features: [{ type: 'Feature', properties: {}, geometry: square(S, N) }]
		},
		shelters: { type: 'FeatureCollection', features: [] },
		communityCentres: { type: 'FeatureCollection', features: [] },
		towns: { type: 'FeatureCollection', features: [] },
		supportCouncilsCsv: 'name,target_area_as_published,established,note'
	};
}

export const generatedCityPack = (): LoadedPack => buildPlacePack(generatedCitySources());
