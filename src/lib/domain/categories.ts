/**
 * Place categories, in the order residents see them. Colours are chosen for ≥ 3:1 contrast
 * against the light map background and are never the only cue (every marker has a glyph too).
 */
import type { CategoryId, Place } from './model';

export interface CategoryStyle {
	id: CategoryId;
	/** Short glyph drawn inside markers so colour is never the only cue. */
	glyph: string;
	color: string;
}

export const CATEGORIES: readonly CategoryStyle[] = [
	{ id: 'salon', glyph: 'サ', color: '#b3261e' },
	{ id: 'kids-salon', glyph: '子', color: '#8a4b00' },
	{ id: 'gathering', glyph: '集', color: '#6a3d9a' },
	{ id: 'support-council', glyph: '協', color: '#00695c' },
	{ id: 'shelter', glyph: '避', color: '#0b57d0' },
	{ id: 'welfare-shelter', glyph: '福', color: '#9c27b0' },
	{ id: 'public-facility', glyph: '公', color: '#37474f' }
];

/**
 * Categories that only people put on the map: no open data lists them, an organizer registers
 * the place (the sync protocol's `place` fields accept exactly these and the internal
 * categories of model.ts, which residents never see; a test checks).
 */
export const ORGANIZER_CATEGORY_IDS = ['salon', 'kids-salon', 'gathering'] as const;

const byId = new Map(CATEGORIES.map((c) => [c.id, c]));

export function categoryStyle(id: CategoryId): CategoryStyle {
	return byId.get(id) ?? CATEGORIES[0]!;
}

export function isCategoryId(value: string): value is CategoryId {
	return byId.has(value as CategoryId);
}

/** A place's categories; one with none recorded counts as "other gathering place". */
export function categoriesOf(place: Pick<Place, 'categories'>): readonly CategoryId[] {
	return place.categories.length > 0 ? place.categories : ['gathering'];
}

/**
 * When none of the chosen categories has a single place (e.g. サロン, before any organizer has
 * registered one), the chosen categories: the list says so instead of "no match for your
 * filters", which would send the resident fiddling with filters that cannot help. Otherwise
 * (nothing chosen, or some chosen category has places) null.
 */
export function categoriesWithNoPlaces(
	places: readonly Pick<Place, 'categories'>[],
	chosen: readonly CategoryId[]
): CategoryId[] | null {
	if (chosen.length === 0) return null;
	// Stops at the first place of a chosen kind: usually among the first few.
	for (const p of places) if (categoriesOf(p).some((c) => chosen.includes(c))) return null;
	return [...chosen];
}
