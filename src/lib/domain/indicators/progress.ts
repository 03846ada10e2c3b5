/**
 * Achievement rate and status of an indicator in a year: the written-down rules.
 *
 * RULES (the catalogs say the same for the UI: `ind.rule.*` in i18n/indicator-messages.ts,
 * shown through i18n/progress-text.ts; statuses are codes here, named there):
 *
 * 1. Target. The target judged against is the first target whose year is at or after the
 *    year of the figure; past the last target, the last one. The year of the figure is its
 *    data year when it lags the fiscal year (No. 18 reports 令和2年 data in 令和4年度).
 *
 * 2. Achievement rate (1 = target reached, 0 = still at the baseline):
 *    - increase: rate = (actual − baseline) / (target − baseline)
 *    - decrease: rate = (baseline − actual) / (baseline − target)
 *    - keep:     no rate; the actual must stay within `tolerance` of the target
 *                (|actual − target| ≤ tolerance, tolerance 0 when not set).
 *    - a text target (希望者すべて) on a count with a related number: rate = count / related
 *      (plans made / people eligible), the baseline is not used. Without a related number the
 *      rate cannot be computed.
 *    - count with participants: the count is judged, participants are context.
 *    - several series (男性 / 女性): each series has its own rate; the indicator's rate is the
 *      lowest one (every series has to get there).
 *
 * 3. Expected share: the straight line from the baseline year (0) to the target year (1):
 *    expected = (year − baseline year) / (target year − baseline year), clamped to 0…1.
 *
 * 4. Status, first rule that applies:
 *    - 判定不可 (undetermined): no figure for the year, an unreadable figure, no numeric target
 *      (and no related number; a target the plan left unset, `―`), no baseline figure (`-`),
 *      target equal to the baseline, or a target on the wrong side of the baseline for the
 *      direction (所沢 set some targets below a 令和元年度 baseline on purpose: those are
 *      judged only once a rule for them is agreed).
 *    - 達成 (achieved): rate ≥ 1 (keep: within tolerance).
 *    - 未着手 (not started): rate = 0 — the figure has not moved from the baseline.
 *    - 遅れ (behind): rate < 0 — the figure moved away from the target (keep: outside
 *      tolerance).
 *    - 順調 (on track): rate ≥ expected − 0.1 (ON_TRACK_MARGIN: up to 10 points below the
 *      straight line still counts as on track).
 *    - 遅れ (behind): otherwise.
 *
 * Rates are compared with a 1e-9 tolerance so that 4/10 counts as 0.4.
 */
import type { Indicator, IndicatorValue, Target, TargetValue, YearRecord } from './model';

