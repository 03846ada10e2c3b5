/**
 * Indicators computed from the app's own records, per fiscal year and per school district.
 *
 * The plan pack says which indicator a computation feeds (`computedFrom` in plan.json); the
 * computations themselves are a fixed registry, one file each in computed/ (id, value kind,
 * query, what it counts in words, the rule), because each one is a definition staff must be
 * able to read and trust. The server only fetches rows (server/indicators-repo.ts, which reads
 * the place categories the registry names); every rule about what counts lives in domain,
 * framework-free and tested. This module assembles the registry and keeps the shared rules.
 *
 * Rules shared by all computations:
 * - The fiscal year runs April 1 – March 31 in Japan's calendar (fiscal-year.ts). A record
 *   dated March 31 belongs to the year ending then; April 1 starts the next one.
 * - "Held" means dated in the fiscal year and not after today: a meeting planned for next
 *   week is not counted yet.
 * - "At fiscal-year end" is the state after every change in effect before April 1 00:00 JST
 *   of the next year (fiscalYearEndInstant). A change's time is the moment the person made it
 *   on their device (its hybrid-logical-clock stamp), so an edit made offline on March 31 and
 *   synced on April 2 still counts for the year it was made in; but an edit that reaches the
 *   server more than MAX_OFFLINE_MS after its stamp takes effect only MAX_OFFLINE_MS before
 *   it arrived (sync/effective-stamp.ts), so no clock set back can rewrite a settled year.
 *   Among the changes in effect, the latest stamp wins, as in the merge.
 * - Cancelled meetings (中止) are kept but counted nowhere.
 * - District attribution: a record counts for each of its districts; the city total counts
 *   it once. Records with no district (a city-wide training) count only in the total.
 * - Counts are built from canonical records only: the latest version of a session or team,
 *   each device's tally once (sumTallies). Syncing twice can never count twice.
 */
import { REGISTRY } from './computed';
import type { ComputedFigure, ComputeInput } from './computed/types';
import { countingYear } from './computed/year';
import type { IndicatorValue } from './value';

export type * from './computed/types';
export { placeStateAt, roundToTenth, teamStateAt } from './computed/year';

export type Computation = (typeof REGISTRY)[number]['id'];

/** The ids of the registry, for plan.json's `computedFrom`. */
export const COMPUTATIONS = REGISTRY.map((c) => c.id) as unknown as readonly [
	Computation,
	...Computation[]
];

const byId = <T>(value: (c: (typeof REGISTRY)[number]) => T) =>
	Object.fromEntries(REGISTRY.map((c) => [c.id, value(c)])) as Record<Computation, T>;

/** The value kind each computation yields; an indicator fed by it must have this shape. */
export const COMPUTATION_VALUE_KIND: Record<Computation, IndicatorValue['kind']> = byId(
	(c) => c.valueKind
);

/** Machine-readable name of each computation: stored as the source of an adopted figure. */
export const COMPUTATION_QUERY: Record<Computation, string> = byId((c) => c.query);

/** Place categories whose places some computation reads (the server fetches only those). */
export const COUNTED_CATEGORIES: readonly string[] = [
	...new Set(REGISTRY.flatMap((c) => c.countsCategories))
];

export interface ComputedYear {
	fiscalYear: number;
	/** The last day counted: the fiscal-year end, or today while the year runs. */
	countedThrough: string;
	/** True while the fiscal year has not ended: figures will still grow. */
	partial: boolean;
	figures: Record<Computation, ComputedFigure>;
}

/** Every computation for one fiscal year. Pure: the same rows always give the same figures. */
export function computeIndicators(input: ComputeInput): ComputedYear {
	const year = countingYear(input);
	return {
		fiscalYear: input.fiscalYear,
		countedThrough: year.countedThrough,
		partial: input.today < year.end,
		figures: byId((c) => c.compute(year))
	};
}
