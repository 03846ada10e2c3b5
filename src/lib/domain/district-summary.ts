/** What a district page and its printed handout show: its places grouped by category, counted. */
import { CATEGORIES, categoriesOf } from './categories';
import type { CategoryId, Place } from './model';

export interface CategoryGroup {
	category: CategoryId;
	places: Place[];
}

/**
 * Groups in the residents' category order. A place is listed and counted under every category
 * it has: a community centre that is a designated shelter is one of the district's shelters
 * as well as a public facility, and "how many shelters are in my district?" must count it.
 * So the counts may add up to more than the number of places.
 */
export function groupDistrictPlaces(places: readonly Place[], districtId: string): CategoryGroup[] {
	const mine = places.filter((p) => p.districtIds.includes(districtId));
	return CATEGORIES.map((c) => ({
		category: c.id,
		places: mine.filter((p) => categoriesOf(p).includes(c.id))
	})).filter((g) => g.places.length > 0);
}

export interface HandoutRow {
	/** Running number, the same as on the handout's sketch map. */
	n: number;
	/** The group the place is listed under: the first of its categories in the residents' order. */
	category: CategoryId;
	place: Place;
}

/** The handout lists each place once (one number per point on its map), in group order. */
export function handoutRows(groups: readonly CategoryGroup[]): HandoutRow[] {
	const seen = new Set<string>();
	const rows: HandoutRow[] = [];
	for (const g of groups) {
		for (const place of g.places) {
			if (seen.has(place.id)) continue;
			seen.add(place.id);
			rows.push({ n: rows.length + 1, category: g.category, place });
		}
	}
	return rows;
}
