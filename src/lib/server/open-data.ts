/**
 * Public places as open data: GeoJSON (RFC 7946) and CSV for Excel. `category` is a place's
 * primary category and `categories` all of them (a community centre is a public facility and
 * a shelter). A shelter site's designations are columns of their own: whether it is a
 * 指定避難所 (a place to stay) and/or a 指定緊急避難場所 (a place to flee to), and the hazards
 * the latter is designated for. Both are empty for places that are not shelter sites.
 * What an organizer entered for visitors follows: `fee`, `audience`, `accessibility`, `contact`
 * (present only when its owner consented: the Place view already drops it otherwise) and
 * `status` (`active`, or `paused` for 休止中; closed places are never published).
 */
import { toCsv } from '#lib/domain/csv.js';
import type { Place, PlacePack } from '#lib/domain/model.js';

/**
 * `origin` is the deployer's ORIGIN (request-origin.ts `publicOrigin`), never a request's Host:
 * without it each `url` is root-relative (`/places/<id>`), resolved against where the file came from.
 */
export function placesToGeoJson(pack: PlacePack, places: readonly Place[], origin: string | null) {
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
				fee: p.fee ?? null,
				audience: p.audience,
				accessibility: p.accessibility,
				contact: p.contact,
				status: p.status,
				evacuation_shelter: p.shelter?.evacuationShelter ?? null,
				emergency_site: p.shelter?.emergencySite ?? null,
				hazards: p.shelter?.hazards ?? null,
				origin: p.origin,
				source: p.sourceId,
				url: `${origin ?? ''}/places/${encodeURIComponent(p.id)}`
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
	'fee',
	'audience',
	'accessibility',
	'contact',
	'status',
	'evacuation_shelter',
	'emergency_site',
	'hazards',
	'lat',
	'lng',
	'origin',
	'source'
] as const;

/** true/false for a shelter site, empty for any other place (not "no": it does not apply). */
const flag = (value: boolean | undefined): string | null =>
	value === undefined ? null : String(value);

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
			p.fee ?? null,
			p.audience.join(' '),
			p.accessibility.join(' '),
			p.contact,
			p.status,
			flag(p.shelter?.evacuationShelter),
			flag(p.shelter?.emergencySite),
			p.shelter ? p.shelter.hazards.join(' ') : null,
			p.point?.lat ?? null,
			p.point?.lng ?? null,
			p.origin,
			p.sourceId
		])
	]);
}
