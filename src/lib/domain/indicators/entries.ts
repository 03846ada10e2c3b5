/**
 * Staff entries of yearly figures, and the plan as it stands with them.
 *
 * An entry is never edited: a correction is a new entry, and the latest stamp (HLC of the
 * edit) is the year's record, so two staff offline at once converge on the same figure and
 * every earlier entry stays as history. An entry replaces the transcribed record of the same
 * indicator and fiscal year in every view and output; the transcribed figure is kept on the
 * record as `replaced` and heads the year's history, so an official figure never vanishes
 * without a trace when staff enter or adopt another.
 */
import { decodeHlc } from '../sync/hlc';
import type {
	Indicator,
	IndicatorValue,
	PeriodRef,
	PlanPack,
	ReplacedRecord,
	Source,
	YearRecord
} from './model';

export interface IndicatorEntry {
	entryId: string;
	planId: string;
	indicatorNumber: number;
	fiscalYear: number;
	/** HLC stamp of the edit: orders entries, and says when it was made. */
	at: string;
	value: IndicatorValue;
	activities: string;
	source: Source;
	dataYear?: PeriodRef;
	note: string | null;
	/** The account that entered it (e-mail), filled in by the server. */
	recordedBy: string;
}

/** One record per plan, indicator and year: the key entries of the same year share. */
export const entryKey = (e: Pick<IndicatorEntry, 'planId' | 'indicatorNumber' | 'fiscalYear'>) =>
	`${e.planId}/${e.indicatorNumber}/${e.fiscalYear}`;

/** When the entry was made, as an ISO instant (from its stamp). */
export function entryTime(entry: Pick<IndicatorEntry, 'at'>): string {
	const wall = decodeHlc(entry.at)?.wall ?? 0;
	return new Date(wall).toISOString();
}

/** The latest entry of each key. */
export function latestEntries(entries: readonly IndicatorEntry[]): IndicatorEntry[] {
	const latest = new Map<string, IndicatorEntry>();
	for (const e of entries) {
		const key = entryKey(e);
		const seen = latest.get(key);
		if (!seen || e.at > seen.at) latest.set(key, e);
	}
	return [...latest.values()];
}

export function entryToYearRecord(entry: IndicatorEntry): YearRecord {
	const record: YearRecord = {
		fiscalYear: entry.fiscalYear,
		value: entry.value,
		activities: entry.activities,
		source: entry.source,
		recordedBy: entry.recordedBy || '—',
		recordedAt: entryTime(entry)
	};
	if (entry.dataYear) record.dataYear = entry.dataYear;
	if (entry.note) record.note = entry.note;
	return record;
}

/** What a staff entry keeps of the transcribed record it stands in for. */
function replacedBy(record: YearRecord): ReplacedRecord {
	return {
		value: record.value,
		...(record.printed === undefined ? {} : { printed: record.printed }),
		source: record.source,
		recordedBy: record.recordedBy,
		recordedAt: record.recordedAt
	};
}

/**
 * The plan with staff entries applied: each entry's year record replaces the transcribed one
 * (or is added) and keeps it as `replaced`; records stay in year order. Entries of other plans
 * are ignored. The pack itself is not changed.
 */
export function withEntries(
	pack: PlanPack,
	planId: string,
	entries: readonly IndicatorEntry[]
): PlanPack {
	const mine = latestEntries(entries.filter((e) => e.planId === planId));
	if (mine.length === 0) return pack;
	const byIndicator = new Map<number, IndicatorEntry[]>();
	for (const e of mine) {
		byIndicator.set(e.indicatorNumber, [...(byIndicator.get(e.indicatorNumber) ?? []), e]);
	}
	return {
		...pack,
		indicators: pack.indicators.map((ind) => {
			const own = byIndicator.get(ind.number);
			if (!own) return ind;
			const years = new Set(own.map((e) => e.fiscalYear));
			const transcribed = new Map(ind.records.map((r) => [r.fiscalYear, r]));
			const entered = own.map((e): YearRecord => {
				const record = entryToYearRecord(e);
				const replaced = transcribed.get(e.fiscalYear);
				return replaced ? { ...record, replaced: replacedBy(replaced) } : record;
			});
			const records = [...ind.records.filter((r) => !years.has(r.fiscalYear)), ...entered].sort(
				(a, b) => a.fiscalYear - b.fiscalYear
			);
			return { ...ind, records };
		})
	};
}

/** One line of a year's history: the figure transcribed from the plan's documents, or an entry. */
export type HistoryItem =
	| { kind: 'transcribed'; record: YearRecord; standing: boolean }
	| { kind: 'entry'; entry: IndicatorEntry; standing: boolean };

/**
 * The history of one indicator's fiscal year, oldest first: the record transcribed from the
 * plan's documents (from the pack: `indicator` must be the pack's, not the effective one), then
 * every staff entry of that year in stamp order. The standing one — the latest entry, else the
 * transcribed record — is marked.
 */
export function yearHistory(
	indicator: Indicator,
	fiscalYear: number,
	entries: readonly IndicatorEntry[]
): HistoryItem[] {
	const own = entries
		.filter((e) => e.indicatorNumber === indicator.number && e.fiscalYear === fiscalYear)
		.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	const record = indicator.records.find((r) => r.fiscalYear === fiscalYear);
	const items: HistoryItem[] = record
		? [{ kind: 'transcribed', record, standing: own.length === 0 }]
		: [];
	own.forEach((entry, i) => items.push({ kind: 'entry', entry, standing: i === own.length - 1 }));
	return items;
}
