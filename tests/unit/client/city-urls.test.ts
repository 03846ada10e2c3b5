/**
 * Each city's resident pages live under /c/<city>/; the default city keeps the root URLs it
 * always had, and its API requests stay the plain URLs the service worker precaches.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cityHref, cityName, cityQuery, type CityList } from '#lib/cities.js';
import { lastListHref, rememberListUrl } from '#lib/client/list-return.js';

const list: CityList = {
	defaultCity: 'tsurugashima',
	cities: [
		{ id: 'generated-city', name: '生成市（テスト用）' },
		{ id: 'tsurugashima', name: '鶴ヶ島市', nameEn: 'Tsurugashima' }
	]
};

describe('city URLs', () => {
	it('the default city at the root, another under /c/<city>/', () => {
		expect(cityHref('tsurugashima', list, '/')).toBe('/');
		expect(cityHref('tsurugashima', list, '/districts/fuji')).toBe('/districts/fuji');
		expect(cityHref('generated-city', list, '/')).toBe('/c/generated-city');
		expect(cityHref('generated-city', list, '/districts/x/print')).toBe(
			'/c/generated-city/districts/x/print'
		);
		expect(cityHref('generated-city', list, '/?d=x&view=map')).toBe(
			'/c/generated-city?d=x&view=map'
		);
	});

	it('API queries name only a city other than the default', () => {
		expect(cityQuery('tsurugashima', list)).toBe('');
		expect(cityQuery(undefined, list)).toBe('');
		expect(cityQuery('generated-city', list)).toBe('?city=generated-city');
	});

	it('names the city from its pack, in English when the pack gives one', () => {
		const pack = { municipality: '鶴ヶ島市', municipalityEn: 'Tsurugashima' };
		expect(cityName(pack, 'ja')).toBe('鶴ヶ島市');
		expect(cityName(pack, 'en')).toBe('Tsurugashima');
		expect(cityName({ municipality: '生成市（テスト用）' }, 'en')).toBe('生成市（テスト用）');
	});
});

describe('「一覧に戻る」 per city', () => {
	const store = new Map<string, string>();
	vi.stubGlobal('sessionStorage', {
		getItem: (k: string) => store.get(k) ?? null,
		setItem: (k: string, v: string) => store.set(k, v)
	});
	afterEach(() => store.clear());

	it("returns to the place's own city's last list, with its filters", () => {
		rememberListUrl(new URL('http://x/c/generated-city?c=shelter'));
		expect(lastListHref('/c/generated-city')).toBe('/c/generated-city?c=shelter');
		// A place of the default city does not return to another city's list.
		expect(lastListHref('/')).toBe('/');
		rememberListUrl(new URL('http://x/?d=fuji'));
		expect(lastListHref()).toBe('/?d=fuji');
		rememberListUrl(new URL('http://x/districts/fuji'));
		expect(lastListHref()).toBe('/?d=fuji');
	});
});
