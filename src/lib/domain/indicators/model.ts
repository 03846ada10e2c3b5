/**
 * The plan pack model: a municipal welfare plan, its structure and its indicators, as data.
 *
 * A pack is transcribed from the plan's own documents (see packs/<id>/plan.json) and later
 * extended by staff with yearly records. Everything here is framework-free and validated with
 * zod at the boundary (load-plan.ts); the types are inferred from the schemas so the two can
 * never drift apart.
 *
 * Contracts:
 * - Years are Western years. A fiscal year (年度) is named by the year it starts in
 *   (fiscal-year.ts); `PeriodRef.kind` says whether a figure refers to a fiscal or a calendar
 *   year (健康寿命 is reported per calendar year, 令和2年).
 * - Every figure carries its source. When sources disagree, `alternatives` keeps each value
 *   with its source and exactly one is marked `used`; the figure's `value` is that one.
 * - Values are count-level only: nothing in a pack names a person.
 * - `printed` keeps a figure's notation when the source prints it differently from
 *   formatIndicatorValue (e.g. `3934.5` without a thousands separator), so a check against
 *   the source can be exact.
 */
import { z } from 'zod';
import { calendarYearLabel, fiscalYearLabel, isIsoDate } from '../fiscal-year';
import { COMPUTATIONS } from './computations';
import { MAX_FIGURE, valueVariants, type IndicatorValue } from './value';

export { indicatorValueSchema, MAX_FIGURE, type IndicatorValue } from './value';

// ---------------------------------------------------------------------------------------------
// Small vocabularies

export const DIRECTIONS = ['increase', 'decrease', 'keep'] as const;
/** Which way the indicator should move: 増やす / 減らす / 維持する. */
export type Direction = (typeof DIRECTIONS)[number];

/**
 * An evaluation mark (◎ ○ △ ×) and a direction for the next years (今後の方向性: 拡充 継続 見直し
 * 廃止) are codes of the plan's own vocabulary (`PlanPack.evaluation`): a city's evaluation
 * table names its marks and directions, not the code.
 */
export type EvaluationMark = string;
export type EvaluationDirection = string;

/** Limits on free text, generous enough for a verbatim 取組内容 cell. */
export const TEXT_LIMITS = { short: 200, long: 4000 } as const;

const isoDate = z.string().refine(isIsoDate, { message: 'expected a YYYY-MM-DD calendar date' });
const year = z.number().int().min(1900).max(2199);
const shortText = z.string().trim().min(1).max(TEXT_LIMITS.short);
const longText = z.string().max(TEXT_LIMITS.long);
const seriesKey = z.string().regex(/^[a-z][a-z0-9-]*$/, 'series key: lowercase id');
const sourceId = z.string().regex(/^[0-9a-z][0-9a-z-]*$/, 'source id: lowercase, digits, -');
/** A plan's own code (measure A, 1, Ⅰ-1, 重点; mark ◎; direction 見直し): no spaces. */
const code = z.string().regex(/^[^\s]{1,16}$/, 'code: 1–16 characters, no spaces');
/** Words a pack gives in both languages of the staff screens. */
export const localTextSchema = z.strictObject({ ja: shortText, en: shortText });
export type LocalText = z.infer<typeof localTextSchema>;

/** A year a figure refers to: a fiscal year (令和2年度) or a calendar year (令和2年). */
export const periodRefSchema = z.strictObject({
	kind: z.enum(['fiscal', 'calendar']),
	year
});
export type PeriodRef = z.infer<typeof periodRefSchema>;

/** `令和2年度` for a fiscal year, `令和2年` for a calendar year; `western` adds `（2020年度）`. */
export function periodLabel(period: PeriodRef, options: { western?: boolean } = {}): string {
	return period.kind === 'fiscal'
		? fiscalYearLabel(period.year, options)
		: calendarYearLabel(period.year, options);
}

// ---------------------------------------------------------------------------------------------
// Sources

/**
 * Where a figure or text comes from: a source document of the pack (by its id in
 * `PlanPack.sources`, optionally with the section / page), or a figure computed from the app's
 * own records (`query` names the computation, e.g. `teams.count(active, fiscalYear)`).
 */
export const sourceSchema = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('document'),
		document: sourceId,
		section: shortText.optional(),
		page: z.number().int().min(1).optional()
	}),
	z.strictObject({
		kind: z.literal('computed'),
		query: shortText,
		computedAt: z.iso.datetime({ offset: true }).optional()
	}),
	// A figure a department reported to the staff who entered it (回答課の報告), with where
	// it can be checked (a report's name, a file, a page).
	z.strictObject({
		kind: z.literal('reported'),
		by: shortText,
		note: z.string().trim().max(TEXT_LIMITS.short).optional()
	})
]);
export type Source = z.infer<typeof sourceSchema>;

