import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import type {
	Direction,
	FigureValue,
	Indicator,
	TargetValue,
	ValueShape,
	YearRecord
} from '#lib/domain/indicators/model.js';
import {
	ON_TRACK_MARGIN,
	PROGRESS_STATUSES,
	achievementRate,
	applicableTarget,
	assessProgress,
	expectedShare,
	statusFromRate
} from '#lib/domain/indicators/progress.js';
import { PROGRESS_STATUS_LABELS, STATUS_RULES } from '#lib/i18n/progress-text.js';
import { REPO_ROOT } from './seed-text';

const src = { kind: 'document', document: 'test' } as const;
const fiscal = (year: number) => ({ kind: 'fiscal', year }) as const;
const num = (value: number) => ({ kind: 'number', value }) as const;

function record(
	fiscalYear: number,
	value: FigureValue,
	extra: Partial<YearRecord> = {}
): YearRecord {
	return {
		fiscalYear,
		value,
		activities: '',
		source: src,
		recordedBy: 'test',
		recordedAt: '2024-06-01T00:00:00+09:00',
		...extra
	};
}

/** An indicator with baseline FY 2020 and target FY 2026 unless told otherwise. */
function indicator(opts: {
	direction?: Direction;
	shape?: ValueShape;
	baseline: FigureValue;
	targets: { year: number; value: TargetValue }[];
	records?: YearRecord[];
	tolerance?: number;
}): Indicator {
	return {
		number: 1,
		title: 'test',
		measure: 'Ⅰ-1',
		unit: '',
		departments: ['test'],
		relatedInitiatives: [],
		direction: opts.direction ?? 'increase',
		...(opts.tolerance === undefined ? {} : { tolerance: opts.tolerance }),
		shape: opts.shape ?? { kind: 'number', decimals: 1 },
		baseline: { year: fiscal(2020), value: opts.baseline, source: src },
		targets: opts.targets.map((t) => ({ year: fiscal(t.year), value: t.value, source: src })),
		records: opts.records ?? [],
		evaluations: []
	};
}

const simple = (actual: number, fy = 2023, baseline = 0, target = 100) =>
	assessProgress(
		indicator({
			baseline: num(baseline),
			targets: [{ year: 2026, value: num(target) }],
			records: [record(fy, num(actual))]
		}),
		fy
	);

describe('achievementRate', () => {
	it('increase: (actual − baseline) / (target − baseline)', () => {
		expect(achievementRate('increase', 60, 70, 64)).toBeCloseTo(0.4);
		expect(achievementRate('increase', 60, 70, 55)).toBeCloseTo(-0.5);
		expect(achievementRate('increase', 0, 8, 8)).toBe(1);
	});
	it('decrease mirrors it', () => {
		expect(achievementRate('decrease', 100, 60, 80)).toBeCloseTo(0.5);
		expect(achievementRate('decrease', 100, 60, 110)).toBeCloseTo(-0.25);
		expect(achievementRate('decrease', 100, 60, 50)).toBeCloseTo(1.25);
	});
	it('is undefined when the target equals the baseline', () => {
		expect(achievementRate('increase', 5, 5, 6)).toBeNull();
	});
});

describe('expectedShare', () => {
	it('is the straight line from baseline year to target year, clamped', () => {
		expect(expectedShare(2020, 2026, 2023)).toBe(0.5);
		expect(expectedShare(2020, 2026, 2022)).toBeCloseTo(1 / 3);
		expect(expectedShare(2020, 2026, 2019)).toBe(0);
		expect(expectedShare(2020, 2026, 2030)).toBe(1);
		expect(expectedShare(2020, 2020, 2020)).toBe(1);
	});
});

describe('statusFromRate thresholds', () => {
	it.each([
		[1, 0.5, 'achieved'],
		[1.5, 0.5, 'achieved'],
		[0.9999999999, 0.5, 'achieved'],
		[0, 0.5, 'not-started'],
		[0, 0, 'not-started'],
		[-0.01, 0.5, 'behind'],
		[0.4, 0.5, 'on-track'],
		[0.5 - ON_TRACK_MARGIN, 0.5, 'on-track'],
		[0.39, 0.5, 'behind'],
		[0.05, 0, 'on-track'],
		[0.95, 1, 'on-track'],
		[0.89, 1, 'behind']
	] as const)('rate %d with expected %d → %s', (rate, expected, status) =>
		expect(statusFromRate(rate, expected)).toBe(status)
	);
});

