/**
 * The progress table and evaluation sheet in a language: the domain's layout
 * (domain/indicators/progress-table.ts) with the catalogs' words (i18n/progress-text.ts).
 * The print view, the CSV and the XLSX answers all build their tables here.
 */
import {
	layoutEvaluationSheet,
	layoutProgressSheet,
	layoutProgressTable,
	type Table
} from '#lib/domain/indicators/progress-table.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import { tableLabels } from '#lib/i18n/progress-text.js';
import type { Lang } from '#lib/i18n/locales.js';

export {
	OPEN_DATA_COLUMNS,
	buildOpenDataRows,
	tableToCsv,
	type Cell,
	type ColumnKind,
	type OpenDataTable,
	type Table
} from '#lib/domain/indicators/progress-table.js';

/** The progress table (実績及び具体的な取組内容) through `throughFiscalYear`, as text. */
export const buildProgressTable = (
	pack: PlanPack,
	throughFiscalYear: number,
	lang: Lang = 'ja'
): Table => layoutProgressTable(pack, throughFiscalYear, tableLabels(lang));

/** The same table for a spreadsheet: one-number figures as numbers. */
export const buildProgressSheet = (
	pack: PlanPack,
	throughFiscalYear: number,
	lang: Lang = 'ja'
): Table => layoutProgressSheet(pack, throughFiscalYear, tableLabels(lang));

/** The evaluation sheet of a fiscal year. */
export const buildEvaluationSheet = (
	pack: PlanPack,
	fiscalYear: number,
	lang: Lang = 'ja'
): Table => layoutEvaluationSheet(pack, fiscalYear, tableLabels(lang));
