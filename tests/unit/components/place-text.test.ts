import { describe, expect, it } from 'vitest';
import { joinList, shelterLines, shelterRubyLines } from '#lib/components/place-text.js';
import { loadCatalog, rubyTranslator, translator } from '#lib/i18n/messages.js';
import { plainText } from '#lib/i18n/ruby-text.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';

const byName = (name: string) => tsurugashimaPack().pack.places.find((p) => p.name === name)!;
await loadCatalog('en');
await loadCatalog('ja-x-easy');
const ja = translator('ja');
const en = translator('en');

describe('shelter designations in words', () => {
	it('an open space designated only as an emergency site never reads as a shelter to stay in', () => {
		const park = byName('脚折近隣公園');
		expect(shelterLines(ja, park.shelter)).toEqual([
			'指定緊急避難場所（危険から逃げる場所）: 地震、大規模な火事のとき'
		]);
		expect(shelterLines(ja, park.shelter).join()).not.toMatch(/指定避難所/);
		expect(shelterLines(en, park.shelter)).toEqual([
			'Designated emergency evacuation site (a place to flee to): in case of Earthquake, Large fire'
		]);
	});

	it('a site with both designations shows both, the hazards with the emergency site', () => {
		expect(shelterLines(ja, byName('北市民センター').shelter)).toEqual([
			'指定避難所（避難生活を送る場所）',
			'指定緊急避難場所（危険から逃げる場所）: 洪水、地震、大規模な火事、内水氾濫のとき'
		]);
	});

	it('in やさしい日本語 the lines keep the readings of every word put together', () => {
		const park = byName('脚折近隣公園');
		const [line] = shelterRubyLines(rubyTranslator('ja-x-easy'), park.shelter);
		expect(plainText(line!)).toBe(
			'避難する場所（あぶないときに逃げる場所）: 地震、大きい火事のとき'
		);
		expect(line).toContainEqual({ base: '地震', reading: 'じしん' });
		expect(line).toContainEqual({ base: '火事', reading: 'かじ' });
		expect(shelterLines(translator('ja-x-easy'), park.shelter)).toEqual([plainText(line!)]);
	});

	it('a place that is no shelter site has no lines', () => {
		expect(shelterLines(ja, byName('こすもす作業所').shelter)).toEqual([]);
	});

	it('joins lists with the language’s own separator', () => {
		expect(joinList(ja, ['高齢者', '子ども'])).toBe('高齢者、子ども');
		expect(joinList(en, ['Older people', 'Children'])).toBe('Older people, Children');
	});
});
