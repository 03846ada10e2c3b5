import { describe, expect, it } from 'vitest';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { readNumeral, sortTownsByName, splitChome } from '#lib/domain/town-order.js';

const names = (list: string[]) =>
	sortTownsByName(list.map((name) => ({ name }))).map((t) => t.name);

describe('town picker order', () => {
	it('reads kanji numerals as numbers', () => {
		expect(['一', '二', '九', '十', '十一', '二十', '二十五', '百三'].map(readNumeral)).toEqual([
			1, 2, 9, 10, 11, 20, 25, 103
		]);
		expect(readNumeral('３')).toBe(3);
		expect(readNumeral('東')).toBeNull();
	});

	it('splits 丁目 from the base name', () => {
		expect(splitChome('富士見三丁目')).toEqual({ base: '富士見', chome: 3 });
		expect(splitChome('脚折町1丁目')).toEqual({ base: '脚折町', chome: 1 });
		expect(splitChome('富士見')).toEqual({ base: '富士見', chome: null });
	});

	it('puts 丁目 in number order, the bare name first (collation alone gives 一, 五, 三, 四, 二, 六)', () => {
		expect(
			names([
				'富士見五丁目',
				'富士見一丁目',
				'富士見',
				'富士見三丁目',
				'富士見六丁目',
				'富士見十丁目'
			])
		).toEqual([
			'富士見',
			'富士見一丁目',
			'富士見三丁目',
			'富士見五丁目',
			'富士見六丁目',
			'富士見十丁目'
		]);
	});

	it("orders Tsurugashima's towns: each base's 丁目 together and counted up", () => {
		const sorted = sortTownsByName(tsurugashimaPack().pack.towns).map((t) => t.name);
		const fujimi = sorted.filter((n) => n.startsWith('富士見'));
		expect(fujimi).toEqual([
			'富士見',
			'富士見一丁目',
			'富士見二丁目',
			'富士見三丁目',
			'富士見四丁目',
			'富士見五丁目',
			'富士見六丁目'
		]);
		const sunaori = sorted.filter((n) => n.startsWith('脚折町'));
		expect(sunaori.map((n) => splitChome(n).chome)).toEqual([1, 2, 3, 4, 5, 6]);
		// Every town is still there, once.
		expect([...sorted].sort()).toEqual(
			tsurugashimaPack()
				.pack.towns.map((t) => t.name)
				.sort()
		);
	});
});
