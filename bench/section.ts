/**
 * The contract between `bench/run.ts` and its sections. A section is a named async function
 * returning rows for the final table; it measures, it does not print (progress goes to stderr
 * from the runner) so the table stays the one thing on stdout.
 */

export interface Row {
	/** `section: what`, e.g. `places: text search "ｻﾛﾝ"`. */
	benchmark: string;
	/** Human-readable result, e.g. `median 8.1 ms · p95 9.4 ms (20 runs) · 37,512 hits`. */
	figure: string;
	/** e.g. `p95 ≤ 50 ms`; `—` when the row only reports. */
	target: string;
	/** Whether the target was met; null when there is no target. */
	ok: boolean | null;
	/** Raw numbers behind `figure`, for `bench/results/latest.json` and trend comparisons. */
	values?: Record<string, number>;
}

export interface Section {
	/** The name selected on the command line: `npm run bench -- <name> …`. */
	name: string;
	run(): Promise<Row[]>;
}

export const NO_TARGET = '—';