describe('assessProgress: increase and decrease', () => {
	it('FY 2023 of a 2020→2026 plan expects half the way: 40% is on track, 39% behind', () => {
		expect(simple(40)).toMatchObject({ status: 'on-track', rate: 0.4, expected: 0.5 });
		expect(simple(39).status).toBe('behind');
		expect(simple(100).status).toBe('achieved');
		expect(simple(120)).toMatchObject({ status: 'achieved', rate: 1.2 });
		expect(simple(0).status).toBe('not-started');
		expect(simple(-5).status).toBe('behind');
	});

	it('is exact at the 4/10 boundary despite floats (indicator 4: 60 → 70, 64)', () => {
		expect(simple(64, 2023, 60, 70)).toMatchObject({ status: 'on-track' });
	});

	it('decrease', () => {
		const ind = indicator({
			direction: 'decrease',
			baseline: num(100),
			targets: [{ year: 2026, value: num(40) }],
			records: [record(2023, num(70)), record(2024, num(100)), record(2025, num(30))]
		});
		expect(assessProgress(ind, 2023)).toMatchObject({ status: 'on-track', rate: 0.5 });
		expect(assessProgress(ind, 2024).status).toBe('not-started');
		expect(assessProgress(ind, 2025).status).toBe('achieved');
	});

	it('undetermined: no record, unreadable, target equal to or against the baseline', () => {
		expect(simple(1, 2023, 5, 5)).toMatchObject({
			status: 'undetermined',
			reason: 'target-equals-baseline'
		});
		expect(simple(1, 2023, 5, 3)).toMatchObject({
			status: 'undetermined',
			reason: 'target-against-direction'
		});
		const ind = indicator({
			baseline: num(0),
			targets: [{ year: 2026, value: num(10) }],
			records: [record(2023, { kind: 'unreadable', note: 'x' })]
		});
		expect(assessProgress(ind, 2022)).toMatchObject({
			status: 'undetermined',
			reason: 'no-record'
		});
		expect(assessProgress(ind, 2023)).toMatchObject({
			status: 'undetermined',
			reason: 'unreadable'
		});
	});

	it('judges against the mid-term target first, then the final one', () => {
		const ind = indicator({
			baseline: num(0),
			targets: [
				{ year: 2023, value: num(50) },
				{ year: 2026, value: num(100) }
			],
			records: [record(2023, num(50)), record(2024, num(60)), record(2027, num(85))]
		});
		expect(assessProgress(ind, 2023)).toMatchObject({ status: 'achieved', rate: 1 });
		expect(assessProgress(ind, 2024)).toMatchObject({ rate: 0.6, expected: 4 / 6 });
		expect(assessProgress(ind, 2024).status).toBe('on-track');
		expect(assessProgress(ind, 2027)).toMatchObject({ status: 'behind', expected: 1 });
		expect(applicableTarget(ind.targets, 2030)?.year.year).toBe(2026);
	});
});

describe('assessProgress: keep', () => {
	const keep = (actual: number, tolerance?: number) =>
		assessProgress(
			indicator({
				direction: 'keep',
				tolerance,
				baseline: num(7),
				targets: [{ year: 2026, value: num(7) }],
				records: [record(2023, num(actual))]
			}),
			2023
		);
	it('achieved within the tolerance, behind outside; no rate', () => {
		expect(keep(7)).toMatchObject({ status: 'achieved', rate: null, basis: 'keep-tolerance' });
		expect(keep(6).status).toBe('behind');
		expect(keep(6, 1).status).toBe('achieved');
		expect(keep(9, 1).status).toBe('behind');
	});
});

