/**
 * Display preferences (language, large text) kept in one cookie so the server renders the
 * first paint right, and readable in the browser with no request so it works offline.
 */
import type { Lang } from './i18n/messages';
import { baseLang, isLocale, localeFromQuery, type Locale } from './i18n/locales';

export interface Prefs {
	/** The catalog the reader chose (locales.ts). */
	locale: Locale;
	/** Its base language: the data's names, dates, `<html lang>`, calendars. */
	lang: Lang;
	largeText: boolean;
}

export const PREFS_COOKIE = 'ibasho_prefs';
export const DEFAULT_PREFS: Prefs = { locale: 'ja', lang: 'ja', largeText: false };

export const prefsOf = (locale: Locale, largeText: boolean): Prefs => ({
	locale,
	lang: baseLang(locale),
	largeText
});

/** Cookie value like `ja.1` or `ja-x-easy.0`: the locale, then 1 when large text is on. */
export function parsePrefs(value: string | undefined | null): Prefs {
	if (!value) return DEFAULT_PREFS;
	const [locale, large] = value.split('.');
	return prefsOf(isLocale(locale) ? locale : 'ja', large === '1');
}

/** `?lang=easy` (any code or alias in locales.ts) chooses the locale, as the settings do. */
export function prefsWithQuery(prefs: Prefs, url: URL): Prefs {
	const locale = localeFromQuery(url.searchParams.get('lang'));
	return locale ? prefsOf(locale, prefs.largeText) : prefs;
}

export function serializePrefs(p: Pick<Prefs, 'locale' | 'largeText'>): string {
	return `${p.locale}.${p.largeText ? '1' : '0'}`;
}

export function readCookie(cookieHeader: string, name: string): string | null {
	for (const part of cookieHeader.split(';')) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return decodeURIComponent(v.join('='));
	}
	return null;
}
