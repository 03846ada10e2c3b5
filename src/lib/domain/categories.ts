/**
 * Place categories, in the order residents see them. Colours are chosen for ≥ 3:1 contrast
 * against the light map background and are never the only cue (every marker has a glyph too).
 */
import type { CategoryId } from './model';

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

const byId = new Map(CATEGORIES.map((c) => [c.id, c]));

export function categoryStyle(id: CategoryId): CategoryStyle {
	return byId.get(id) ?? CATEGORIES[0]!;
}

export function isCategoryId(value: string): value is CategoryId {
	return byId.has(value as CategoryId);
}
