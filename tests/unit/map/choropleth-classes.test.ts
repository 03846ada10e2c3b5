import { describe, expect, it } from 'vitest';
import {
	classify,
	classOf,
	classRangeText,
	labelPoint,
	PALETTE,
	type ValueClass
} from '#lib/map/choropleth-classes.js';

const ranges = (classes: ValueClass[]) => classes.map((c) => [c.lo, c.hi]);

/** Every value in exactly one class, the classes ascending with no shared boundary. */
function expectPartition(classes: ValueClass[], values: number[]) {
	for (let i = 1; i < classes.length; i++) {
		expect(classes[i]!.lo).toBeGreaterThan(classes[i - 1]!.hi);
	}
	for (const v of values) {
		expect(
			classes.filter((c) => v >= c.lo && v <= c.hi),
			String(v)
		).toHaveLength(1);
	}
}

describe('classify', () => {
	it('gives zero a class of its own', () => {
		const classes = classify([0, 3, 5, 9, 0]);
		expect(ranges(classes)[0]).toEqual([0, 0]);
		expect(classes[1]!.lo).toBe(3);
		expectPartition(classes, [0, 3, 5, 9]);
	});

	it('gives whole numbers whole-number ranges of equal width', () => {
		expect(ranges(classify([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toEqual([
			[1, 2],
			[3, 4],
			[5, 6],
			[7, 8],
			[9, 9]
		]);
		// Ranges cover the whole numbers between the values too, so every count has its class.
		expect(ranges(classify([2, 4, 7]))).toEqual([
			[2, 3],
			[4, 5],
			[6, 7]
		]);
		expect(ranges(classify([1, 2, 3]))).toEqual([
			[1, 1],
			[2, 2],
			[3, 3]
		]);
	});

	it('gives decimals ranges that never share a boundary', () => {
		const values = [13.4, 50.1, 86.9, 20.2, 70, 50.1];
		const classes = classify(values);
		expectPartition(classes, values);
		expect(classes[0]!.lo).toBe(13.4);
		expect(classes.at(-1)!.hi).toBe(86.9);
	});

	it('has nothing to classify when every district lacks a value', () => {
		expect(classify([])).toEqual([]);
		expect(classify([Number.NaN, Number.POSITIVE_INFINITY])).toEqual([]);
		expect(classOf([], 3)).toBeNull();
	});

	it('makes one class of one value, the lightest shade when it is zero', () => {
		expect(classify([4, 4, 4])).toEqual([{ lo: 4, hi: 4, color: PALETTE[2] }]);
		expect(classify([0, 0])).toEqual([{ lo: 0, hi: 0, color: PALETTE[0] }]);
	});

	it('darkens from class to class with distinct colours', () => {
		const colors = classify([0, 1, 2, 3, 4, 5, 6, 7, 8]).map((c) => c.color);
		expect(colors[0]).toBe(PALETTE[0]);
		expect(colors.at(-1)).toBe(PALETTE.at(-1));
		expect(new Set(colors).size).toBe(colors.length);
		const order = colors.map((c) => PALETTE.indexOf(c as (typeof PALETTE)[number]));
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});
});

describe('classOf and the legend', () => {
	const classes = classify([1, 2, 3, 4, 5, 6, 7, 8, 9]);

	it('finds the class of a value', () => {
		expect(classOf(classes, 4)).toMatchObject({ lo: 3, hi: 4 });
		expect(classOf(classes, 99)).toBe(classes.at(-1));
	});

	it('names a class by its range, or its one value', () => {
		const format = (n: number) => n.toLocaleString('en');
		expect(classRangeText({ lo: 1000, hi: 2500, color: '' }, format)).toBe('1,000 – 2,500');
		expect(classRangeText({ lo: 9, hi: 9, color: '' }, format)).toBe('9');
	});
});

describe('labelPoint', () => {
	// An L: the middle of its bounding box (5, 5) lies outside it.
	const ell = [
		[
			{ x: 0, y: 0 },
			{ x: 10, y: 0 },
			{ x: 10, y: 3 },
			{ x: 3, y: 3 },
			{ x: 3, y: 10 },
			{ x: 0, y: 10 }
		]
	];
	const insideEll = (p: { x: number; y: number }) =>
		p.x > 0 && p.y > 0 && ((p.x < 3 && p.y < 10) || (p.y < 3 && p.x < 10));

	it('puts the label inside a concave district', () => {
		const p = labelPoint([ell])!;
		expect(insideEll(p)).toBe(true);
	});

	it('labels the largest polygon of a district', () => {
		const islet = [
			[
				{ x: 100, y: 100 },
				{ x: 101, y: 100 },
				{ x: 101, y: 101 }
			]
		];
		expect(insideEll(labelPoint([islet, ell])!)).toBe(true);
	});

	it('has no place for a district without an outline', () => {
		expect(labelPoint([])).toBeNull();
		expect(labelPoint([[[{ x: 0, y: 0 }]]])).toBeNull();
	});
});
