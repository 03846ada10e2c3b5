/**
 * The plan's indicator tables as plain rows: the progress table the city hands its welfare
 * council every year (資料1: 実績及び具体的な取組内容), the evaluation sheet (成果・課題・評価・
 * 今後の方向性) and the open-data rows. This module owns their layout; CSV and XLSX writers only
 * serialise a Table.
 *
 * Contracts:
 * - Figures are printed in the documents' notation (formatIndicatorValue), `printed` first
 *   where a record or figure keeps the source's own notation, so a table can be checked
 *   against the document it reproduces.
 * - A missing record, evaluation or figure is an empty cell (null), never a guess, a zero or
 *   a 判定不可 standing in for "not reported yet".
 * - Rows come in indicator number order.
 * - One header row. The Western year stands in brackets after the era year
 *   (`令和4年度（2022年度）`) instead of in a second header row: with one header row a CSV
 *   opens in Excel with a working filter and sort and loads in any CSV reader without
 *   skipping rows, and a screen reader announces one header per cell.
 */
import { toCsv } from '../csv';
import {
	formatIndicatorValue,
	formatRelatedNumber,
	periodLabel,
	type Evaluation,
	type EvaluationDirection,
	type Indicator,
	type PeriodRef,
	type PlanPack,
	type Source,
	type TargetValue,
	type YearRecord
} from './model';
import {
	applicableTarget,
	assessRecord,
	figureYear,
	type ProgressResult,
	type ProgressStatus
} from './progress';

export type Cell = string | number | null;

/** The columns of the evaluation sheet, in order; the catalogs name them. */
export const EVALUATION_COLUMNS = [
	'no',
	'indicator',
	'actual',
	'rate',
	'status',
	'results',
	'issues',
	'mark',
	'direction',
	'reason'
] as const;
export type EvaluationColumn = (typeof EVALUATION_COLUMNS)[number];

/**
 * The words of a table, given by the edge (i18n/progress-text.ts `tableLabels`, from the
 * catalogs): this module decides the layout and the figures, never the language.
 */
export interface TableLabels {
	/** Which of the plan's own texts (plan.json gives headings and directions in ja and en). */
	planText: 'ja' | 'en';
	/** A column's period: `令和2年度（2020年度）` / `FY2020 (令和2年度)`. */
	period(period: PeriodRef): string;
	/** The participants column beside a figure column. */
	participants(label: string): string;
	/** The activities column of a year (`year` is that year's period). */
	activities(year: string): string;
	/** The achievement rate (%) column of the last year. */
	rate(year: string): string;
	/** The status column of the last year. */
	status(year: string): string;
	statusName(status: ProgressStatus): string;
	/** The progress table's title, from the plan's name and its `table.title` heading. */
	progressTitle(plan: string, title: string, year: string): string;
	evaluationTitle(plan: string, year: string): string;
	evaluationColumn(column: EvaluationColumn, year: string): string;
}

/** What a column holds, for a layout that sizes columns (the print view). */
export type ColumnKind = 'no' | 'title' | 'short' | 'figure' | 'text';

export interface Table {
	title: string;
	/** One or two header rows, each as wide as the body rows. */
	header: string[][];
	rows: Cell[][];
	/** Per column, what it holds (as wide as a row). */
	columns?: ColumnKind[];
}

/** Open data: one header row of stable ASCII keys. */
export interface OpenDataTable {
	header: string[];
	rows: Cell[][];
}

/**
 * Each `*_year` has a `*_period` beside it saying what the year counts: `fiscal` (年度, April –
 * March, named by the year it starts in) or `calendar` (年, January – December). `data_year` is
 * the period the value refers to, which is not always `fiscal_year`: No. 18 (健康寿命) reports
 * 令和3年 (calendar 2021) data in 令和5年度 (fiscal 2023).
 */
export const OPEN_DATA_COLUMNS = [
	'no',
	'title',
	'unit',
	'baseline',
	'baseline_year',
	'baseline_period',
	'target',
	'target_year',
	'target_period',
	'fiscal_year',
	'data_year',
	'data_period',
	'value',
	'source'
] as const;

