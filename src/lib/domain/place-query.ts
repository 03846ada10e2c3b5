/**
 * Filtering, search and "near me" ordering of places. Pure and allocation-light: it runs on
 * every keystroke over up to 150,000 places (the national count of gathering places), so the
 * folded search text is prepared once per place by `indexPlaces`.
 */
import { distanceMeters } from './geo';
import type { CategoryId, LngLat, Place } from './model';
import { meetsBetween } from './schedule-days';
import { containsAllTerms, foldForSearch, foldQueryTerms } from './text-fold';

export interface PlaceQuery {
	categories: CategoryId[];
	districtId: string | null;
	text: string;
	/** When set, results are ordered by distance from here; places with no point go last. */
	origin: LngLat | null;
	/**
	 * 今日 / 今週: only places meeting on some day of this window (inclusive, YYYY-MM-DD) by
	 * their rule, not paused and not on a date marked off. Computed from the pack on the device.
	 */
	meets?: { from: string; to: string } | null;
}

export const EMPTY_QUERY: PlaceQuery = { categories: [], districtId: null, text: '', origin: null };

/**
 * How many hits a near-me query puts in exact distance order: the list's first page. The rest
 * is ordered only when someone asks for more (`nearestFirst` again, from PlaceList).
 */
export const NEAREST_SORTED = 200;

export interface IndexedPlace {
	place: Place;
	folded: string;
}

export interface PlaceHit {
	place: Place;
	/** Metres from the query origin; null when there is no origin or the place has no point. */
	distance: number | null;
	/**
	 * The first of the place's categories the query asked for (what its marker shows: a
	 * community centre found by 避難所 is drawn as a shelter); absent without a category filter.
	 */
	category?: CategoryId | undefined;
}

export function indexPlace(place: Place, districtNames: ReadonlyMap<string, string>): IndexedPlace {
	const parts = [
		place.name,
		place.reading ?? '',
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
		let category: CategoryId | undefined;
		if (wanted) {
			category = place.categories.find((c) => wanted.has(c));
			if (!category) continue;
		}
		if (query.districtId && !place.districtIds.includes(query.districtId)) continue;
		if (terms.length > 0 && !containsAllTerms(entry.folded, terms)) continue;
		if (query.meets && !meetsBetween(place, query.meets.from, query.meets.to)) continue;
		const distance = query.origin && place.point ? distanceMeters(query.origin, place.point) : null;
		hits.push({ place, distance, category });
	}
	return query.origin ? nearestFirst(hits, NEAREST_SORTED) : hits;
}

/**
 * The first `count` hits exactly as `sortByDistance` (a stable sort) orders them, without
 * sorting the rest. The rest follows in input order, located before unlocated, none of it
 * nearer than the last sorted hit; so applying it again with a larger count to its own output
 * extends the sorted part ("show more"). Selecting is O(n) (quickselect on a typed array of the
 * distances), sorting O(count log count). Sorting all 35,000 hits of a search over 150,000
 * places on every keystroke took a median 35 ms, with garbage-collection spikes over 100 ms.
 */
export function nearestFirst(hits: readonly PlaceHit[], count: number): PlaceHit[] {
	const distances = new Float64Array(hits.length);
	let located = 0;
	for (const { distance } of hits) if (distance !== null) distances[located++] = distance;
	if (located <= count) return sortByDistance([...hits]);
	const cutoff = kthSmallest(distances.subarray(0, located), Math.max(count, 1) - 1);
	// A stable sort puts every hit nearer than the cutoff first, then the ones at exactly the
	// cutoff in input order: take as many of those as fill `count`.
	let atCutoff = count;
	for (let i = 0; i < located; i++) if (distances[i]! < cutoff) atCutoff -= 1;
	const first: PlaceHit[] = [];
	const rest: PlaceHit[] = [];
	const unlocated: PlaceHit[] = [];
	for (const hit of hits) {
		const { distance } = hit;
		if (distance === null) unlocated.push(hit);
		else if (distance < cutoff) first.push(hit);
		else if (distance === cutoff && atCutoff > 0) {
			first.push(hit);
			atCutoff -= 1;
		} else rest.push(hit);
	}
	first.sort((a, b) => (a.distance as number) - (b.distance as number));
	return first.concat(rest, unlocated);
}

/** The k-th smallest value (0-based) of `values`, which it reorders (Hoare's quickselect). */
function kthSmallest(values: Float64Array, k: number): number {
	let lo = 0;
	let hi = values.length - 1;
	while (lo < hi) {
		const a = values[lo]!;
		const b = values[(lo + hi) >>> 1]!;
		const c = values[hi]!;
		// Median of three: sorted or reversed input does not degrade to quadratic time.
		const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (values[i]! < pivot) i += 1;
			while (values[j]! > pivot) j -= 1;
			if (i <= j) {
				const swap = values[i]!;
				values[i] = values[j]!;
				values[j] = swap;
				i += 1;
				j -= 1;
			}
		}
		// [lo, j] ≤ pivot ≤ [i, hi]; anything strictly between equals the pivot.
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return values[k]!;
	}
	return values[k]!;
}

/**
 * Nearest first; places with no known point keep their order after all located ones.
 * Located and unlocated are split first so the comparator is a plain subtraction. The list
 * uses `nearestFirst`, which sorts only what it shows; this full sort is its reference.
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
