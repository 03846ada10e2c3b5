/**
 * Filtering, search and "near me" ordering of places. Pure and allocation-light: it runs on
 * every keystroke over up to 150,000 places (the national count of gathering places), so the
 * folded search text is prepared once per place by `indexPlaces`.
 */
import { distanceMeters } from './geo';
import type { CategoryId, LngLat, Place } from './model';
import { containsAllTerms, foldForSearch, foldQueryTerms } from './text-fold';

export interface PlaceQuery {
	categories: CategoryId[];
	districtId: string | null;
	text: string;
	/** When set, results are ordered by distance from here; places with no point go last. */
	origin: LngLat | null;
}

export const EMPTY_QUERY: PlaceQuery = { categories: [], districtId: null, text: '', origin: null };

export interface IndexedPlace {
	place: Place;
	folded: string;
}

export interface PlaceHit {
	place: Place;
	/** Metres from the query origin; null when there is no origin or the place has no point. */
	distance: number | null;
}

export function indexPlace(place: Place, districtNames: ReadonlyMap<string, string>): IndexedPlace {
	const parts = [
		place.name,
		place.address ?? '',
		place.areaText ?? '',
		...place.districtIds.map((id) => districtNames.get(id) ?? ''),
		...place.notes
	];
	return { place, folded: foldForSearch(parts.join(' ')) };
}

export function indexPlaces(
	places: readonly Place[],
	districtNames: ReadonlyMap<string, string>
): IndexedPlace[] {
	return places.map((p) => indexPlace(p, districtNames));
}

export function runPlaceQuery(index: readonly IndexedPlace[], query: PlaceQuery): PlaceHit[] {
	const wanted = query.categories.length > 0 ? new Set(query.categories) : null;
	const terms = foldQueryTerms(query.text);
	const hits: PlaceHit[] = [];
	for (const entry of index) {
		const { place } = entry;
		if (wanted && !place.categories.some((c) => wanted.has(c))) continue;
		if (query.districtId && !place.districtIds.includes(query.districtId)) continue;
		if (terms.length > 0 && !containsAllTerms(entry.folded, terms)) continue;
		const distance = query.origin && place.point ? distanceMeters(query.origin, place.point) : null;
		hits.push({ place, distance });
	}
	if (query.origin) sortByDistance(hits);
	return hits;
}

/**
 * Nearest first; places with no known point keep their order after all located ones.
 * Located and unlocated are split first so the comparator is a plain subtraction: this runs
 * over tens of thousands of hits on a phone.
 */
export function sortByDistance(hits: PlaceHit[]): PlaceHit[] {
	const located: PlaceHit[] = [];
	const unlocated: PlaceHit[] = [];
	for (const hit of hits) (hit.distance === null ? unlocated : located).push(hit);
	located.sort((a, b) => (a.distance as number) - (b.distance as number));
	hits.length = 0;
	hits.push(...located, ...unlocated);
	return hits;
}

/** Counts per category among a district's places, for district pages and handouts. */
export function countByCategory(places: readonly Place[]): Map<CategoryId, number> {
	const counts = new Map<CategoryId, number>();
	for (const place of places) {
		for (const c of place.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
	}
	return counts;
}
