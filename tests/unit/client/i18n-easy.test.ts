import { describe, expect, it, vi } from 'vitest';
import { EASY_USES_STANDARD, residentJaEasy } from '#lib/i18n/resident-ja-easy.js';
import { localeFromQuery } from '#lib/i18n/locales.js';
import { parseRuby, plainText, rubyProblems } from '#lib/i18n/ruby-text.js';
import { parsePrefs, prefsWithQuery, serializePrefs } from '#lib/prefs.js';

const loadMessages = async () => {
	vi.resetModules();
	return import('#lib/i18n/messages.js');
};

describe('やさしい日本語 catalog (ja-x-easy)', () => {
	it('every string is well-formed notation and every kanji in it has a reading', () => {
		const problems = Object.entries(residentJaEasy).flatMap(([key, text]) =>
			rubyProblems(text, { everyKanjiRead: true }).map((p) => `${key}: ${p}`)
		);
		expect(problems).toEqual([]);
	});

	it('covers every resident key except the ones it deliberately leaves to standard Japanese', async () => {
		const { loadCatalog, loadResidentPages, translator } = await loadMessages();
		const { isResidentKey } = await import('#lib/i18n/resident-keys.js');
		await loadResidentPages();
		const easyKeys = Object.keys(residentJaEasy);
		// A key the resident catalog no longer has would be dead text nobody reviews.
		expect(easyKeys.filter((k) => !isResidentKey(k))).toEqual([]);
		expect(EASY_USES_STANDARD.filter((k) => easyKeys.includes(k))).toEqual([]);
		await loadCatalog('ja-x-easy');
		const easy = translator('ja-x-easy');
		const ja = translator('ja');
		// The deliberate fall-backs read the standard Japanese; nothing else does by accident.
		for (const key of EASY_USES_STANDARD)
			expect(easy(key, { level: 'L' })).toBe(ja(key, { level: 'L' }));
		expect(easy('find.title')).toBe('集まる場所と避難所をさがす');
		expect(easy('find.title')).not.toBe(ja('find.title'));
	});

	it('the standard catalogs carry no reading notation (their text is never read as markup)', async () => {
		const { loadCatalog, loadResidentPages, translator } = await loadMessages();
		const { isResidentKey } = await import('#lib/i18n/resident-keys.js');
		await loadResidentPages();
		await loadCatalog('en');
		const keys = Object.keys(residentJaEasy).filter(isResidentKey);
		for (const lang of ['ja', 'en'] as const) {
			const t = translator(lang);
			expect(keys.filter((k) => /[｜《》]/u.test(t(k)))).toEqual([]);
		}
	});

	it('shows readings as ruby parts, and leaves them out of the plain text', async () => {
		const { loadCatalog, rubyTranslator, translator } = await loadMessages();
		await loadCatalog('ja-x-easy');
		expect(rubyTranslator('ja-x-easy')('district.places')).toEqual([
			'この',
			{ base: '地区', reading: 'ちく' },
			'の',
			{ base: '場所', reading: 'ばしょ' }
		]);
		expect(translator('ja-x-easy')('district.places')).toBe('この地区の場所');
	});

	it('never reads a filled-in value as notation (a name cannot add ruby or markup)', async () => {
		const { loadCatalog, rubyTranslator } = await loadMessages();
		await loadCatalog('ja-x-easy');
		const parts = rubyTranslator('ja-x-easy')('near.fromTown', { town: '｜偽《にせ》<b>町</b>' });
		expect(parts.slice(0, 2)).toEqual(['｜偽《にせ》<b>町</b>', 'から']);
		expect(parts.filter((p) => typeof p !== 'string')).toEqual([
			{ base: '近', reading: 'ちか' },
			{ base: '順', reading: 'じゅん' },
			{ base: '出', reading: 'だ' }
		]);
	});

	it('finds malformed notation', () => {
		expect(rubyProblems('｜地図《ちず')).not.toEqual([]);
		expect(rubyProblems('地図》')).not.toEqual([]);
		expect(rubyProblems('｜地図《map》')).not.toEqual([]);
		expect(rubyProblems('地図をみる', { everyKanjiRead: true })).not.toEqual([]);
		expect(rubyProblems('{city}の｜地図《ちず》', { everyKanjiRead: true })).toEqual([]);
		expect(plainText(parseRuby('地図《ちず》と｜避難所《ひなんじょ》'))).toBe('地図と避難所');
	});
});

describe('choosing the locale', () => {
	it('?lang= takes the code or an alias, and ignores anything else', () => {
		expect(localeFromQuery('easy')).toBe('ja-x-easy');
		expect(localeFromQuery('ja-easy')).toBe('ja-x-easy');
		expect(localeFromQuery('JA-X-EASY')).toBe('ja-x-easy');
		expect(localeFromQuery('en')).toBe('en');
		expect(localeFromQuery('fr')).toBeNull();
	});

	it('is kept in the preferences cookie, with Japanese as its base language', () => {
		const prefs = prefsWithQuery(parsePrefs('en.1'), new URL('https://x.example/?lang=easy'));
		expect(prefs).toEqual({ locale: 'ja-x-easy', lang: 'ja', largeText: true });
		expect(parsePrefs(serializePrefs(prefs))).toEqual(prefs);
		// A cookie written before locales existed still reads the same.
		expect(parsePrefs('en.0')).toEqual({ locale: 'en', lang: 'en', largeText: false });
		expect(parsePrefs('xx.0').locale).toBe('ja');
	});
});
