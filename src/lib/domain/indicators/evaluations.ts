/**
 * Staff evaluations of a plan indicator's fiscal year — 成果, 課題, a mark (◎ ○ △ ×) and a
 * direction (拡充 継続 見直し 廃止) with its reason, the shape of the older evaluation table
 * (seeds 003) — and the plan as it stands with them.
 *
 * Like figure entries (entries.ts) an evaluation is never edited: a correction is a new
 * evaluation, the one with the latest stamp (HLC of the edit) is the year's, so two staff
 * offline at once converge, and every earlier one stays as history on the server. A staff
 * evaluation replaces the pack's evaluation filed under the same year in every view and output;
 * the pack's transcribed 成果・課題 (document 001, covering 令和4–6年度) are the text a new
 * evaluation starts from.
 *
 * The rules (what must be filled in) are written once here and applied by the form and by the
 * server, so the screen never accepts what the server would refuse.
 */
import { decodeHlc } from '../sync/hlc';
import {
	TEXT_LIMITS,
	type Evaluation,
	type EvaluationDirection,
	type EvaluationMark,
	type EvaluationVocabulary,
	type Indicator,
	type PlanPack,
	type Source
} from './model';

export interface EvaluationEntry {
	evaluationId: string;
	planId: string;
	indicatorNumber: number;
	fiscalYear: number;
	/** HLC stamp of the edit: orders evaluations, and says when it was made. */
	at: string;
	/** 成果: what went well. */
	results: string | null;
	/** 課題: what remains to be solved. */
	issues: string | null;
	mark: EvaluationMark | null;
	direction: EvaluationDirection | null;
	/** Why that direction (左記選択の理由). */
	reason: string | null;
	/** The department the evaluation is given by (担当課). */
	department: string;
	/** The account that recorded it (e-mail), filled in by the server. */
	recordedBy: string;
}

/** What a person fills in; the rest (ids, stamp, who) is added on write. */
export type EvaluationInput = Pick<
	EvaluationEntry,
	| 'planId'
	| 'indicatorNumber'
	| 'fiscalYear'
	| 'results'
	| 'issues'
	| 'mark'
	| 'direction'
	| 'reason'
	| 'department'
>;

/**
 * One evaluation per plan, indicator and year. The suffix keeps it apart from the year's
 * figure entry (entryKey) wherever both are keyed by text, e.g. the outbox's entity ids.
 */
export const evaluationKey = (
	e: Pick<EvaluationEntry, 'planId' | 'indicatorNumber' | 'fiscalYear'>
) => `${e.planId}/${e.indicatorNumber}/${e.fiscalYear}/evaluation`;

/**
 * The directions that change course and need their reason written down: the plan says which
 * (`needsReason` in plan.json; 鶴ヶ島: 見直し and 廃止).
 */
export function directionsNeedingReason(vocabulary: EvaluationVocabulary): EvaluationDirection[] {
	return vocabulary.directions.filter((d) => d.needsReason).map((d) => d.code);
}

export const EVALUATION_FIELDS = [
	'results',
	'issues',
	'mark',
	'direction',
	'reason',
	'department'
] as const;
export type EvaluationField = (typeof EVALUATION_FIELDS)[number];

export type EvaluationIssueCode = 'empty' | 'reason-required' | 'required' | 'too-long' | 'unknown';
export interface EvaluationIssue {
	field: EvaluationField;
	code: EvaluationIssueCode;
}

/** The longest text of each text field (the model's limits for an evaluation's texts). */
const TEXT_FIELD_LIMITS = {
	results: TEXT_LIMITS.long,
	issues: TEXT_LIMITS.long,
	reason: TEXT_LIMITS.long,
	department: TEXT_LIMITS.short
} as const;

const blank = (s: string | null) => (s ?? '').trim() === '';