/** A source document the pack was transcribed from. */
export const sourceDocumentSchema = z.strictObject({
	id: sourceId,
	/** File name in the seeds directory the text was read from. */
	file: shortText,
	title: shortText,
	description: longText.optional(),
	/** Fiscal year the document reports on or was issued in, when known. */
	fiscalYear: year.optional(),
	/** Preferred where documents disagree (the later report). At most one per pack. */
	preferred: z.boolean().optional()
});
export type SourceDocument = z.infer<typeof sourceDocumentSchema>;

// ---------------------------------------------------------------------------------------------
// Value shapes and values

/**
 * How an indicator's figures look. The discriminant `kind` is shared with IndicatorValue: a
 * value fits a shape when the kinds match (plus the rules in validateIndicatorValue).
 *
 * - number: one figure; `decimals` is the most fraction digits allowed (時間/年 has .5);
 *   `suffix` is printed after the figure in the tables (`3,600/年`).
 * - count-with-participants: a count with the people taking part, printed `8（156人）`.
 * - series: several named figures reported together (健康寿命 男性 / 女性), printed
 *   `男性17.87 女性20.83` with `decimals` fixed.
 * - count-with-related: a count reported next to a related number it can be compared with,
 *   e.g. plans made (284) vs people eligible (計画策定対象者 1,613人); the target may be text.
 * - snapshot: a stock figure taken at a fixed point of the fiscal year (登録者数 年度末時点).
 */
export const valueShapeSchema = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('number'),
		decimals: z.number().int().min(0).max(4),
		suffix: shortText.optional()
	}),
	z.strictObject({
		kind: z.literal('count-with-participants'),
		participantsUnit: shortText
	}),
	z.strictObject({
		kind: z.literal('series'),
		series: z
			.array(z.strictObject({ key: seriesKey, label: shortText }))
			.min(2)
			.max(10),
		decimals: z.number().int().min(0).max(4)
	}),
	z.strictObject({
		kind: z.literal('count-with-related'),
		related: z.strictObject({ label: shortText, unit: shortText })
	}),
	z.strictObject({
		kind: z.literal('snapshot'),
		at: z.enum(['fiscal-year-start', 'fiscal-year-end']),
		decimals: z.number().int().min(0).max(4),
		suffix: shortText.optional()
	})
]);
export type ValueShape = z.infer<typeof valueShapeSchema>;
export type ValueShapeKind = ValueShape['kind'];

/** A figure the source prints but that cannot be read: kept as such, never guessed. */
export const unreadableValueSchema = z.strictObject({
	kind: z.literal('unreadable'),
	/** What the text shows, if anything. */
	printed: z.string().max(TEXT_LIMITS.short).optional(),
	note: shortText
});
export type UnreadableValue = z.infer<typeof unreadableValueSchema>;

/**
 * A figure the source leaves blank on purpose (`-`, `―`): no baseline because the measure did
 * not exist yet, no target because the plan put off setting one (its note says why).
 */
export const noFigureSchema = z.strictObject({
	kind: z.literal('none'),
	printed: z.string().max(TEXT_LIMITS.short).optional(),
	note: shortText.optional()
});
export type NoFigure = z.infer<typeof noFigureSchema>;

/** A target stated in words (希望者すべて) rather than as a figure. */
export const textTargetSchema = z.strictObject({ kind: z.literal('text'), text: shortText });
export type TextTarget = z.infer<typeof textTargetSchema>;

// Discriminated (not plain) unions: an error then points into the variant the `kind` names
// (`records[0].value.count`) instead of a bare "invalid input" on the whole value.

/** What a baseline or yearly record holds. */
export const figureValueSchema = z.discriminatedUnion('kind', [
	...valueVariants,
	unreadableValueSchema,
	noFigureSchema
]);
export type FigureValue = z.infer<typeof figureValueSchema>;

/** What a target holds. */
export const targetValueSchema = z.discriminatedUnion('kind', [
	...valueVariants,
	unreadableValueSchema,
	noFigureSchema,
	textTargetSchema
]);
export type TargetValue = z.infer<typeof targetValueSchema>;