/** 今後の方向性 in the table's language, from the plan's vocabulary; the marks read the same. */
function directionLabel(
	pack: PlanPack,
	direction: EvaluationDirection,
	labels: TableLabels
): string {
	const entry = pack.evaluation.directions.find((d) => d.code === direction);
	return entry ? entry.label[labels.planText] : direction;
}

// ---------------------------------------------------------------------------------------------
// Period labels

function samePeriod(a: PeriodRef, b: PeriodRef | null): boolean {
	return b !== null && a.kind === b.kind && a.year === b.year;
}

function fiscalColumn(fiscalYear: number, labels: TableLabels): string {
	return labels.period({ kind: 'fiscal', year: fiscalYear });
}

/** The period most figures of a column refer to; the header names it, cells name the others. */
function commonPeriod(periods: readonly PeriodRef[]): PeriodRef | null {
	const counts = new Map<string, { period: PeriodRef; n: number }>();
	for (const p of periods) {
		const key = `${p.kind}:${p.year}`;
		const seen = counts.get(key);
		if (seen) seen.n++;
		else counts.set(key, { period: p, n: 1 });
	}
	let best: { period: PeriodRef; n: number } | null = null;
	for (const c of counts.values()) if (!best || c.n > best.n) best = c;
	return best?.period ?? null;
}

/**
 * A figure of another period than its column's gets its period above it, as the tables
 * print No. 18 (`（令和元年）` over `男性17.87 女性20.64`).
 */
function withPeriod(text: string, period: PeriodRef, column: PeriodRef | null): string {
	return samePeriod(period, column) ? text : `（${periodLabel(period)}）\n${text}`;
}

// ---------------------------------------------------------------------------------------------
// Cells

function figureText(indicator: Indicator, value: TargetValue, printed?: string): string {
	return printed ?? formatIndicatorValue(indicator.shape, value);
}

/** A year's value; a figure reported late (No. 18: 令和2年 data in 令和4年度) names its year. */
function recordValue(indicator: Indicator, record: YearRecord): string {
	const text = figureText(indicator, record.value, record.printed);
	return withPeriod(text, record.dataYear ?? { kind: 'fiscal', year: record.fiscalYear }, {
		kind: 'fiscal',
		year: record.fiscalYear
	});
}

/** Whitespace-free text, to see whether a cell already states a figure. */
function squeeze(s: string): string {
	return s.replace(/[\s\u3000]+/g, '');
}

/**
 * 取組内容 as the tables print it. The related number of a count-with-related indicator
 * (計画策定対象者 1,649人) stands in this cell in the documents; it is added on top when the
 * activities text does not already state it, so a computed record shows it too.
 */
function activitiesCell(indicator: Indicator, record: YearRecord): string {
	const related = formatRelatedNumber(indicator.shape, record.value);
	const text = record.activities;
	if (related === null || squeeze(text).includes(squeeze(related))) return text;
	return text.trim() === '' ? related : `${related}\n${text}`;
}

/** The value with its related number in brackets, for layouts without an activities column. */
function valueWithRelated(indicator: Indicator, record: YearRecord): string {
	const related = formatRelatedNumber(indicator.shape, record.value);
	const value = recordValue(indicator, record);
	return related === null ? value : `${value}（${related}）`;
}

/** Percent with one decimal: 0.4 → 40. Null when no rate is computed (keep, 判定不可). */
function ratePercent(result: ProgressResult): number | null {
	if (result.rate === null) return null;
	const pct = Math.round(result.rate * 1000) / 10;
	return pct === 0 ? 0 : pct;
}

function recordOf(indicator: Indicator, fiscalYear: number): YearRecord | undefined {
	return indicator.records.find((r) => r.fiscalYear === fiscalYear);
}

function byNumber(pack: PlanPack): Indicator[] {
	return [...pack.indicators].sort((a, b) => a.number - b.number);
}

