/**
 * The cities one server holds, as the browser needs them: which is the default (shown at `/`),
 * and the names for the city chooser. Sent with each pack (`config.cities`) so a device keeps
 * them offline. Framework-free: used by pages, the loader and the server alike.
 */
import type { PlacePack } from './domain/model';

export interface CityChoice {
	id: string;
	/** The municipality as its pack names it (鶴ヶ島市). */
	name: string;
	/** Its English name when the pack gives one (`municipalityEn`). */
	nameEn?: string;
}

export interface CityList {
	defaultCity: string;
	cities: CityChoice[];
}

/**
 * Where a city's resident pages live: the default city at the root (its URLs are the ones it
 * always had), every other city under `/c/<id>`. `/places/<id>` is the same for all cities.
 */
export function cityBase(city: string, list: CityList | undefined): string {
	return !list || city === list.defaultCity ? '' : `/c/${encodeURIComponent(city)}`;
}

/**
 * `path` (starting with `/`) in the city's URL space: `/districts` → `/c/tokorozawa/districts`,
 * `/?d=x` → `/c/tokorozawa?d=x` (no trailing slash: SvelteKit's canonical form).
 */
export function cityHref(city: string, list: CityList | undefined, path: string): string {
	const base = cityBase(city, list);
	return base && (path === '/' || path.startsWith('/?'))
		? `${base}${path.slice(1)}`
		: `${base}${path}`;
}

/** The API query naming the city, empty for the default one (its URLs, and caches, as before). */
export function cityQuery(city: string | null | undefined, list: CityList | undefined): string {
	return city && (!list || city !== list.defaultCity) ? `?city=${encodeURIComponent(city)}` : '';
}

/** The city's name in the page's language: the pack's English name, else its own. */
export function cityName(
	pack: Pick<PlacePack, 'municipality' | 'municipalityEn'>,
	lang: 'ja' | 'en'
): string {
	return lang === 'en' && pack.municipalityEn ? pack.municipalityEn : pack.municipality;
}
