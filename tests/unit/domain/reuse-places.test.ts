import { describe, expect, it } from 'vitest';
import { reusePlaces, sameData } from '#lib/domain/reuse-places.js';
import { makePlace } from '../factories';

/** What IndexedDB gives back: the same data as new objects. */
const copy = <T>(value: T): T => structuredClone(value);

describe('reusePlaces', () => {
	const a = makePlace({ id: 'a', name: 'テスト用サロンA（生成）' });
	const b = makePlace({ id: 'b', name: 'テスト用サロンB（生成）' });

	it('keeps the shown list when the device copy says the same', () => {
		const shown = [a, b];
		expect(reusePlaces(shown, copy(shown))).toBe(shown);
	});

	it('keeps unchanged places and takes the changed, added and reordered', () => {
		const shown = [a, b];
		const renamed = { ...copy(b), name: 'テスト用サロンB（生成・改名）' };
		const c = makePlace({ id: 'c' });
		const next = reusePlaces(shown, [copy(a), renamed, c]);
		expect(next).not.toBe(shown);
		expect(next[0]).toBe(a);
		expect(next[1]).toBe(renamed);
		expect(next[2]).toBe(c);
		const reordered = reusePlaces(shown, [copy(b), copy(a)]);
		expect(reordered).toEqual([b, a]);
		expect(reordered).not.toBe(shown);
		expect(reusePlaces(shown, [copy(a)])).toEqual([a]);
	});

	it('compares nested data, and treats an undefined key as absent', () => {
		expect(sameData({ p: { lng: 1, lat: 2 }, x: undefined }, { p: { lng: 1, lat: 2 } })).toBe(true);
		expect(sameData({ p: { lng: 1, lat: 2 } }, { p: { lng: 1, lat: 3 } })).toBe(false);
		expect(sameData([1, [2]], [1, [2]])).toBe(true);
		expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
		expect(sameData({ a: null }, { a: undefined })).toBe(false);
	});
});