function assertYear(fiscalYear: number): void {
	if (!Number.isInteger(fiscalYear)) throw new RangeError(`not a fiscal year: ${fiscalYear}`);
}

// ---------------------------------------------------------------------------------------------
// Progress table

/**
 * The progress table (実績及び具体的な取組内容) through `throughFiscalYear`: No., goal,
 * departments, baseline, targets, then a value and an activities column for every fiscal year
 * from the plan's first year, then the achievement rate (%) and status of the last year.
 *
 * The headings are the pack's (`table` in plan.json); a column it gives no heading for
 * (departments, unit) is left out. Departments are one per line, as the tables print them.
 * Baseline and target columns name the period most indicators use (令和2年度 / 令和8年度); a
 * figure of another period names its own above the figure. A target column with a year (所沢:
 * 令和5年度 mid and 令和8年度 final) holds each indicator's target of that year; a column
 * without one holds all the indicator's targets, each under its period when there are several.
 */
export function layoutProgressTable(
	pack: PlanPack,
	throughFiscalYear: number,
	labels: TableLabels
): Table {
	return progressTable(pack, throughFiscalYear, labels, false);
}

/**
 * The same table for a spreadsheet (XLSX): every figure that is one number is a number, so
 * Excel can sum and chart it, and a count with participants (`8（156人）`) is two columns,
 * the count and the participants. A figure that is not one number (a series such as
 * 男性17.87 女性20.64, text, several targets) or that belongs to another period than its
 * column stays the text the CSV has, period included: a number never hides its year.
 */
export function layoutProgressSheet(
	pack: PlanPack,
	throughFiscalYear: number,
	labels: TableLabels
): Table {
	return progressTable(pack, throughFiscalYear, labels, true);
}

/** A figure as a number, with its participants (null when none), or null when not one number. */
function numericFigure(value: TargetValue): [number, number | null] | null {
	switch (value.kind) {
		case 'number':
		case 'snapshot':
			return [value.value, null];
		case 'count-with-participants':
			return [value.count, value.participants];
		case 'count-with-related':
			return [value.count, null];
		default:
			return null;
	}
}