/** One source's reading of a figure where the sources disagree. */
export const alternativeValueSchema = z.strictObject({
	value: targetValueSchema,
	printed: z.string().max(TEXT_LIMITS.short).optional(),
	source: sourceSchema,
	/** True for the reading the pack uses; exactly one per figure. */
	used: z.boolean(),
	note: longText.optional()
});
export type AlternativeValue = z.infer<typeof alternativeValueSchema>;

/** One source's wording of a text where the sources disagree beyond line breaks. */
export const alternativeTextSchema = z.strictObject({
	text: longText,
	source: sourceSchema,
	used: z.boolean(),
	note: longText.optional()
});
export type AlternativeText = z.infer<typeof alternativeTextSchema>;

// ---------------------------------------------------------------------------------------------
// Baseline, targets, yearly records, evaluations

/** The baseline (現状) with its year. */
export const baselineSchema = z.strictObject({
	year: periodRefSchema,
	value: figureValueSchema,
	printed: z.string().max(TEXT_LIMITS.short).optional(),
	source: sourceSchema,
	alternatives: z.array(alternativeValueSchema).min(2).optional(),
	note: longText.optional()
});
export type Baseline = z.infer<typeof baselineSchema>;

/** A target (目標) with its year; a plan may set a mid-term and a final target. */
export const targetSchema = z.strictObject({
	year: periodRefSchema,
	value: targetValueSchema,
	printed: z.string().max(TEXT_LIMITS.short).optional(),
	source: sourceSchema,
	alternatives: z.array(alternativeValueSchema).min(2).optional(),
	note: longText.optional()
});
export type Target = z.infer<typeof targetSchema>;

/**
 * The actual (実績) of one fiscal year and what was done (取組内容).
 *
 * `dataYear` is set when the figure refers to another period than the fiscal year it is
 * reported in (No. 18 reports 令和2年 data in 令和4年度). `asOf` is the day a stock figure was
 * taken (R4.4.1現在). `adoptedFrom` keeps the provenance when staff adopt a figure proposed by
 * another source (typically a figure computed from app data), while `source` names what the
 * record now stands on. `replaced` is set only in the effective plan (withEntries), never in a
 * pack: the transcribed figure a staff entry stands in for, so it stays visible beside it.
 */
export const replacedRecordSchema = z.strictObject({
	value: figureValueSchema,
	printed: z.string().max(TEXT_LIMITS.short).optional(),
	source: sourceSchema,
	recordedBy: shortText,
	recordedAt: z.iso.datetime({ offset: true })
});
export type ReplacedRecord = z.infer<typeof replacedRecordSchema>;

export const yearRecordSchema = z.strictObject({
	fiscalYear: year,
	dataYear: periodRefSchema.optional(),
	asOf: isoDate.optional(),
	value: figureValueSchema,
	printed: z.string().max(TEXT_LIMITS.short).optional(),
	activities: longText,
	activitiesAlternatives: z.array(alternativeTextSchema).min(2).optional(),
	source: sourceSchema,
	recordedBy: shortText,
	recordedAt: z.iso.datetime({ offset: true }),
	adoptedFrom: sourceSchema.optional(),
	alternatives: z.array(alternativeValueSchema).min(2).optional(),
	replaced: replacedRecordSchema.optional(),
	note: longText.optional()
});
export type YearRecord = z.infer<typeof yearRecordSchema>;

/**
 * An evaluation, the shape of the evaluation tables: 成果 (results / good points), 課題
 * (issues), a mark and a direction with its reason. A source may give only some of these
 * (the progress report states 成果 and 課題 but no mark): missing parts are null, never
 * guessed. `fromFiscalYear` is set when one evaluation covers several years (中間評価 of
 * 平成29・30年度); `fiscalYear` is the last year covered.
 */
export const evaluationSchema = z.strictObject({
	fiscalYear: year,
	fromFiscalYear: year.optional(),
	results: longText.nullable(),
	issues: longText.nullable(),
	/** A mark of the plan's vocabulary (PlanPack.evaluation.marks). */
	mark: code.nullable(),
	/** A direction of the plan's vocabulary (PlanPack.evaluation.directions). */
	direction: code.nullable(),
	reason: longText.nullable(),
	source: sourceSchema,
	recordedBy: shortText,
	recordedAt: z.iso.datetime({ offset: true }),
	note: longText.optional()
});
export type Evaluation = z.infer<typeof evaluationSchema>;

// ---------------------------------------------------------------------------------------------
// Indicator

/**
 * A code of the measure an indicator belongs to, as the plan writes it: a priority measure
 * (`重点`, `A`) or a basic measure (`Ⅰ-1`, `11`). Unique across the plan's measures.
 */
const measureCode = code;