export const PROGRESS_STATUSES = [
	'achieved',
	'on-track',
	'behind',
	'not-started',
	'undetermined'
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** Points below the straight-line path that still count as on track. */
export const ON_TRACK_MARGIN = 0.1;
/** Float tolerance for comparing rates. */
export const RATE_EPSILON = 1e-9;

export type UndeterminedReason =
	| 'no-record'
	| 'unreadable'
	| 'no-numeric-target'
	| 'no-baseline'
	| 'no-related-number'
	| 'target-equals-baseline'
	| 'target-against-direction'
	| 'shape-mismatch'
	| 'missing-series';

export type ProgressBasis = 'change-from-baseline' | 'related-ratio' | 'keep-tolerance';

export interface SeriesProgress {
	rate: number | null;
	status: ProgressStatus;
}

export interface ProgressResult {
	fiscalYear: number;
	status: ProgressStatus;
	/** 1 = target reached; null when not computed (keep, or undetermined). */
	rate: number | null;
	/** Share of the way the straight-line path expects by the year of the figure. */
	expected: number | null;
	basis: ProgressBasis | null;
	/** The target judged against. */
	target: Target | null;
	/** Per series, for indicators with several series. */
	series?: Record<string, SeriesProgress>;
	/** Why the status is 判定不可. */
	reason?: UndeterminedReason;
}

/**
 * The achievement rate of one figure. Null when the target equals the baseline (no way to
 * measure the distance covered). A target on the wrong side of the baseline gives a rate that
 * still follows the formula; assessProgress refuses such targets before calling this.
 */
export function achievementRate(
	direction: 'increase' | 'decrease',
	baseline: number,
	target: number,
	actual: number
): number | null {
	const span = direction === 'increase' ? target - baseline : baseline - target;
	if (Math.abs(span) < RATE_EPSILON) return null;
	const moved = direction === 'increase' ? actual - baseline : baseline - actual;
	return moved / span;
}

/** Straight-line share expected at `year` between the baseline year and the target year. */
export function expectedShare(baselineYear: number, targetYear: number, year: number): number {
	if (targetYear <= baselineYear) return 1;
	return Math.min(1, Math.max(0, (year - baselineYear) / (targetYear - baselineYear)));
}

/** Status of a rate against the expected share (rules 4, for a computed rate). */
export function statusFromRate(rate: number, expected: number): ProgressStatus {
	if (rate >= 1 - RATE_EPSILON) return 'achieved';
	if (Math.abs(rate) <= RATE_EPSILON) return 'not-started';
	if (rate < 0) return 'behind';
	if (rate >= expected - ON_TRACK_MARGIN - RATE_EPSILON) return 'on-track';
	return 'behind';
}

/** The target judged for a figure of `year` (rule 1). */
export function applicableTarget(targets: readonly Target[], year: number): Target | null {
	if (targets.length === 0) return null;
	const sorted = [...targets].sort((a, b) => a.year.year - b.year.year);
	return sorted.find((t) => t.year.year >= year) ?? sorted[sorted.length - 1]!;
}

/** The year a record's figure refers to. */
export function figureYear(record: YearRecord): number {
	return record.dataYear?.year ?? record.fiscalYear;
}

/** The single number judged for a non-series value. */
function mainNumber(v: IndicatorValue): number | null {
	switch (v.kind) {
		case 'number':
		case 'snapshot':
			return v.value;
		case 'count-with-participants':
		case 'count-with-related':
			return v.count;
		case 'series':
			return null;
	}
}

function undetermined(
	fiscalYear: number,
	reason: UndeterminedReason,
	target: Target | null = null,
	expected: number | null = null
): ProgressResult {
	return { fiscalYear, status: 'undetermined', rate: null, expected, basis: null, target, reason };
}

/** Progress of the indicator in a fiscal year (undetermined when there is no record). */
export function assessProgress(indicator: Indicator, fiscalYear: number): ProgressResult {
	const record = indicator.records.find((r) => r.fiscalYear === fiscalYear);
	return record ? assessRecord(indicator, record) : undetermined(fiscalYear, 'no-record');
}

/** Progress of one yearly record, by the rules at the top of this file. */
export function assessRecord(indicator: Indicator, record: YearRecord): ProgressResult {
	const fy = record.fiscalYear;
	const year = figureYear(record);
	const target = applicableTarget(indicator.targets, year);
	if (!target) return undetermined(fy, 'no-numeric-target');
	const expected = expectedShare(indicator.baseline.year.year, target.year.year, year);
	const actual = record.value;
	if (actual.kind === 'unreadable') return undetermined(fy, 'unreadable', target, expected);
	if (actual.kind === 'none') return undetermined(fy, 'no-record', target, expected);
	if (actual.kind !== indicator.shape.kind) {
		return undetermined(fy, 'shape-mismatch', target, expected);
	}

	// A text target: judged on the related-number ratio when there is one.
	if (target.value.kind === 'text') {
		if (actual.kind !== 'count-with-related') {
			return undetermined(fy, 'no-numeric-target', target, expected);
		}
		if (actual.related === null || actual.related <= 0) {
			return undetermined(fy, 'no-related-number', target, expected);
		}
		const rate = actual.count / actual.related;
		return {
			fiscalYear: fy,
			status: statusFromRate(rate, expected),
			rate,
			expected,
			basis: 'related-ratio',
			target
		};
	}
	if (target.value.kind === 'unreadable' || target.value.kind === 'none') {
		return undetermined(fy, 'no-numeric-target', target, expected);
	}
	const baseline = indicator.baseline.value;
	if (baseline.kind === 'unreadable') return undetermined(fy, 'unreadable', target, expected);
	if (baseline.kind === 'none') return undetermined(fy, 'no-baseline', target, expected);
	if (baseline.kind !== actual.kind || target.value.kind !== actual.kind) {
		return undetermined(fy, 'shape-mismatch', target, expected);
	}

	if (actual.kind === 'series' && baseline.kind === 'series') {
		return assessSeries(indicator, fy, target, expected, baseline, target.value, actual);
	}
	const b = mainNumber(baseline)!;
	const t = mainNumber(target.value as IndicatorValue)!;
	const a = mainNumber(actual)!;
	const one = judge(indicator, b, t, a, expected);
	if ('reason' in one) return undetermined(fy, one.reason, target, expected);
	return {
		fiscalYear: fy,
		status: one.status,
		rate: one.rate,
		expected,
		basis: indicator.direction === 'keep' ? 'keep-tolerance' : 'change-from-baseline',
		target
	};
}

type Judged = { status: ProgressStatus; rate: number | null } | { reason: UndeterminedReason };

/** Rules 2 and 4 for one number. */
function judge(indicator: Indicator, b: number, t: number, a: number, expected: number): Judged {
	// The loader refuses a numeric target without a direction; this keeps the type honest.
	if (indicator.direction === undefined) return { reason: 'no-numeric-target' };
	if (indicator.direction === 'keep') {
		const tolerance = indicator.tolerance ?? 0;
		return {
			status: Math.abs(a - t) <= tolerance + RATE_EPSILON ? 'achieved' : 'behind',
			rate: null
		};
	}
	if (Math.abs(t - b) < RATE_EPSILON) return { reason: 'target-equals-baseline' };
	if ((indicator.direction === 'increase') !== t > b) return { reason: 'target-against-direction' };
	const rate = achievementRate(indicator.direction, b, t, a)!;
	return { status: statusFromRate(rate, expected), rate };
}

function assessSeries(
	indicator: Indicator,
	fy: number,
	target: Target,
	expected: number,
	baseline: Extract<IndicatorValue, { kind: 'series' }>,
	targetValue: TargetValue,
	actual: Extract<IndicatorValue, { kind: 'series' }>
): ProgressResult {
	if (indicator.shape.kind !== 'series' || targetValue.kind !== 'series') {
		return undetermined(fy, 'shape-mismatch', target, expected);
	}
	const series: Record<string, SeriesProgress> = {};
	const rates: number[] = [];
	const statuses: ProgressStatus[] = [];
	for (const { key } of indicator.shape.series) {
		const b = baseline.values[key];
		const t = targetValue.values[key];
		const a = actual.values[key];
		if (b === undefined || t === undefined || a === undefined) {
			return undetermined(fy, 'missing-series', target, expected);
		}
		const one = judge(indicator, b, t, a, expected);
		if ('reason' in one) return undetermined(fy, one.reason, target, expected);
		series[key] = { rate: one.rate, status: one.status };
		if (one.rate !== null) rates.push(one.rate);
		statuses.push(one.status);
	}
	if (indicator.direction === 'keep') {
		return {
			fiscalYear: fy,
			status: statuses.every((s) => s === 'achieved') ? 'achieved' : 'behind',
			rate: null,
			expected,
			basis: 'keep-tolerance',
			target,
			series
		};
	}
	const rate = Math.min(...rates);
	return {
		fiscalYear: fy,
		status: statusFromRate(rate, expected),
		rate,
		expected,
		basis: 'change-from-baseline',
		target,
		series
	};
}