function progressTable(
	pack: PlanPack,
	throughFiscalYear: number,
	labels: TableLabels,
	numeric: boolean
): Table {
	assertYear(throughFiscalYear);
	const from = pack.plan.period.from;
	if (throughFiscalYear < from) {
		throw new RangeError(`the plan starts in ${from}; no table through ${throughFiscalYear}`);
	}
	const years: number[] = [];
	for (let y = from; y <= throughFiscalYear; y++) years.push(y);
	const indicators = byNumber(pack);
	const baselinePeriod = commonPeriod(indicators.map((i) => i.baseline.year));
	const sortedTargets = (i: Indicator) => [...i.targets].sort((a, b) => a.year.year - b.year.year);
	const targetPeriod = commonPeriod(indicators.map((i) => sortedTargets(i).at(-1)!.year));
	const headings = pack.table;
	const last = fiscalColumn(throughFiscalYear, labels);
	const planText = labels.planText;
	// Participants columns only in a plan that counts participants anywhere.
	const split = numeric && indicators.some((i) => i.shape.kind === 'count-with-participants');
	/** A figure column, and in a spreadsheet its participants column beside it. */
	const figureHeader = (label: string) => (split ? [label, labels.participants(label)] : [label]);
	/** The figure's cells: its text, or in a spreadsheet its number (and participants). */
	const figureCells = (text: string, value: TargetValue, inColumnPeriod: boolean): Cell[] => {
		const n = numeric && inColumnPeriod ? numericFigure(value) : null;
		if (!split) return [n ? n[0] : text];
		return n ? [n[0], n[1]] : [text, null];
	};

	const columns: { heading: string; kind: ColumnKind }[] = [];
	const put = (kind: ColumnKind, ...headings: string[]) =>
		headings.forEach((heading) => columns.push({ heading, kind }));
	put('no', 'No.');
	put('title', headings.goal[planText]);
	if (headings.departments) put('short', headings.departments[planText]);
	if (headings.unit) put('short', headings.unit[planText]);
	put(
		'figure',
		...figureHeader(withColumnPeriod(headings.baseline[planText], baselinePeriod, labels))
	);
	for (const column of headings.targets) {
		const label = withColumnPeriod(column.label[planText], column.year ?? targetPeriod, labels);
		put('figure', ...figureHeader(label));
	}
	for (const y of years) {
		const label = fiscalColumn(y, labels);
		put('figure', ...figureHeader(label));
		put('text', labels.activities(label));
	}
	put('figure', labels.rate(last), labels.status(last));
	const header = columns.map((c) => c.heading);

	/** The cells of one target column: the target of its year, or all targets. */
	const targetColumnCells = (indicator: Indicator, year: PeriodRef | undefined): Cell[] => {
		const targets = sortedTargets(indicator);
		if (year) {
			const t = targets.find((x) => samePeriod(x.year, year));
			if (!t) return split ? [null, null] : [null];
			return figureCells(figureText(indicator, t.value, t.printed), t.value, true);
		}
		const targetCell = targets
			.map((t) => {
				const text = figureText(indicator, t.value, t.printed);
				return targets.length > 1
					? `（${periodLabel(t.year)}）\n${text}`
					: withPeriod(text, t.year, targetPeriod);
			})
			.join('\n');
		return targets.length === 1
			? figureCells(targetCell, targets[0]!.value, samePeriod(targets[0]!.year, targetPeriod))
			: figureCells(targetCell, { kind: 'text', text: targetCell }, false);
	};

	const rows = indicators.map((indicator): Cell[] => {
		const yearCells = years.flatMap((y): Cell[] => {
			const record = recordOf(indicator, y);
			if (!record) return split ? [null, null, null] : [null, null];
			const period = record.dataYear ?? { kind: 'fiscal' as const, year: record.fiscalYear };
			return [
				...figureCells(
					recordValue(indicator, record),
					record.value,
					samePeriod(period, { kind: 'fiscal', year: record.fiscalYear })
				),
				activitiesCell(indicator, record)
			];
		});
		const lastRecord = recordOf(indicator, throughFiscalYear);
		const result = lastRecord ? assessRecord(indicator, lastRecord) : null;
		return [
			indicator.number,
			indicator.title,
			...(headings.departments ? [indicator.departments.join('\n')] : []),
			...(headings.unit ? [indicator.unit] : []),
			...figureCells(
				withPeriod(
					figureText(indicator, indicator.baseline.value, indicator.baseline.printed),
					indicator.baseline.year,
					baselinePeriod
				),
				indicator.baseline.value,
				samePeriod(indicator.baseline.year, baselinePeriod)
			),
			...headings.targets.flatMap((column) => targetColumnCells(indicator, column.year)),
			...yearCells,
			result ? ratePercent(result) : null,
			result ? labels.statusName(result.status) : null
		];
	});

	const title = labels.progressTitle(pack.plan.formalName, headings.title[planText], last);
	return { title, header: [header], rows, columns: columns.map((c) => c.kind) };
}

function withColumnPeriod(label: string, period: PeriodRef | null, labels: TableLabels): string {
	return period ? `${label} ${labels.period(period)}` : label;
}

// ---------------------------------------------------------------------------------------------
// Evaluation sheet

/**
 * One row per indicator for a fiscal year: the year's value and progress, and the evaluation
 * recorded for that year (成果, 課題, mark, 今後の方向性, reason). An evaluation covering several
 * years is filed under its last year (Evaluation.fiscalYear) and shows there only.
 */