export const indicatorSchema = z.strictObject({
	number: z.number().int().min(1).max(999),
	title: shortText,
	/** Other wordings of the title in the sources (e.g. with a footnote mark). */
	titleVariants: z.array(z.strictObject({ text: shortText, source: sourceSchema })).optional(),
	measure: measureCode,
	/** Display unit of the figures (人, 回, 時間/年 …); the tables mostly print bare numbers. */
	unit: z.string().max(20),
	/** 回答課: the departments that report the figure; a plan may name none. */
	departments: z.array(shortText).default([]),
	relatedInitiatives: z.array(z.number().int().min(1)).default([]),
	/**
	 * Which way the indicator should move. Absent when the plan sets no figure to move towards
	 * (every target `none`).
	 */
	direction: z.enum(DIRECTIONS).optional(),
	/**
	 * Why targets may lie on the other side of the baseline than the direction (Tokorozawa:
	 * 令和元年度 figures before the pandemic, targets set lower on purpose). With it the load
	 * check compares targets with each other only, not with the baseline.
	 */
	targetsNote: z.strictObject({ text: longText, source: sourceSchema }).optional(),
	/** For direction `keep`: how far the actual may stray from the target (same unit). */
	tolerance: z.number().min(0).optional(),
	shape: valueShapeSchema,
	/** The app computation that feeds this indicator (computations.ts), when there is one. */
	computedFrom: z.enum(COMPUTATIONS).optional(),
	baseline: baselineSchema,
	targets: z.array(targetSchema).min(1),
	records: z.array(yearRecordSchema),
	evaluations: z.array(evaluationSchema),
	notes: z.array(longText).optional()
});
export type Indicator = z.infer<typeof indicatorSchema>;

// ---------------------------------------------------------------------------------------------
// Plan and structure

/** Which departments report work on which initiatives (主な担当課におけるその他取組の状況). */
const departmentInitiativesSchema = z.array(
	z.strictObject({ department: shortText, initiatives: z.array(z.number().int().min(1)) })
);

export const initiativeSchema = z.strictObject({
	number: z.number().int().min(1),
	/** The printed number: ①, ⑳, ㊲. */
	symbol: z.string().min(1).max(3),
	text: z.string().min(1).max(TEXT_LIMITS.long),
	textVariants: z.array(z.strictObject({ text: longText, source: sourceSchema })).optional()
});
export type Initiative = z.infer<typeof initiativeSchema>;

export const basicMeasureSchema = z.strictObject({
	code: measureCode,
	name: shortText,
	nameVariants: z.array(z.strictObject({ text: shortText, source: sourceSchema })).optional(),
	/** めざす姿: the state the measure aims for. */
	aim: longText.optional(),
	/** The plan's numbered initiatives (①…) under the measure; a plan may number none. */
	initiatives: z.array(z.number().int().min(1)).default([]),
	departmentInitiatives: departmentInitiativesSchema.optional(),
	/** 取り組みの方向性 / 主な取り組み as the plan lists them, when it does not number them. */
	mainEfforts: z.array(longText).optional(),
	description: longText.optional()
});
export type BasicMeasure = z.infer<typeof basicMeasureSchema>;

export const basicPolicySchema = z.strictObject({
	/** The policy's code as the plan prints it: Ⅰ, Ⅱ, Ⅲ. */
	numeral: code,
	name: shortText,
	/** The kind of support the policy stands for, e.g. 地域づくりに向けた支援. */
	approach: shortText.optional(),
	measures: z.array(basicMeasureSchema).min(1)
});
export type BasicPolicy = z.infer<typeof basicPolicySchema>;

/**
 * The names a plan gives its levels (重点施策 / 基本方針 / 基本施策, or 基本目標 …), shown on the
 * staff screens: the words are the plan's, never the code's.
 */
export const structureLevelsSchema = z.strictObject({
	priority: localTextSchema,
	policy: localTextSchema,
	measure: localTextSchema
});
export type StructureLevels = z.infer<typeof structureLevelsSchema>;

export const planStructureSchema = z.strictObject({
	levels: structureLevelsSchema,
	/** 重点施策: none, one (鶴ヶ島: 重点) or several (所沢: A–C), each with its own code. */
	priorityMeasures: z.array(basicMeasureSchema),
	policies: z.array(basicPolicySchema).min(1),
	initiatives: z.array(initiativeSchema).default([]),
	source: sourceSchema,
	notes: z.array(longText).optional()
});
export type PlanStructure = z.infer<typeof planStructureSchema>;