/**
 * What keeps an evaluation from being recorded: an evaluation with nothing in it (`empty`, on
 * 成果), a direction that needs its reason (見直し, 廃止) without one, no department, text over its
 * limit, or a mark or direction outside the plan's vocabulary. Empty list: it may be recorded.
 * A partial evaluation is allowed (成果・課題 written before the mark is decided, as document 001
 * states them).
 */
export function evaluationIssues(
	input: Pick<EvaluationInput, EvaluationField>,
	vocabulary: EvaluationVocabulary
): EvaluationIssue[] {
	const issues: EvaluationIssue[] = [];
	for (const [field, limit] of Object.entries(TEXT_FIELD_LIMITS) as [EvaluationField, number][]) {
		const text = input[field] as string | null;
		if (text !== null && text.length > limit) issues.push({ field, code: 'too-long' });
	}
	if (input.mark !== null && !vocabulary.marks.some((m) => m.code === input.mark)) {
		issues.push({ field: 'mark', code: 'unknown' });
	}
	if (input.direction !== null && !vocabulary.directions.some((d) => d.code === input.direction)) {
		issues.push({ field: 'direction', code: 'unknown' });
	}
	if (blank(input.department)) issues.push({ field: 'department', code: 'required' });
	const nothing =
		blank(input.results) &&
		blank(input.issues) &&
		input.mark === null &&
		input.direction === null &&
		blank(input.reason);
	if (nothing) issues.push({ field: 'results', code: 'empty' });
	if (
		input.direction !== null &&
		directionsNeedingReason(vocabulary).includes(input.direction) &&
		blank(input.reason)
	) {
		issues.push({ field: 'reason', code: 'reason-required' });
	}
	return issues;
}

/** When the evaluation was made, as an ISO instant (from its stamp). */
export function evaluationTime(entry: Pick<EvaluationEntry, 'at'>): string {
	return new Date(decodeHlc(entry.at)?.wall ?? 0).toISOString();
}

/** The latest evaluation of each plan, indicator and year. */
export function latestEvaluations(entries: readonly EvaluationEntry[]): EvaluationEntry[] {
	const latest = new Map<string, EvaluationEntry>();
	for (const e of entries) {
		const key = evaluationKey(e);
		const seen = latest.get(key);
		if (!seen || e.at > seen.at) latest.set(key, e);
	}
	return [...latest.values()];
}

/** A staff evaluation as the model holds one: given by its department, recorded by its author. */
export function entryToEvaluation(entry: EvaluationEntry): Evaluation {
	return {
		fiscalYear: entry.fiscalYear,
		results: entry.results,
		issues: entry.issues,
		mark: entry.mark,
		direction: entry.direction,
		reason: entry.reason,
		source: { kind: 'reported', by: entry.department },
		recordedBy: entry.recordedBy || '—',
		recordedAt: evaluationTime(entry)
	};
}

/**
 * The plan with staff evaluations applied: the latest evaluation of each indicator and year
 * replaces the pack's evaluation filed under that year (or is added); evaluations stay in year
 * order. Evaluations of other plans are ignored. The pack itself is not changed.
 */
export function withEvaluations(
	pack: PlanPack,
	planId: string,
	entries: readonly EvaluationEntry[]
): PlanPack {
	const mine = latestEvaluations(entries.filter((e) => e.planId === planId));
	if (mine.length === 0) return pack;
	const byIndicator = new Map<number, EvaluationEntry[]>();
	for (const e of mine) {
		byIndicator.set(e.indicatorNumber, [...(byIndicator.get(e.indicatorNumber) ?? []), e]);
	}
	return {
		...pack,
		indicators: pack.indicators.map((ind) => {
			const own = byIndicator.get(ind.number);
			if (!own) return ind;
			const years = new Set(own.map((e) => e.fiscalYear));
			const evaluations = [
				...ind.evaluations.filter((e) => !years.has(e.fiscalYear)),
				...own.map(entryToEvaluation)
			].sort((a, b) => a.fiscalYear - b.fiscalYear);
			return { ...ind, evaluations };
		})
	};
}

