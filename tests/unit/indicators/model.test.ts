import { describe, expect, it } from 'vitest';
import {
	circledNumber,
	formatIndicatorValue,
	formatNumber,
	formatRelatedNumber,
	indicatorValueSchema,
	parseIndicatorValue,
	periodLabel,
	sameValue,
	validateIndicatorValue,
	valueShapeSchema,
	type ValueShape
} from '#lib/domain/indicators/model.js';

const SHAPES = {
	number: { kind: 'number', decimals: 0 },
	hours: { kind: 'number', decimals: 1 },
	perYear: { kind: 'number', decimals: 0, suffix: '/年' },
	participants: { kind: 'count-with-participants', participantsUnit: '人' },
	series: {
		kind: 'series',
		series: [
			{ key: 'male', label: '男性' },
			{ key: 'female', label: '女性' }
		],
		decimals: 2
	},
	related: { kind: 'count-with-related', related: { label: '計画策定対象者', unit: '人' } },
	snapshot: { kind: 'snapshot', at: 'fiscal-year-end', decimals: 0, suffix: '/年度末時点' }
} as const satisfies Record<string, ValueShape>;

describe('formatNumber', () => {
	it.each([
		[0, 0, false, '0'],
		[137, 0, false, '137'],
		[3600, 0, false, '3,600'],
		[10848, 0, false, '10,848'],
		[1234567, 0, false, '1,234,567'],
		[3934.5, 1, false, '3,934.5'],
		[4194, 1, false, '4,194'],
		[17.8, 2, true, '17.80'],
		[17.87, 2, true, '17.87'],
		[2.25, 1, false, '2.3'],
		[-1200, 0, false, '-1,200']
	])('%d (decimals %i, fixed %s) → %s', (n, d, fixed, out) =>
		expect(formatNumber(n, d, fixed)).toBe(out)
	);
});

describe('formatIndicatorValue: the documents’ notation', () => {
	it('numbers with and without a per-year suffix', () => {
		expect(formatIndicatorValue(SHAPES.number, { kind: 'number', value: 8281 })).toBe('8,281');
		expect(formatIndicatorValue(SHAPES.perYear, { kind: 'number', value: 3600 })).toBe('3,600/年');
		expect(formatIndicatorValue(SHAPES.hours, { kind: 'number', value: 3934.5 })).toBe('3,934.5');
	});

	it('a count with participants: 8（156人）, or the bare count without participants', () => {
		expect(
			formatIndicatorValue(SHAPES.participants, {
				kind: 'count-with-participants',
				count: 8,
				participants: 156
			})
		).toBe('8（156人）');
		expect(
			formatIndicatorValue(SHAPES.participants, {
				kind: 'count-with-participants',
				count: 0,
				participants: null
			})
		).toBe('0');
	});

	it('two series in the shape’s order with fixed decimals', () => {
		expect(
			formatIndicatorValue(SHAPES.series, {
				kind: 'series',
				values: { female: 20.83, male: 17.87 }
			})
		).toBe('男性17.87 女性20.83');
		expect(
			formatIndicatorValue(SHAPES.series, { kind: 'series', values: { male: 18, female: 21.1 } })
		).toBe('男性18.00 女性21.10');
	});

	it('a count with a related number prints the count; the related number separately', () => {
		const v = { kind: 'count-with-related', count: 405, related: 1649 } as const;
		expect(formatIndicatorValue(SHAPES.related, v)).toBe('405');
		expect(formatRelatedNumber(SHAPES.related, v)).toBe('計画策定対象者\u30001,649人');
		expect(formatRelatedNumber(SHAPES.related, { ...v, related: null })).toBeNull();
		expect(formatRelatedNumber(SHAPES.number, { kind: 'number', value: 1 })).toBeNull();
	});

	it('a year-end snapshot, a text target and an unreadable figure', () => {
		expect(formatIndicatorValue(SHAPES.snapshot, { kind: 'snapshot', value: 24631 })).toBe(
			'24,631/年度末時点'
		);
		expect(formatIndicatorValue(SHAPES.related, { kind: 'text', text: '希望者すべて' })).toBe(
			'希望者すべて'
		);
		expect(formatIndicatorValue(SHAPES.number, { kind: 'unreadable', note: 'smudged' })).toBe(
			'判読不能'
		);
		expect(
			formatIndicatorValue(SHAPES.number, { kind: 'unreadable', printed: '1,2?4', note: 'x' })
		).toBe('1,2?4');
	});

	it('refuses a value of another shape', () => {
		expect(() => formatIndicatorValue(SHAPES.series, { kind: 'number', value: 1 })).toThrow(
			TypeError
		);
	});
});

