/**
 * The staff entry form of one plan indicator, without its screen: what is typed (a draft) is
 * read into an IndicatorValue of the indicator's shape, each issue goes back to the field it
 * concerns, and a valid draft becomes the body of an `indicator.record` op.
 *
 * The form asks for a value the way the documents print it, but one field per part (count and
 * participants apart, one field per series) so that staff never type the brackets; the parts
 * are joined back into the printed notation and read with parseIndicatorValue, so the screen
 * and the plan's loader accept exactly the same texts.
 */
import type { OpOf } from '../sync/protocol';
import {
	formatIndicatorValue,
	formatNumber,
	parseIndicatorValue,
	type Indicator,
	type IndicatorValue,
	type PeriodRef,
	type Source,
	type ValueShape,
	type ValueIssueCode
} from './model';

/** What is typed into the form; kept as a draft on the device until it is saved. */
export interface EntryDraft {
	fiscalYear: number;
	/** The whole value as typed (number and snapshot shapes). */
	value: string;
	/** One text per part: series keys, or count / participants / related. */
	parts: Record<string, string>;
	asOf: string;
	dataYear: string;
	activities: string;
	sourceKind: 'reported' | 'document';
	reportedBy: string;
	reportedNote: string;
	document: string;
	section: string;
	note: string;
	/** True once something was typed: only then does the draft outlive a reload. */
	dirty: boolean;
}

/**
 * One input of the form, with what its label needs: `value` (number, snapshot), one per series
 * (keyed by the series key), or `count` with `participants` / `related` (which may stay empty).
 */
export type EntryField =
	| { key: 'value'; role: 'value'; required: true }
	| { key: string; role: 'series'; label: string; required: true }
	| { key: 'count'; role: 'count'; required: true }
	| { key: 'participants'; role: 'participants'; unit: string; required: false }
	| { key: 'related'; role: 'related'; label: string; unit: string; required: false };

export type EntryIssueCode = ValueIssueCode | 'required';
export interface EntryIssue {
	code: EntryIssueCode;
	/** `warning` issues are shown but do not block saving. */
	severity: 'error' | 'warning';
}
/** The issues of each field, by field key. */
export type EntryIssues = Record<string, EntryIssue[]>;

export interface CheckedEntry {
	/** The value to record, or null while any field has an error. */
	value: IndicatorValue | null;
	issues: EntryIssues;
}

/** How many years an indicator's data year trails the fiscal year, and what kind of year it is. */
export interface DataYearLag {
	kind: PeriodRef['kind'];
	years: number;
}

/** The `indicator.record` op as a screen hands it over (the op's identity is added on write). */
export type IndicatorRecordInput = Omit<
	OpOf<'indicator.record'>,
	'opId' | 'deviceId' | 'at' | 'kind' | 'entryId'
>;

/** The fields of a shape, in the order the documents print the parts. */
export function entryFields(shape: ValueShape): EntryField[] {
	switch (shape.kind) {
		case 'number':
		case 'snapshot':
			return [{ key: 'value', role: 'value', required: true }];
		case 'series':
			return shape.series.map((s) => ({
				key: s.key,
				role: 'series',
				label: s.label,
				required: true
			}));
		case 'count-with-participants':
			return [
				{ key: 'count', role: 'count', required: true },
				{
					key: 'participants',
					role: 'participants',
					unit: shape.participantsUnit,
					required: false
				}
			];
		case 'count-with-related':
			return [
				{ key: 'count', role: 'count', required: true },
				{ key: 'related', role: 'related', ...shape.related, required: false }
			];
	}
}

/**
 * The lag of the indicator's latest record that names a data year (No. 18's 健康寿命 of
 * 令和2年 is the figure of 令和4年度: two calendar years), or null when its figures are the
 * fiscal year's own. Only indicators with a lag show the data-year field.
 */
export function dataYearLag(indicator: Indicator): DataYearLag | null {
	const r = indicator.records.findLast((x) => x.dataYear);
	return r?.dataYear ? { kind: r.dataYear.kind, years: r.fiscalYear - r.dataYear.year } : null;
}

/** The data year to offer for a fiscal year, as the form's select holds it ('' when none). */
export function guessDataYear(lag: DataYearLag | null, fiscalYear: number): string {
	return lag ? String(fiscalYear - lag.years) : '';
}

const partText = (n: number | null | undefined) =>
	n === null || n === undefined ? '' : formatNumber(n, 4);

/**
 * A draft holding the year's standing record, or an empty one reported by the indicator's
 * first department. The data year follows the record's own lag, else the indicator's.
 */
export function draftFromRecord(indicator: Indicator, fiscalYear: number): EntryDraft {
	const r = indicator.records.find((x) => x.fiscalYear === fiscalYear);
	const d: EntryDraft = {
		fiscalYear,
		value: '',
		parts: {},
		asOf: '',
		dataYear: '',
		activities: r?.activities ?? '',
		sourceKind: 'reported',
		reportedBy: indicator.departments[0] ?? '',
		reportedNote: '',
		document: '',
		section: '',
		note: r?.note ?? '',
		dirty: false
	};
	const ownLag = r?.dataYear
		? { kind: r.dataYear.kind, years: r.fiscalYear - r.dataYear.year }
		: null;
	d.dataYear = guessDataYear(ownLag ?? dataYearLag(indicator), fiscalYear);
	const v = r?.value;
	if (v && v.kind !== 'unreadable') {
		switch (v.kind) {
			case 'number':
				d.value = formatIndicatorValue(indicator.shape, v);
				break;
			case 'snapshot':
				d.value = formatIndicatorValue(indicator.shape, v);
				d.asOf = v.asOf ?? r?.asOf ?? '';
				break;
			case 'count-with-participants':
				d.parts = { count: partText(v.count), participants: partText(v.participants) };
				break;
			case 'count-with-related':
				d.parts = { count: partText(v.count), related: partText(v.related) };
				break;
			case 'series':
				d.parts = Object.fromEntries(Object.entries(v.values).map(([k, n]) => [k, partText(n)]));
		}
	}
	const s = r?.source;
	if (s?.kind === 'reported') {
		d.reportedBy = s.by;
		d.reportedNote = s.note ?? '';
	} else if (s?.kind === 'document') {
		d.sourceKind = 'document';
		d.document = s.document;
		d.section = s.section ?? '';
	}
	return d;
}

