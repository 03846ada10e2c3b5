/**
 * Timing and number formatting shared by the sections. Wall-clock via `performance.now()`;
 * warm-up runs let the JIT settle before samples count. Percentiles are nearest-rank, so with
 * 20 runs p95 is the 19th fastest run: one GC pause shows up in max, not necessarily in p95.
 */

export interface Timing {
	median: number;
	p95: number;
	min: number;
	max: number;
	runs: number;
}

export interface TimeRunsOptions {
	warmup?: number;
	runs?: number;
}

export const DEFAULT_WARMUP = 3;
export const DEFAULT_RUNS = 20;

/** Nearest-rank percentile of already sorted samples; p in (0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Timing {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		median: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		min: sorted[0] ?? Number.NaN,
		max: sorted[sorted.length - 1] ?? Number.NaN,
		runs: sorted.length
	};
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed. Returns the timing and the last
 * result, which callers should use (e.g. report its size) so the work cannot be optimised away.
 */
export function timeRuns<T>(
	fn: () => T,
	{ warmup = DEFAULT_WARMUP, runs = DEFAULT_RUNS }: TimeRunsOptions = {}
): { timing: Timing; result: T } {
	if (runs < 1) throw new RangeError('timeRuns needs at least one timed run');
	let result: T | undefined;
	for (let i = 0; i < warmup; i++) result = fn();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		result = fn();
		samples.push(performance.now() - start);
	}
	return { timing: summarize(samples), result: result as T };
}

/** One timed call, for things that happen once per page load (building an index). */
export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
	const start = performance.now();
	const result = fn();
	return { ms: performance.now() - start, result };
}

export const formatMs = (ms: number): string =>
	`${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toString()} ms`;

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export const formatTiming = (t: Timing): string =>
	`median ${formatMs(t.median)} · p95 ${formatMs(t.p95)} (${t.runs} runs)`;

/** The raw numbers of a timing, rounded to the microsecond, for a row's `values`. */
export const timingValues = (t: Timing): Record<string, number> => ({
	medianMs: round3(t.median),
	p95Ms: round3(t.p95),
	minMs: round3(t.min),
	maxMs: round3(t.max),
	runs: t.runs
});

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
