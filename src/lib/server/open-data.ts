/** Public places as open data: GeoJSON (RFC 7946) and CSV for Excel. */
import { toCsv } from '$lib/domain/csv';
import type { Place, PlacePack } from '$lib/domain/model';

export function placesToGeoJson(pack: PlacePack, places: readonly Place[], origin: string) {
	const districtNames = new Map(pack.districts.map((d) => [d.id, d.name]));
	return {
		type: 'FeatureCollection' as const,
		features: places.map((p) => ({
			type: 'Feature' as const,
			id: p.id,
			// RFC 7946 §3.2: an unlocated feature has a null geometry (councils, welfare facilities).
			geometry: p.point
				? { type: 'Point' as const, coordinates: [p.point.lng, p.point.lat] }
				: null,
			properties: {
				id: p.id,
				name: p.name,
				category: p.categories[0] ?? null,
				categories: p.categories,
				district: p.districtIds[0] ?? null,
				districts: p.districtIds,
				district_name: p.districtIds.map((id) => districtNames.get(id) ?? id).join('・') || null,
				address: p.address,
				area: p.areaText,
				schedule: p.scheduleText,
				evacuation_shelter: p.shelter?.evacuationShelter ?? null,
				emergency_site: p.shelter?.emergencySite ?? null,
				hazards: p.shelter?.hazards ?? null,
				origin: p.origin,
				source: p.sourceId,
				url: `${origin}/places/${encodeURIComponent(p.id)}`
			}
		}))
	};
}

export const CSV_COLUMNS = [
	'id',
	'name',
	'category',
	'categories',
	'district',
	'district_name',
	'address',
	'area',
	'schedule',
	'lat',
	'lng',
	'origin',
	'source'
] as const;

export function placesToCsv(pack: PlacePack, places: readonly Place[]): string {
	const districtNames = new Map(pack.districts.map((d) => [d.id, d.name]));
	return toCsv([
		[...CSV_COLUMNS],
		...places.map((p) => [
			p.id,
			p.name,
			p.categories[0] ?? '',
			p.categories.join(' '),
			p.districtIds.join(' '),
			p.districtIds.map((id) => districtNames.get(id) ?? id).join('・'),
			p.address,
			p.areaText,
			p.scheduleText,
			p.point?.lat ?? null,
			p.point?.lng ?? null,
			p.origin,
			p.sourceId
		])
	]);
}