type TypedValue = Pick<EntryDraft, 'value' | 'parts' | 'asOf'>;

const fieldText = (typed: TypedValue, key: string) =>
	key === 'value' ? typed.value : (typed.parts[key] ?? '');
const looksNumeric = (s: string) => /^-?[\d,]+(\.\d+)?$/.test(s.normalize('NFKC').trim());

/** The parts joined the way the documents print them: `8（156）`, `男性18.03 女性21.08`. */
function printedText(shape: ValueShape, typed: TypedValue): string {
	const part = (k: string) => fieldText(typed, k).trim();
	switch (shape.kind) {
		case 'number':
		case 'snapshot':
			return typed.value;
		case 'series':
			return shape.series.map((s) => `${s.label}${part(s.key)}`).join(' ');
		case 'count-with-participants':
			return part('participants') ? `${part('count')}（${part('participants')}）` : part('count');
		case 'count-with-related':
			return part('related') ? `${part('count')}（${part('related')}）` : part('count');
	}
}

/**
 * Reads what was typed into a value of the shape. An empty required field is `required` and
 * nothing is parsed; otherwise each issue of parseIndicatorValue goes to the field of its path
 * (`values.female` → `female`). A text the parser cannot read at all is blamed on the fields
 * that hold something other than a number, so `８` and `156人` pass and `156名` is pointed at.
 */
export function checkEntry(shape: ValueShape, typed: TypedValue): CheckedEntry {
	const fields = entryFields(shape);
	const issues: EntryIssues = {};
	const add = (key: string, issue: EntryIssue) => (issues[key] ??= []).push(issue);
	const part = (k: string) => fieldText(typed, k).trim();
	for (const f of fields) {
		if (f.required && part(f.key) === '') add(f.key, { code: 'required', severity: 'error' });
	}
	if (Object.keys(issues).length) return { value: null, issues };
	const result = parseIndicatorValue(shape, printedText(shape, typed));
	for (const { code, path, severity } of result.issues) {
		const issue = { code, severity };
		if (code === 'unparseable' && fields.length > 1) {
			const bad = fields.filter((f) => part(f.key) && !looksNumeric(part(f.key)));
			for (const f of bad.length ? bad : fields.slice(0, 1)) add(f.key, issue);
			continue;
		}
		const key = path.replace(/^values\./, '');
		add(fields.some((f) => f.key === key) ? key : fields[0]!.key, issue);
	}
	if (!result.ok) return { value: null, issues };
	const value: IndicatorValue =
		result.value.kind === 'snapshot' && typed.asOf
			? { ...result.value, asOf: typed.asOf }
			: result.value;
	return { value, issues };
}

/** Fields in error plus a missing source (the department, or the document): what blocks saving. */
export function entryErrorCount(draft: EntryDraft, issues: EntryIssues): number {
	const fieldErrors = Object.values(issues).filter((list) =>
		list.some((i) => i.severity === 'error')
	).length;
	const sourceMissing =
		draft.sourceKind === 'reported' ? !draft.reportedBy.trim() : !draft.document;
	return fieldErrors + (sourceMissing ? 1 : 0);
}

/** What to show as an example of a value: the latest figure, else the baseline. */
export function entryExample(indicator: Indicator): string {
	const v = indicator.records.at(-1)?.value ?? indicator.baseline.value;
	return v.kind === 'unreadable' ? '12' : formatIndicatorValue(indicator.shape, v);
}

/**
 * The parameters of the issue messages: an example fit for one field (a part holds one number,
 * so a whole printed value would mislead there) and the related number's label.
 */
export function issueMessageParams(indicator: Indicator): { example: string; label: string } {
	const shape = indicator.shape;
	const example =
		entryFields(shape).length > 1
			? shape.kind === 'series'
				? '18.03'
				: '12'
			: entryExample(indicator);
	return { example, label: shape.kind === 'count-with-related' ? shape.related.label : '' };
}

/** The source the draft names; optional texts are left out when blank. */
export function entrySource(draft: EntryDraft): Source {
	if (draft.sourceKind === 'reported') {
		const note = draft.reportedNote.trim();
		return { kind: 'reported', by: draft.reportedBy.trim(), ...(note ? { note } : {}) };
	}
	const section = draft.section.trim();
	return { kind: 'document', document: draft.document, ...(section ? { section } : {}) };
}

/**
 * The `indicator.record` input of a checked draft. The data year is sent only for indicators
 * whose figures lag the fiscal year (the others have none to send).
 */
export function recordInput(
	planId: string,
	indicator: Indicator,
	draft: EntryDraft,
	value: IndicatorValue
): IndicatorRecordInput {
	const lag = dataYearLag(indicator);
	return {
		planId,
		indicatorNumber: indicator.number,
		fiscalYear: draft.fiscalYear,
		value,
		activities: draft.activities,
		source: entrySource(draft),
		...(lag && draft.dataYear
			? { dataYear: { kind: lag.kind, year: Number(draft.dataYear) } }
			: {}),
		note: draft.note.trim() || null
	};
}
