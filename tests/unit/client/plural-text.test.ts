import { describe, expect, it } from 'vitest';
import { loadCatalog, translator } from '#lib/i18n/messages.js';

await loadCatalog('en');

/** English counts read "1 place", "2 places"; the Japanese text is the same for any number. */
describe('counts in English and Japanese', () => {
	const en = translator('en');
	const ja = translator('ja');

	it('one place, two places, no places', () => {
		expect(en('find.results', { count: 1 })).toBe('1 place');
		expect(en('find.results', { count: 2 })).toBe('2 places');
		expect(en('find.results', { count: 0 })).toBe('0 places');
		expect(ja('find.results', { count: 1 })).toMatch(/^1/);
		expect(ja('find.results', { count: 1 })).not.toContain('plural');
	});

	it('the plural form sits inside a longer text, beside other parameters', () => {
		expect(en('map.cluster', { count: 1 })).toBe('1 place (zoom in)');
		expect(en('settings.offlineMapFailed', { count: 1 })).toBe(
			'The map could not be saved (1 tile failed). Check your connection.'
		);
	});

	it('a missing count leaves the text visible rather than guessing', () => {
		expect(en('find.results', {})).toContain('{count, plural');
	});
});
