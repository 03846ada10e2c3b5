/**
 * The shape of one computed indicator: everything about it in one file of computed/ — its id
 * (what plan.json's `computedFrom` names), the value kind it yields, its machine-readable query
 * (stored as the source of an adopted figure), what it counts in words for staff, the place
 * categories whose places it reads (the server fetches those), and the rule itself.
 */
import type { IndicatorValue } from '../value';
import type { ComputedFigure } from './types';
import type { CountingYear } from './year';

export interface ComputationDefinition<Id extends string = string> {
	id: Id;
	valueKind: IndicatorValue['kind'];
	query: string;
	definition: { ja: string; en: string };
	/** Place categories whose places (and their history) this computation reads. */
	countsCategories: readonly string[];
	compute(year: CountingYear): ComputedFigure;
}

/** Keeps the id's literal type, so the registry's ids form a closed list. */
export function defineComputation<Id extends string>(
	definition: ComputationDefinition<Id>
): ComputationDefinition<Id> {
	return definition;
}
