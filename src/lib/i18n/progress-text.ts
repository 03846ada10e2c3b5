/**
 * The words of the indicator tables and statuses, from the catalogs (indicator-messages.ts,
 * indicator-print-messages.ts). The domain decides and lays out in codes and numbers (a status
 * code, a column's period, a heading id); this module names them. It reads the two catalogs
 * directly rather than through `translator`, because the server's CSV and XLSX answers and
 * the print view need them without loading every work string first.
 */
import { periodLabel, type PeriodRef } from '#lib/domain/indicators/model.js';
import { PROGRESS_STATUSES, type ProgressStatus } from '#lib/domain/indicators/progress.js';
import type { EvaluationColumn, TableLabels } from '#lib/domain/indicators/progress-table.js';
import { indicatorEn, indicatorJa, type IndicatorMessageKey } from './indicator-messages';
import {
	indicatorPrintEn,
	indicatorPrintJa,
	type IndicatorPrintMessageKey
} from './indicator-print-messages';
import type { Lang } from './locales';

type Key = IndicatorMessageKey | IndicatorPrintMessageKey;
const CATALOGS: Record<Lang, Record<Key, string>> = {
	ja: { ...indicatorJa, ...indicatorPrintJa },
	en: { ...indicatorEn, ...indicatorPrintEn }
};

/** `{name}` filled once, left to right: a plan's own text is never read as a placeholder. */
function text(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
	return CATALOGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : whole
	);
}

const statusKey = (status: ProgressStatus) => `ind.status.${status}` as const;

/** A status in words: 達成 / Achieved. */
export const PROGRESS_STATUS_LABELS = Object.fromEntries(
	(['ja', 'en'] as const).map((lang) => [
		lang,
		Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, text(lang, statusKey(s))]))
	])
) as Record<Lang, Record<ProgressStatus, string>>;

/** The rules at the top of domain/indicators/progress.ts, in their order. */
const RULE_KEYS = [
	'ind.rule.1',
	'ind.rule.2',
	'ind.rule.3',
	'ind.rule.4',
	'ind.rule.5',
	'ind.rule.6',
	'ind.rule.7',
	'ind.rule.8',
	'ind.rule.9',
	'ind.rule.10',
	'ind.rule.11',
	'ind.rule.12'
] as const satisfies readonly IndicatorMessageKey[];

/** The rules of progress.ts in words, one per line, for the help next to a status. */
export const STATUS_RULES = Object.fromEntries(
	(['ja', 'en'] as const).map((lang) => [lang, RULE_KEYS.map((key) => text(lang, key)).join('\n')])
) as Record<Lang, string>;

const COLUMN_KEYS: Record<EvaluationColumn, IndicatorPrintMessageKey> = {
	no: 'indp.sheet.col.no',
	indicator: 'indp.sheet.col.indicator',
	actual: 'indp.sheet.col.actual',
	rate: 'indp.sheet.col.rate',
	status: 'indp.sheet.col.status',
	results: 'indp.sheet.col.results',
	issues: 'indp.sheet.col.issues',
	mark: 'indp.sheet.col.mark',
	direction: 'indp.sheet.col.direction',
	reason: 'indp.sheet.col.reason'
};

/** The words of the progress table and evaluation sheet in one language. */
export function tableLabels(lang: Lang): TableLabels {
	return {
		planText: lang,
		period: (period: PeriodRef) =>
			text(
				lang,
				period.kind === 'fiscal' ? 'indp.sheet.period.fiscal' : 'indp.sheet.period.calendar',
				{
					era: periodLabel(period),
					year: period.year
				}
			),
		participants: (label) => text(lang, 'indp.sheet.participants', { label }),
		activities: (year) => text(lang, 'indp.sheet.activities', { year }),
		rate: (year) => text(lang, 'indp.sheet.rate', { year }),
		status: (year) => text(lang, 'indp.sheet.status', { year }),
		statusName: (status) => PROGRESS_STATUS_LABELS[lang][status],
		progressTitle: (plan, title, year) => text(lang, 'indp.sheet.title', { plan, title, year }),
		evaluationTitle: (plan, year) => text(lang, 'indp.sheet.evaluationTitle', { plan, year }),
		evaluationColumn: (column, year) => text(lang, COLUMN_KEYS[column], { year })
	};
}