describe('validateIndicatorValue: reason codes for staff entry', () => {
	const codes = (shape: ValueShape, value: unknown, opts = {}) =>
		validateIndicatorValue(shape, value, opts).issues.map((i) => `${i.code}@${i.path}`);

	it('accepts well-formed values of every shape', () => {
		const ok = (shape: ValueShape, value: unknown) =>
			expect(validateIndicatorValue(shape, value)).toEqual({ ok: true, issues: [] });
		ok(SHAPES.number, { kind: 'number', value: 0 });
		ok(SHAPES.hours, { kind: 'number', value: 3934.5 });
		ok(SHAPES.participants, { kind: 'count-with-participants', count: 8, participants: 156 });
		ok(SHAPES.participants, { kind: 'count-with-participants', count: 8, participants: null });
		ok(SHAPES.series, { kind: 'series', values: { male: 18.03, female: 21.08 } });
		ok(SHAPES.related, { kind: 'count-with-related', count: 405, related: 1649 });
		ok(SHAPES.snapshot, { kind: 'snapshot', value: 25770, asOf: '2024-03-31' });
	});

	it('kind-mismatch', () => {
		expect(codes(SHAPES.series, { kind: 'number', value: 1 })).toEqual(['kind-mismatch@kind']);
		expect(codes(SHAPES.number, null)).toEqual(['kind-mismatch@kind']);
	});

	it('not-a-number, negative, too-large', () => {
		expect(codes(SHAPES.number, { kind: 'number', value: Number.NaN })).toEqual([
			'not-a-number@value'
		]);
		expect(codes(SHAPES.number, { kind: 'number', value: '12' })).toEqual(['not-a-number@value']);
		expect(codes(SHAPES.number, { kind: 'number', value: -1 })).toEqual(['negative@value']);
		expect(codes(SHAPES.number, { kind: 'number', value: 2e9 })).toEqual(['too-large@value']);
	});

	it('not-integer for counts, too-many-decimals for figures', () => {
		expect(
			codes(SHAPES.participants, { kind: 'count-with-participants', count: 8.5, participants: 1.5 })
		).toEqual(['not-integer@count', 'not-integer@participants']);
		expect(codes(SHAPES.number, { kind: 'number', value: 3934.5 })).toEqual([
			'too-many-decimals@value'
		]);
		expect(codes(SHAPES.hours, { kind: 'number', value: 3934.25 })).toEqual([
			'too-many-decimals@value'
		]);
		expect(codes(SHAPES.series, { kind: 'series', values: { male: 18.031, female: 21 } })).toEqual([
			'too-many-decimals@values.male'
		]);
	});

	it('missing-series and unknown-series', () => {
		expect(codes(SHAPES.series, { kind: 'series', values: { male: 18 } })).toEqual([
			'missing-series@values.female'
		]);
		expect(
			codes(SHAPES.series, { kind: 'series', values: { male: 18, female: 21, other: 1 } })
		).toEqual(['unknown-series@values.other']);
		expect(codes(SHAPES.series, { kind: 'series' })).toEqual(['missing-series@values']);
	});

	it('count-exceeds-related is a warning, not an error', () => {
		const check = validateIndicatorValue(SHAPES.related, {
			kind: 'count-with-related',
			count: 20,
			related: 10
		});
		expect(check.ok).toBe(true);
		expect(check.issues).toEqual([
			{ code: 'count-exceeds-related', path: 'related', severity: 'warning' }
		]);
	});

	it('text only for targets, unreadable only for transcriptions', () => {
		const text = { kind: 'text', text: '希望者すべて' };
		expect(codes(SHAPES.related, text)).toEqual(['text-not-allowed@']);
		expect(validateIndicatorValue(SHAPES.related, text, { allowText: true }).ok).toBe(true);
		expect(codes(SHAPES.related, { kind: 'text', text: ' ' }, { allowText: true })).toEqual([
			'empty-text@text'
		]);
		const unreadable = { kind: 'unreadable', note: 'x' };
		expect(codes(SHAPES.number, unreadable)).toEqual(['unreadable-not-allowed@']);
		expect(validateIndicatorValue(SHAPES.number, unreadable, { allowUnreadable: true }).ok).toBe(
			true
		);
	});

	it('bad-date for a snapshot day that does not exist', () => {
		expect(codes(SHAPES.snapshot, { kind: 'snapshot', value: 1, asOf: '2023-02-29' })).toEqual([
			'bad-date@asOf'
		]);
	});
});