export const planSchema = z.strictObject({
	/** The plan's common name: つる♡ほっとプラン. */
	name: shortText,
	formalName: shortText,
	/** Fiscal years covered, both inclusive. */
	period: z.strictObject({ from: year, to: year }),
	/** 基本理念, when the transcribed documents state it. */
	principle: shortText.optional(),
	principleSubtitle: shortText.optional(),
	publishedBy: z.array(shortText).min(1),
	/** Year-month of publication, `YYYY-MM`. */
	publishedIn: z
		.string()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/)
		.optional(),
	source: sourceSchema
});
export type Plan = z.infer<typeof planSchema>;

/**
 * The words of the plan's evaluation table: its marks (◎ ○ △ ×) with what each means, its
 * directions (拡充 継続 見直し 廃止) with their label, meaning and whether choosing one needs a
 * written reason. A plan that publishes no evaluation table leaves both lists empty; staff then
 * record 成果 and 課題 only.
 */
export const evaluationVocabularySchema = z.strictObject({
	marks: z.array(z.strictObject({ code, meaning: localTextSchema })).max(10),
	directions: z
		.array(
			z.strictObject({
				code,
				label: localTextSchema,
				meaning: localTextSchema.optional(),
				needsReason: z.boolean().default(false)
			})
		)
		.max(10),
	source: sourceSchema.optional(),
	note: longText.optional()
});
export type EvaluationVocabulary = z.infer<typeof evaluationVocabularySchema>;

/**
 * The headings of the progress table (進捗管理表) as the city's own table prints them. A column
 * the pack gives no heading for is left out (a plan without 回答課 has no departments column).
 * `targets`: one column per entry; an entry with a `year` holds the target of that year (mid
 * and final targets side by side), one without holds every target of the indicator.
 */
export const tableHeadingsSchema = z.strictObject({
	goal: localTextSchema,
	departments: localTextSchema.optional(),
	unit: localTextSchema.optional(),
	baseline: localTextSchema,
	targets: z
		.array(z.strictObject({ label: localTextSchema, year: periodRefSchema.optional() }))
		.min(1),
	/** The table's title after the plan's name and the year: 実績及び具体的な取組内容. */
	title: localTextSchema
});
export type TableHeadings = z.infer<typeof tableHeadingsSchema>;

export const PLAN_PACK_SCHEMA_VERSION = 2;

export const planPackSchema = z.strictObject({
	schemaVersion: z.literal(PLAN_PACK_SCHEMA_VERSION),
	id: z.string().regex(/^[a-z0-9-]+$/),
	municipality: shortText,
	sources: z.array(sourceDocumentSchema).min(1),
	plan: planSchema,
	structure: planStructureSchema,
	evaluation: evaluationVocabularySchema,
	table: tableHeadingsSchema,
	indicators: z.array(indicatorSchema),
	notes: z.array(longText).optional()
});
export type PlanPack = z.infer<typeof planPackSchema>;

// ---------------------------------------------------------------------------------------------
// Formatting (the documents' notation)

/**
 * A number as the plan documents print it: thousands separated by `,`, at most `decimals`
 * fraction digits with trailing zeros dropped (`3,934.5`, `4,194`), or exactly `decimals`
 * digits when `fixed` (`17.80` in a two-decimal series).
 */
export function formatNumber(n: number, decimals = 0, fixed = false): string {
	if (!Number.isFinite(n)) return String(n);
	let s = Math.abs(n).toFixed(decimals);
	if (!fixed && s.includes('.')) s = s.replace(/\.?0+$/, '');
	const [int, frac] = s.split('.') as [string, string | undefined];
	const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	const sign = n < 0 && Number(s) !== 0 ? '-' : '';
	return sign + grouped + (frac ? `.${frac}` : '');
}

/**
 * A value in the notation of the plan's progress tables:
 * number `3,600/年`, snapshot `24,631/年度末時点`, count with participants `8（156人）`,
 * series `男性17.87 女性20.83`, count with related number `284` (the related number is printed
 * elsewhere: see formatRelatedNumber), text target `希望者すべて`, unreadable `判読不能`, no
 * figure as the source prints it (`-`) or `－`.
 */
