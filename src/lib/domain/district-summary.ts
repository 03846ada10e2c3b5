/** What a district page and its printed handout show: its places grouped by category, counted. */
import { CATEGORIES } from './categories';
import type { CategoryId, Place } from './model';

export interface CategoryGroup {
	category: CategoryId;
	places: Place[];
}

/**
 * Groups by primary category in the residents' category order. A place counts once, under its
 * primary category, so the counts add up to the number of places.
 */
export function groupDistrictPlaces(places: readonly Place[], districtId: string): CategoryGroup[] {
	const mine = places.filter((p) => p.districtIds.includes(districtId));
	return CATEGORIES.map((c) => ({
		category: c.id,
		places: mine.filter((p) => (p.categories[0] ?? 'gathering') === c.id)
	})).filter((g) => g.places.length > 0);
}