/**
 * The pack's evaluation whose years cover `fiscalYear` (document 001's 成果・課題 are filed
 * under 令和6年度 and cover 令和4–6年度), or undefined. `indicator` is the pack's.
 */
export function transcribedEvaluation(
	indicator: Indicator,
	fiscalYear: number
): Evaluation | undefined {
	return indicator.evaluations.find(
		(e) => (e.fromFiscalYear ?? e.fiscalYear) <= fiscalYear && fiscalYear <= e.fiscalYear
	);
}

// ---------------------------------------------------------------------------------------------
// The form, without its screen

/** What is typed into the evaluation form; kept as a draft on the device until it is saved. */
export interface EvaluationDraft {
	fiscalYear: number;
	results: string;
	issues: string;
	/** '' while not decided. */
	mark: EvaluationMark | '';
	direction: EvaluationDirection | '';
	reason: string;
	department: string;
	/** Where the starting text came from (the year's standing evaluation, or a document). */
	startedFrom: Source | null;
	/** True once something was typed: only then does the draft outlive a reload. */
	dirty: boolean;
}

/**
 * A draft for one year: the year's standing evaluation (a staff evaluation of the effective
 * plan, or the pack's filed under that year), else the pack's transcribed 成果・課題 covering the
 * year as the starting text, else empty. The department is the evaluation's, else the
 * indicator's first.
 */
export function evaluationDraft(
	packIndicator: Indicator,
	effectiveIndicator: Indicator,
	fiscalYear: number
): EvaluationDraft {
	const standing =
		effectiveIndicator.evaluations.find((e) => e.fiscalYear === fiscalYear) ??
		transcribedEvaluation(packIndicator, fiscalYear);
	const department =
		standing?.source.kind === 'reported'
			? standing.source.by
			: (packIndicator.departments[0] ?? '');
	return {
		fiscalYear,
		results: standing?.results ?? '',
		issues: standing?.issues ?? '',
		mark: standing?.mark ?? '',
		direction: standing?.direction ?? '',
		reason: standing?.reason ?? '',
		department,
		startedFrom: standing?.source ?? null,
		dirty: false
	};
}

const textOrNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The `indicator.evaluate` input of a draft: trimmed, blank texts and undecided choices null. */
export function evaluationInput(
	planId: string,
	indicatorNumber: number,
	draft: EvaluationDraft
): EvaluationInput {
	return {
		planId,
		indicatorNumber,
		fiscalYear: draft.fiscalYear,
		results: textOrNull(draft.results),
		issues: textOrNull(draft.issues),
		mark: draft.mark === '' ? null : draft.mark,
		direction: draft.direction === '' ? null : draft.direction,
		reason: textOrNull(draft.reason),
		department: draft.department.trim()
	};
}

/** One line of a year's evaluation history: the pack's evaluation, or a staff one. */
export type EvaluationHistoryItem =
	| { kind: 'transcribed'; evaluation: Evaluation; standing: boolean }
	| { kind: 'entry'; entry: EvaluationEntry; standing: boolean };

/**
 * The evaluations of one indicator's year, oldest first: the pack's evaluation filed under the
 * year or covering it, then every staff evaluation in stamp order; the standing one marked (a
 * transcribed evaluation covering the year from a later one stands only where it is filed).
 */
export function evaluationHistory(
	packIndicator: Indicator,
	fiscalYear: number,
	entries: readonly EvaluationEntry[]
): EvaluationHistoryItem[] {
	const own = entries
		.filter((e) => e.indicatorNumber === packIndicator.number && e.fiscalYear === fiscalYear)
		.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	const transcribed = transcribedEvaluation(packIndicator, fiscalYear);
	const items: EvaluationHistoryItem[] = transcribed
		? [
				{
					kind: 'transcribed',
					evaluation: transcribed,
					standing: own.length === 0 && transcribed.fiscalYear === fiscalYear
				}
			]
		: [];
	own.forEach((entry, i) => items.push({ kind: 'entry', entry, standing: i === own.length - 1 }));
	return items;
}