export function formatIndicatorValue(shape: ValueShape, value: TargetValue): string {
	if (value.kind === 'text') return value.text;
	if (value.kind === 'unreadable') return value.printed ?? '判読不能';
	if (value.kind === 'none') return value.printed ?? '－';
	if (value.kind !== shape.kind) {
		throw new TypeError(`value kind ${value.kind} does not fit shape ${shape.kind}`);
	}
	switch (value.kind) {
		case 'number': {
			const s = shape as Extract<ValueShape, { kind: 'number' }>;
			return formatNumber(value.value, s.decimals) + (s.suffix ?? '');
		}
		case 'snapshot': {
			const s = shape as Extract<ValueShape, { kind: 'snapshot' }>;
			return formatNumber(value.value, s.decimals) + (s.suffix ?? '');
		}
		case 'count-with-participants': {
			const s = shape as Extract<ValueShape, { kind: 'count-with-participants' }>;
			const head = formatNumber(value.count);
			return value.participants === null
				? head
				: `${head}（${formatNumber(value.participants)}${s.participantsUnit}）`;
		}
		case 'series': {
			const s = shape as Extract<ValueShape, { kind: 'series' }>;
			return s.series
				.map(({ key, label }) => {
					const v = value.values[key];
					return `${label}${v === undefined ? '－' : formatNumber(v, s.decimals, true)}`;
				})
				.join(' ');
		}
		case 'count-with-related':
			return formatNumber(value.count);
	}
}

/**
 * The related number of a count-with-related value as the tables print it next to the
 * activities: `計画策定対象者 1,613人` with an ideographic space (U+3000) after the label.
 * Null when there is none.
 */
export function formatRelatedNumber(shape: ValueShape, value: FigureValue): string | null {
	if (shape.kind !== 'count-with-related' || value.kind !== 'count-with-related') return null;
	if (value.related === null) return null;
	return `${shape.related.label}\u3000${formatNumber(value.related)}${shape.related.unit}`;
}

// ---------------------------------------------------------------------------------------------
// Validation and parsing of entered values (manual entry by staff)

/** Why a value was refused. Stable codes: the UI maps them to messages. */
export const VALUE_ISSUE_CODES = [
	'kind-mismatch',
	'not-a-number',
	'negative',
	'not-integer',
	'too-many-decimals',
	'too-large',
	'missing-series',
	'unknown-series',
	'empty-text',
	'text-not-allowed',
	'unreadable-not-allowed',
	'none-not-allowed',
	'bad-date',
	'unparseable',
	'count-exceeds-related'
] as const;
export type ValueIssueCode = (typeof VALUE_ISSUE_CODES)[number];

export interface ValueIssue {
	code: ValueIssueCode;
	/** Dotted path inside the value (`values.male`, `participants`), '' for the whole value. */
	path: string;
	/** `warning` issues are shown but do not block saving. */
	severity: 'error' | 'warning';
}

export type ValueCheck = { ok: true; issues: ValueIssue[] } | { ok: false; issues: ValueIssue[] };

export interface ValidateOptions {
	/** Accept a text target (希望者すべて): only targets may be text. */
	allowText?: boolean;
	/** Accept an `unreadable` marker: only transcriptions use it. */
	allowUnreadable?: boolean;
	/** Accept `none` (the source leaves the figure blank): only transcriptions use it. */
	allowNone?: boolean;
}

function fractionDigits(n: number): number {
	if (Number.isInteger(n)) return 0;
	// Shortest round-trip representation: 3934.5 → "3934.5"; exponent forms are tiny numbers.
	const s = String(n);
	if (s.includes('e')) return 99;
	return s.split('.')[1]?.length ?? 0;
}

function checkFigure(
	issues: ValueIssue[],
	n: unknown,
	path: string,
	opts: { integer: boolean; decimals: number }
): void {
	if (typeof n !== 'number' || !Number.isFinite(n)) {
		issues.push({ code: 'not-a-number', path, severity: 'error' });
		return;
	}
	if (n < 0) issues.push({ code: 'negative', path, severity: 'error' });
	if (Math.abs(n) > MAX_FIGURE) issues.push({ code: 'too-large', path, severity: 'error' });
	if (opts.integer && !Number.isInteger(n)) {
		issues.push({ code: 'not-integer', path, severity: 'error' });
	} else if (fractionDigits(n) > opts.decimals) {
		issues.push({ code: 'too-many-decimals', path, severity: 'error' });
	}
}

/**
 * Checks a value against its indicator's shape. Counts must be whole and ≥ 0, figures finite,
 * ≥ 0 and within the shape's decimals; a series needs every series and no other; a related
 * number below its count is a warning (more plans made than people eligible is suspicious but
 * possible when the eligible list changed during the year).
 */
