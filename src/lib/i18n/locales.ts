/**
 * The locales a resident can choose: one line each. A locale is a catalog of the resident
 * strings written for some readers, over a base language (`Lang`, ja or en) that everything
 * else follows: the data's own names, dates and numbers, the `<html lang>`, the calendars, and
 * every key the locale's catalog leaves out (the work screens, for instance).
 *
 * Adding a locale: write its catalog (like resident-ja-easy.ts) and add its line here. Its
 * catalog loads with `loadCatalog` for the readers who chose it only (a dynamic import, so no
 * one else's start-up carries it). `aliases` are what `?lang=` also accepts.
 *
 * Codes are BCP 47: `ja-x-easy` is Japanese with a private-use subtag (there is no registered
 * tag for やさしい日本語); `<html lang>` says `ja`, the base, which screen readers know.
 */
/** The base languages: dates, the data's names and `<html lang>` follow one of these. */
export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface LocaleInfo {
	readonly base: Lang;
	/** The locale's name in itself (the settings list shows each in its own words). */
	readonly name: string;
	readonly aliases: readonly string[];
	/** Resident strings beyond the base's; none for the base catalog that is always loaded. */
	readonly catalog?: () => Promise<Readonly<Record<string, string>>>;
}

export const LOCALES = {
	ja: { base: 'ja', name: '日本語', aliases: ['ja-JP'] },
	en: {
		base: 'en',
		name: 'English',
		aliases: ['en-GB', 'en-US'],
		catalog: () => import('./resident-en').then((m) => m.residentEn)
	},
	'ja-x-easy': {
		base: 'ja',
		name: 'やさしい日本語',
		aliases: ['easy', 'ja-easy'],
		catalog: () => import('./resident-ja-easy').then((m) => m.residentJaEasy)
	}
} as const satisfies Record<string, LocaleInfo>;

export type Locale = keyof typeof LOCALES;
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

export const isLocale = (v: unknown): v is Locale =>
	typeof v === 'string' && Object.hasOwn(LOCALES, v);

export const baseLang = (locale: Locale): Lang => LOCALES[locale].base;

/** A locale from `?lang=` (its code or an alias, any case), or null for anything else. */
export function localeFromQuery(value: string | null | undefined): Locale | null {
	if (!value) return null;
	const wanted = value.trim().toLowerCase();
	for (const code of LOCALE_CODES) {
		const info: LocaleInfo = LOCALES[code];
		if (code.toLowerCase() === wanted || info.aliases.some((a) => a.toLowerCase() === wanted))
			return code;
	}
	return null;
}
