/**
 * The resident's search as URL parameters, so a filtered list can be shared, bookmarked and
 * reloaded: `?c=shelter,salon&d=fuji&q=センター&town=脚折町一丁目&view=map`.
 * Parsing rejects what it does not understand with a reason code instead of guessing.
 */
import { isCategoryId } from './categories';
import type { CategoryId, District, Town } from './model';
import { WHEN_FILTERS, type WhenFilter } from './schedule-days';

export const MAX_QUERY_LENGTH = 100;
export const VIEWS = ['list', 'map'] as const;
export type FindView = (typeof VIEWS)[number];

export interface FindParams {
	categories: CategoryId[];
	districtId: string | null;
	text: string;
	town: string | null;
	/** 今日 / 今週: only places meeting then by their rule (see schedule.whenWindow). */
	when: WhenFilter | null;
	view: FindView;
}

export const DEFAULT_FIND_PARAMS: FindParams = {
	categories: [],
	districtId: null,
	text: '',
	town: null,
	when: null,
	view: 'list'
};

export type FindParamsError =
	| 'unknown_category'
	| 'unknown_district'
	| 'unknown_town'
	| 'query_too_long'
	| 'unknown_when'
	| 'unknown_view';

export type ParseResult<T, E> = { ok: true; value: T } | { ok: false; reason: E; details: string };

export function parseFindParams(
	params: URLSearchParams,
	known: { districts: readonly District[]; towns: readonly Town[] }
): ParseResult<FindParams, FindParamsError> {
	const categories: CategoryId[] = [];
	for (const raw of (params.get('c') ?? '').split(',').filter(Boolean)) {
		if (!isCategoryId(raw)) return { ok: false, reason: 'unknown_category', details: raw };
		if (!categories.includes(raw)) categories.push(raw);
	}
	const districtId = params.get('d') || null;
	if (districtId && !known.districts.some((d) => d.id === districtId)) {
		return { ok: false, reason: 'unknown_district', details: districtId };
	}
	const text = (params.get('q') ?? '').trim();
	if (text.length > MAX_QUERY_LENGTH) {
		return { ok: false, reason: 'query_too_long', details: `max ${MAX_QUERY_LENGTH}` };
	}
	const town = params.get('town') || null;
	if (town && !known.towns.some((t) => t.name === town)) {
		return { ok: false, reason: 'unknown_town', details: town };
	}
	const when = params.get('when') || null;
	if (when && !(WHEN_FILTERS as readonly string[]).includes(when)) {
		return { ok: false, reason: 'unknown_when', details: when };
	}
	const view = params.get('view') || 'list';
	if (!(VIEWS as readonly string[]).includes(view)) {
		return { ok: false, reason: 'unknown_view', details: view };
	}
	return {
		ok: true,
		value: {
			categories,
			districtId,
			text,
			town,
			when: when as WhenFilter | null,
			view: view as FindView
		}
	};
}

/** The canonical query string for a search; defaults are left out so URLs stay short. */
export function findParamsToSearch(p: FindParams): string {
	const s = new URLSearchParams();
	if (p.categories.length) s.set('c', p.categories.join(','));
	if (p.districtId) s.set('d', p.districtId);
	if (p.text) s.set('q', p.text);
	if (p.town) s.set('town', p.town);
	if (p.when) s.set('when', p.when);
	if (p.view !== 'list') s.set('view', p.view);
	const q = s.toString();
	return q ? `?${q}` : '';
}