export function validateIndicatorValue(
	shape: ValueShape,
	value: unknown,
	options: ValidateOptions = {}
): ValueCheck {
	const issues: ValueIssue[] = [];
	const v = value as { kind?: unknown } | null;
	const kind = v && typeof v === 'object' ? v.kind : undefined;
	if (kind === 'text') {
		const text = (v as { text?: unknown }).text;
		if (!options.allowText) issues.push({ code: 'text-not-allowed', path: '', severity: 'error' });
		else if (typeof text !== 'string' || text.trim() === '') {
			issues.push({ code: 'empty-text', path: 'text', severity: 'error' });
		}
		return done(issues);
	}
	if (kind === 'unreadable') {
		if (!options.allowUnreadable) {
			issues.push({ code: 'unreadable-not-allowed', path: '', severity: 'error' });
		}
		return done(issues);
	}
	if (kind === 'none') {
		if (!options.allowNone) issues.push({ code: 'none-not-allowed', path: '', severity: 'error' });
		return done(issues);
	}
	if (kind !== shape.kind) {
		issues.push({ code: 'kind-mismatch', path: 'kind', severity: 'error' });
		return done(issues);
	}
	const rec = v as Record<string, unknown>;
	switch (shape.kind) {
		case 'number':
			checkFigure(issues, rec.value, 'value', { integer: false, decimals: shape.decimals });
			break;
		case 'snapshot':
			checkFigure(issues, rec.value, 'value', { integer: false, decimals: shape.decimals });
			if (rec.asOf !== undefined && (typeof rec.asOf !== 'string' || !isIsoDate(rec.asOf))) {
				issues.push({ code: 'bad-date', path: 'asOf', severity: 'error' });
			}
			break;
		case 'count-with-participants':
			checkFigure(issues, rec.count, 'count', { integer: true, decimals: 0 });
			if (rec.participants !== null) {
				checkFigure(issues, rec.participants, 'participants', { integer: true, decimals: 0 });
			}
			break;
		case 'count-with-related':
			checkFigure(issues, rec.count, 'count', { integer: true, decimals: 0 });
			if (rec.related !== null) {
				checkFigure(issues, rec.related, 'related', { integer: true, decimals: 0 });
				if (
					typeof rec.count === 'number' &&
					typeof rec.related === 'number' &&
					rec.count > rec.related
				) {
					issues.push({ code: 'count-exceeds-related', path: 'related', severity: 'warning' });
				}
			}
			break;
		case 'series': {
			const values = rec.values;
			if (!values || typeof values !== 'object') {
				issues.push({ code: 'missing-series', path: 'values', severity: 'error' });
				break;
			}
			const known = new Set(shape.series.map((s) => s.key));
			for (const { key } of shape.series) {
				const n = (values as Record<string, unknown>)[key];
				if (n === undefined) {
					issues.push({ code: 'missing-series', path: `values.${key}`, severity: 'error' });
				} else {
					checkFigure(issues, n, `values.${key}`, { integer: false, decimals: shape.decimals });
				}
			}
			for (const key of Object.keys(values)) {
				if (!known.has(key)) {
					issues.push({ code: 'unknown-series', path: `values.${key}`, severity: 'error' });
				}
			}
			break;
		}
	}
	return done(issues);
}

function done(issues: ValueIssue[]): ValueCheck {
	return issues.some((i) => i.severity === 'error') ? { ok: false, issues } : { ok: true, issues };
}

/** Full-width digits, parentheses, comma, period and spaces to their ASCII forms. */
function asciiFold(s: string): string {
	return s
		.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/（/g, '(')
		.replace(/）/g, ')')
		.replace(/，/g, ',')
		.replace(/．/g, '.')
		.replace(/[\s\u3000]+/g, ' ')
		.trim();
}

const NUM = String.raw`(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)`;

function toNumber(s: string): number {
	return Number(s.replace(/,/g, ''));
}

export type ParseResult =
	{ ok: true; value: IndicatorValue; issues: ValueIssue[] } | { ok: false; issues: ValueIssue[] };

/**
 * Parses what staff type (or what a document prints) into a value of the shape, then
 * validates it. Accepts full-width digits and brackets and thousands separators; the shape's
 * suffix may be typed or left out. Examples: `3,934.5`, `3,600/年`, `8（156人）`,
 * `男性18.03 女性21.08`, `405（計画策定対象者 1,649人）`.
 */
