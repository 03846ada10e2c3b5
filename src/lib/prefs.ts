/**
 * Display preferences (language, large text) kept in one cookie so the server renders the
 * first paint right, and readable in the browser with no request so it works offline.
 */
import { isLang, type Lang } from './i18n/messages';

export interface Prefs {
	lang: Lang;
	largeText: boolean;
}

export const PREFS_COOKIE = 'ibasho_prefs';
export const DEFAULT_PREFS: Prefs = { lang: 'ja', largeText: false };

/** Cookie value like `ja.1`: language, then 1 when large text is on. */
export function parsePrefs(value: string | undefined | null): Prefs {
	if (!value) return DEFAULT_PREFS;
	const [lang, large] = value.split('.');
	return { lang: isLang(lang) ? lang : 'ja', largeText: large === '1' };
}

export function serializePrefs(p: Prefs): string {
	return `${p.lang}.${p.largeText ? '1' : '0'}`;
}

export function readCookie(cookieHeader: string, name: string): string | null {
	for (const part of cookieHeader.split(';')) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return decodeURIComponent(v.join('='));
	}
	return null;
}