export function layoutEvaluationSheet(
	pack: PlanPack,
	fiscalYear: number,
	labels: TableLabels
): Table {
	assertYear(fiscalYear);
	const year = fiscalColumn(fiscalYear, labels);
	const header = EVALUATION_COLUMNS.map((column) => labels.evaluationColumn(column, year));
	const rows = byNumber(pack).map((indicator): Cell[] => {
		const record = recordOf(indicator, fiscalYear);
		const result = record ? assessRecord(indicator, record) : null;
		const evaluation: Evaluation | undefined = indicator.evaluations.find(
			(e) => e.fiscalYear === fiscalYear
		);
		const direction = evaluation?.direction ?? null;
		return [
			indicator.number,
			indicator.title,
			record ? valueWithRelated(indicator, record) : null,
			result ? ratePercent(result) : null,
			result ? labels.statusName(result.status) : null,
			evaluation?.results ?? null,
			evaluation?.issues ?? null,
			evaluation?.mark ?? null,
			direction === null ? null : directionLabel(pack, direction, labels),
			evaluation?.reason ?? null
		];
	});
	const title = labels.evaluationTitle(pack.plan.formalName, year);
	return { title, header: [header], rows };
}

// ---------------------------------------------------------------------------------------------
// Open data

/**
 * A source in words: a document by its title, a computation by its query, a department's
 * report by who reported it (and where it can be checked).
 */
function sourceText(pack: PlanPack, source: Source): string {
	if (source.kind === 'document') {
		return pack.sources.find((d) => d.id === source.document)?.title ?? source.document;
	}
	if (source.kind === 'computed') return `computed from app data (${source.query})`;
	const reported = source as { by?: unknown; note?: unknown };
	if (typeof reported.by !== 'string') return source.kind;
	return (
		`reported by ${reported.by}` + (typeof reported.note === 'string' ? ` (${reported.note})` : '')
	);
}

/**
 * One row per indicator for a fiscal year, keys in OPEN_DATA_COLUMNS. Years are Western
 * years, each with its period kind; the value's own period is `data_year`; the target is the one the year's figure is judged against (applicableTarget). A
 * count with a related number keeps it in brackets (`405（計画策定対象者 1,649人）`, the form
 * parseIndicatorValue reads back). Value and source are empty when the year has no record.
 */
export function buildOpenDataRows(pack: PlanPack, fiscalYear: number): OpenDataTable {
	assertYear(fiscalYear);
	const rows = byNumber(pack).map((indicator): Cell[] => {
		const record = recordOf(indicator, fiscalYear);
		const target = applicableTarget(indicator.targets, record ? figureYear(record) : fiscalYear);
		const related = record ? formatRelatedNumber(indicator.shape, record.value) : null;
		const value = record
			? formatIndicatorValue(indicator.shape, record.value) + (related ? `（${related}）` : '')
			: null;
		const dataYear = record ? (record.dataYear ?? { kind: 'fiscal', year: fiscalYear }) : null;
		return [
			indicator.number,
			indicator.title,
			indicator.unit,
			formatIndicatorValue(indicator.shape, indicator.baseline.value),
			indicator.baseline.year.year,
			indicator.baseline.year.kind,
			target ? formatIndicatorValue(indicator.shape, target.value) : null,
			target ? target.year.year : null,
			target ? target.year.kind : null,
			fiscalYear,
			dataYear?.year ?? null,
			dataYear?.kind ?? null,
			value,
			record ? sourceText(pack, record.source) : null
		];
	});
	return { header: [...OPEN_DATA_COLUMNS], rows };
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * A table as CSV for Excel: UTF-8 with a BOM, CRLF, RFC 4180 quoting (csv.ts). The header
 * row(s) come first; the title is left out so that the first line is the header a CSV reader
 * expects.
 */
export function tableToCsv(table: {
	header: readonly (readonly string[])[] | readonly string[];
	rows: readonly (readonly Cell[])[];
}): string {
	const header = table.header as readonly (readonly string[] | string)[];
	const headerRows =
		header.length > 0 && typeof header[0] === 'string'
			? [header as readonly string[]]
			: (header as readonly (readonly string[])[]);
	return toCsv([...headerRows, ...table.rows]);
}