export function parseIndicatorValue(shape: ValueShape, input: string): ParseResult {
	const fail: ParseResult = {
		ok: false,
		issues: [{ code: 'unparseable', path: '', severity: 'error' }]
	};
	let s = asciiFold(input);
	let value: IndicatorValue;
	switch (shape.kind) {
		case 'number':
		case 'snapshot': {
			const suffix = shape.suffix ? asciiFold(shape.suffix) : undefined;
			if (suffix && s.endsWith(suffix)) s = s.slice(0, -suffix.length).trim();
			const m = new RegExp(`^${NUM}$`).exec(s);
			if (!m) return fail;
			value =
				shape.kind === 'number'
					? { kind: 'number', value: toNumber(m[1]!) }
					: { kind: 'snapshot', value: toNumber(m[1]!) };
			break;
		}
		case 'count-with-participants': {
			const unit = asciiFold(shape.participantsUnit).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			const m = new RegExp(`^${NUM}(?: ?\\( ?${NUM} ?(?:${unit})? ?\\))?$`).exec(s);
			if (!m) return fail;
			value = {
				kind: 'count-with-participants',
				count: toNumber(m[1]!),
				participants: m[2] === undefined ? null : toNumber(m[2])
			};
			break;
		}
		case 'count-with-related': {
			const m = new RegExp(`^${NUM}(?: ?\\((?:[^\\d(),]*?) ?${NUM} ?[^\\d()]*\\))?$`).exec(s);
			if (!m) return fail;
			value = {
				kind: 'count-with-related',
				count: toNumber(m[1]!),
				related: m[2] === undefined ? null : toNumber(m[2])
			};
			break;
		}
		case 'series': {
			const values: Record<string, number> = {};
			let rest = s;
			for (const { key, label } of shape.series) {
				const esc = asciiFold(label).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				const m = new RegExp(`${esc} ?:? ?${NUM}`).exec(rest);
				if (!m) return fail;
				values[key] = toNumber(m[1]!);
				rest = rest.slice(0, m.index) + rest.slice(m.index + m[0].length);
			}
			if (rest.replace(/[ /,、]/g, '') !== '') return fail;
			value = { kind: 'series', values };
			break;
		}
	}
	const check = validateIndicatorValue(shape, value);
	return check.ok ? { ok: true, value, issues: check.issues } : check;
}

// ---------------------------------------------------------------------------------------------
// Small helpers shared by the loader, progress and the UI

/** Structural equality of two values (alternatives must repeat the used value exactly). */
export function sameValue(a: TargetValue, b: TargetValue): boolean {
	return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	const entries = Object.entries(v as Record<string, unknown>)
		.filter(([, x]) => x !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}

/** The printed number of an initiative: 1 → ①, 21 → ㉑, 36 → ㊱ (1–50). */
export function circledNumber(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > 50) throw new RangeError(`no circled number for ${n}`);
	if (n <= 20) return String.fromCodePoint(0x2460 + n - 1);
	if (n <= 35) return String.fromCodePoint(0x3251 + n - 21);
	return String.fromCodePoint(0x32b1 + n - 36);
}

// ---------------------------------------------------------------------------------------------
// Structure and years, read the same way by the loader, the tables and the screens

export interface PlacedMeasure {
	measure: BasicMeasure;
	/** The basic policy the measure sits under; null for a priority measure. */
	policy: BasicPolicy | null;
}

/** Every measure of the plan: the priority measures first, then each policy's in order. */
export function planMeasures(structure: PlanStructure): PlacedMeasure[] {
	return [
		...structure.priorityMeasures.map((measure) => ({ measure, policy: null })),
		...structure.policies.flatMap((policy) =>
			policy.measures.map((measure) => ({ measure, policy }))
		)
	];
}

/**
 * The area an indicator is listed under: its priority measure's code (`重点`, `A`), or the code
 * of the basic policy its measure sits under (`Ⅰ`). The loader keeps the two kinds of code apart,
 * so an area code (kept in a URL filter) names one area.
 */
export function measureArea(structure: PlanStructure, measureCode: string): string | null {
	const placed = planMeasures(structure).find((p) => p.measure.code === measureCode);
	if (!placed) return null;
	return placed.policy ? placed.policy.numeral : placed.measure.code;
}

/**
 * The fiscal years of a plan, worked out once for every page and endpoint:
 * - `plan`: the plan's own years (the progress table has one column per year through the one
 *   asked for; a year is evaluated within them);
 * - `entry`: those and the year before the first, for which figures may be entered and computed
 *   to set against the baseline (2021 for a 2022–2026 plan).
 */
export function planYears(pack: Pick<PlanPack, 'plan'>): {
	plan: { from: number; to: number };
	entry: { from: number; to: number };
} {
	const { from, to } = pack.plan.period;
	return { plan: { from, to }, entry: { from: from - 1, to } };
}