describe('assessProgress: special shapes', () => {
	it('a text target uses the related-number ratio (plans made / people eligible)', () => {
		const shape: ValueShape = {
			kind: 'count-with-related',
			related: { label: '計画策定対象者', unit: '人' }
		};
		const ind = indicator({
			shape,
			baseline: { kind: 'count-with-related', count: 1, related: null },
			targets: [{ year: 2026, value: { kind: 'text', text: '希望者すべて' } }],
			records: [
				record(2023, { kind: 'count-with-related', count: 80, related: 100 }),
				record(2024, { kind: 'count-with-related', count: 80, related: null }),
				record(2025, { kind: 'count-with-related', count: 100, related: 100 })
			]
		});
		expect(assessProgress(ind, 2023)).toMatchObject({
			status: 'on-track',
			rate: 0.8,
			basis: 'related-ratio'
		});
		expect(assessProgress(ind, 2024)).toMatchObject({
			status: 'undetermined',
			reason: 'no-related-number'
		});
		expect(assessProgress(ind, 2025).status).toBe('achieved');
	});

	it('a text target without a related number cannot be judged', () => {
		const ind = indicator({
			baseline: num(1),
			targets: [{ year: 2026, value: { kind: 'text', text: '希望者すべて' } }],
			records: [record(2023, num(5))]
		});
		expect(assessProgress(ind, 2023)).toMatchObject({
			status: 'undetermined',
			reason: 'no-numeric-target'
		});
	});

	it('a count with participants is judged on the count', () => {
		const ind = indicator({
			shape: { kind: 'count-with-participants', participantsUnit: '人' },
			baseline: { kind: 'count-with-participants', count: 0, participants: null },
			targets: [
				{ year: 2026, value: { kind: 'count-with-participants', count: 8, participants: null } }
			],
			records: [record(2023, { kind: 'count-with-participants', count: 4, participants: 999 })]
		});
		expect(assessProgress(ind, 2023)).toMatchObject({ status: 'on-track', rate: 0.5 });
	});

	it('series: each series is rated, the lowest decides; the data year sets the expectation', () => {
		const shape: ValueShape = {
			kind: 'series',
			series: [
				{ key: 'male', label: '男性' },
				{ key: 'female', label: '女性' }
			],
			decimals: 2
		};
		const base: Indicator = {
			...indicator({
				shape,
				baseline: { kind: 'series', values: { male: 10, female: 20 } },
				targets: [{ year: 2024, value: { kind: 'series', values: { male: 11, female: 21 } } }],
				records: [
					record(
						2023,
						{ kind: 'series', values: { male: 10.5, female: 21 } },
						{ dataYear: { kind: 'calendar', year: 2021 } }
					)
				]
			})
		};
		base.baseline = { ...base.baseline, year: { kind: 'calendar', year: 2019 } };
		base.targets = base.targets.map((t) => ({ ...t, year: { kind: 'calendar', year: 2024 } }));
		const r = assessProgress(base, 2023);
		expect(r.expected).toBeCloseTo(0.4);
		expect(r.rate).toBeCloseTo(0.5);
		expect(r.status).toBe('on-track');
		expect(r.series?.male).toEqual({ rate: 0.5, status: 'on-track' });
		expect(r.series?.female).toEqual({ rate: 1, status: 'achieved' });
	});
});

describe('rules for the UI', () => {
	it('every status has a label in both languages and the rules name them', () => {
		for (const s of PROGRESS_STATUSES) {
			expect(STATUS_RULES.ja).toContain(PROGRESS_STATUS_LABELS.ja[s]);
			expect(PROGRESS_STATUS_LABELS.en[s]).toBeTruthy();
		}
		expect(STATUS_RULES.en).toContain('10 points');
		expect(STATUS_RULES.ja).toContain('10ポイント');
	});
});

describe('the Tsurugashima indicators under these rules', () => {
	const pack = parsePlanPackJson(
		readFileSync(path.join(REPO_ROOT, 'packs/tsurugashima/plan.json'), 'utf8')
	);
	const statuses = (fy: number) =>
		Object.fromEntries(pack.indicators.map((i) => [i.number, assessProgress(i, fy).status]));

	it('令和4年度', () => {
		expect(statuses(2022)).toEqual({
			1: 'not-started',
			2: 'achieved',
			3: 'behind',
			4: 'behind',
			5: 'behind',
			6: 'not-started',
			7: 'achieved',
			8: 'on-track',
			9: 'achieved',
			10: 'achieved',
			11: 'achieved',
			12: 'not-started',
			13: 'achieved',
			14: 'achieved',
			15: 'achieved',
			16: 'behind',
			17: 'behind',
			18: 'not-started',
			19: 'not-started',
			20: 'behind'
		});
	});

	it('令和5年度', () => {
		expect(statuses(2023)).toEqual({
			1: 'not-started',
			2: 'achieved',
			3: 'behind',
			4: 'on-track',
			5: 'behind',
			6: 'not-started',
			7: 'achieved',
			8: 'achieved',
			9: 'achieved',
			10: 'achieved',
			11: 'achieved',
			12: 'not-started',
			13: 'achieved',
			14: 'achieved',
			15: 'behind',
			16: 'behind',
			17: 'behind',
			18: 'behind',
			19: 'not-started',
			20: 'behind'
		});
	});

	it('indicator 20 (希望者すべて) is judged on plans made / people eligible', () => {
		const ind = pack.indicators.find((i) => i.number === 20)!;
		const r = assessProgress(ind, 2023);
		expect(r.basis).toBe('related-ratio');
		expect(r.rate).toBeCloseTo(405 / 1649);
	});

	it('indicator 18 is judged on its lower series (男性) against its data year', () => {
		const ind = pack.indicators.find((i) => i.number === 18)!;
		const r = assessProgress(ind, 2023);
		expect(r.expected).toBeCloseTo(0.4);
		expect(r.rate).toBeCloseTo((18.03 - 17.87) / (18.63 - 17.87));
		expect(r.series?.female?.status).toBe('on-track');
	});

	it('indicator 11 is achieved with either baseline', () => {
		const ind = pack.indicators.find((i) => i.number === 11)!;
		expect(assessProgress(ind, 2023).status).toBe('achieved');
		const other = { ...ind, baseline: { ...ind.baseline, value: num(8281) } };
		expect(assessProgress(other, 2023).status).toBe('achieved');
	});
});