describe('parseIndicatorValue', () => {
	it.each([
		[SHAPES.number, '8,281', { kind: 'number', value: 8281 }],
		[SHAPES.number, '８２８１', { kind: 'number', value: 8281 }],
		[SHAPES.hours, '3934.5', { kind: 'number', value: 3934.5 }],
		[SHAPES.hours, '3,934.5', { kind: 'number', value: 3934.5 }],
		[SHAPES.perYear, '3,600/年', { kind: 'number', value: 3600 }],
		[SHAPES.perYear, '3600', { kind: 'number', value: 3600 }],
		[SHAPES.snapshot, '24,631/年度末時点', { kind: 'snapshot', value: 24631 }],
		[
			SHAPES.participants,
			'8（156人）',
			{ kind: 'count-with-participants', count: 8, participants: 156 }
		],
		[
			SHAPES.participants,
			'８ (１５６)',
			{ kind: 'count-with-participants', count: 8, participants: 156 }
		],
		[SHAPES.participants, '8', { kind: 'count-with-participants', count: 8, participants: null }],
		[
			SHAPES.series,
			'男性17.87 女性20.83',
			{ kind: 'series', values: { male: 17.87, female: 20.83 } }
		],
		[
			SHAPES.series,
			'女性 20.83 / 男性 17.87',
			{ kind: 'series', values: { male: 17.87, female: 20.83 } }
		],
		[SHAPES.related, '405', { kind: 'count-with-related', count: 405, related: null }],
		[
			SHAPES.related,
			'405（計画策定対象者 1,649人）',
			{ kind: 'count-with-related', count: 405, related: 1649 }
		]
	] as const)('%j parses %s', (shape, input, value) => {
		const r = parseIndicatorValue(shape, input);
		expect(r).toMatchObject({ ok: true, value });
	});

	it.each([
		[SHAPES.number, 'abc', 'unparseable'],
		[SHAPES.number, '12.5', 'too-many-decimals'],
		[SHAPES.number, '1,23', 'unparseable'],
		[SHAPES.participants, '8（156.5人）', 'not-integer'],
		[SHAPES.series, '男性17.87', 'unparseable'],
		[SHAPES.series, '男性17.87 女性20.83 子ども1', 'unparseable'],
		[SHAPES.number, '-3', 'negative']
	] as const)('%j refuses %s with %s', (shape, input, code) => {
		const r = parseIndicatorValue(shape, input);
		expect(r.ok).toBe(false);
		expect(r.issues.map((i) => i.code)).toContain(code);
	});

	it('round-trips everything formatIndicatorValue prints', () => {
		const samples: [ValueShape, unknown][] = [
			[SHAPES.number, { kind: 'number', value: 10848 }],
			[SHAPES.hours, { kind: 'number', value: 3934.5 }],
			[SHAPES.perYear, { kind: 'number', value: 12000 }],
			[SHAPES.snapshot, { kind: 'snapshot', value: 25770 }],
			[SHAPES.participants, { kind: 'count-with-participants', count: 8, participants: 138 }],
			[SHAPES.series, { kind: 'series', values: { male: 18.03, female: 21.08 } }],
			[SHAPES.related, { kind: 'count-with-related', count: 284, related: null }]
		];
		for (const [shape, raw] of samples) {
			const value = indicatorValueSchema.parse(raw);
			const r = parseIndicatorValue(shape, formatIndicatorValue(shape, value));
			expect(r.ok && sameValue(r.value, value)).toBe(true);
		}
	});
});

describe('schemas and helpers', () => {
	it('the shape union is discriminated by kind', () => {
		expect(valueShapeSchema.safeParse({ kind: 'series', series: [], decimals: 2 }).success).toBe(
			false
		);
		expect(valueShapeSchema.safeParse({ kind: 'percent' }).success).toBe(false);
		expect(valueShapeSchema.safeParse(SHAPES.related).success).toBe(true);
	});

	it('sameValue ignores key order', () => {
		expect(
			sameValue(
				{ kind: 'series', values: { male: 1, female: 2 } },
				{ values: { female: 2, male: 1 }, kind: 'series' }
			)
		).toBe(true);
		expect(sameValue({ kind: 'number', value: 1 }, { kind: 'number', value: 2 })).toBe(false);
	});

	it('labels periods in 令和 with the Western year available', () => {
		expect(periodLabel({ kind: 'fiscal', year: 2020 })).toBe('令和2年度');
		expect(periodLabel({ kind: 'calendar', year: 2019 })).toBe('令和元年');
		expect(periodLabel({ kind: 'fiscal', year: 2023 }, { western: true })).toBe(
			'令和5年度（2023年度）'
		);
	});

	it('circled numbers ① … ㊲', () => {
		expect([1, 20, 21, 35, 36, 37].map(circledNumber).join('')).toBe('①⑳㉑㉟㊱㊲');
		expect(() => circledNumber(0)).toThrow(RangeError);
	});
});
