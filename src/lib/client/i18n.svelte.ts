/**
 * Language and text size as rune state, handed down through context (never a module-level
 * singleton: the server renders many people's pages at once).
 */
import { getContext, setContext } from 'svelte';
import {
	isMessageKey,
	loadCatalog,
	rubyTranslator,
	translator,
	type Lang,
	type MessageKey,
	type RubyTranslate,
	type Translate
} from '#lib/i18n/messages.js';
import { baseLang, type Locale } from '#lib/i18n/locales.js';
import { PREFS_COOKIE, serializePrefs, type Prefs } from '#lib/prefs.js';

const KEY = Symbol('i18n');
const ONE_YEAR_S = 60 * 60 * 24 * 365;

export class I18n {
	/** The catalog the reader chose (locales.ts): ja, en or ja-x-easy. */
	locale = $state<Locale>('ja');
	/** Its base language, which the data's names, dates and `<html lang>` follow. */
	lang: Lang = $derived(baseLang(this.locale));
	largeText = $state(false);
	/** Plain text (readings left out): attributes, titles, scripts. */
	t: Translate = $derived(translator(this.locale));
	/** Text with its readings, for `<Ruby text={i18n.rt('…')} />` where a page shows text. */
	rt: RubyTranslate = $derived(rubyTranslator(this.locale));

	constructor(prefs: Prefs) {
		this.locale = prefs.locale;
		this.largeText = prefs.largeText;
	}

	/** Switches once the locale's catalog is loaded (from the service worker's cache offline). */
	async setLocale(locale: Locale) {
		await loadCatalog(locale);
		this.locale = locale;
		this.persist();
	}

	setLargeText(on: boolean) {
		this.largeText = on;
		this.persist();
	}

	/** Message keys that arrive as data (error pages): unknown ones fall back. */
	tk(key: string | undefined, fallback: MessageKey): string {
		return this.t(key && isMessageKey(key) ? key : fallback);
	}

	private persist() {
		if (typeof document === 'undefined') return;
		const value = serializePrefs({ locale: this.locale, largeText: this.largeText });
		document.cookie = `${PREFS_COOKIE}=${value}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
		document.documentElement.lang = this.lang;
		document.documentElement.classList.toggle('large-text', this.largeText);
	}
}

export function provideI18n(prefs: Prefs): I18n {
	return setContext(KEY, new I18n(prefs));
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}

/**
 * Work screens (and the sign-in) read standard Japanese or English whatever the resident locale:
 * やさしい日本語 is for residents' pages. Below this call, components get the base language.
 */
export function provideStandardI18n(): I18n {
	const outer = useI18n();
	if (outer.locale === outer.lang) return outer;
	return setContext(
		KEY,
		new I18n({ locale: outer.lang, lang: outer.lang, largeText: outer.largeText })
	);
}
