/**
 * The pack reproduces every figure of the 令和5年度 progress table in the seeds for all 20
 * indicators, including the two-series and text-target ones.
 *
 * For each indicator and each progress document (000 and 001) the test cuts the document at the
 * indicator's row (its number and title up to the next row), then checks, in the notation
 * formatIndicatorValue prints:
 *   - baseline, target and 令和4年度 value stand together in this order (`60 70 55`),
 *   - then the 令和4年度 取組内容, then the 令和5年度 value, then the 令和5年度 取組内容,
 *   - the title, departments, related initiatives (001), 成果 / 課題 (001) are in the row.
 * Where the documents disagree, each document must print the alternative sourced to it.
 * The seeds are copied into packs/tsurugashima/source/plan (with their origin in SOURCES.md);
 * without them the test fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	calendarYearLabel,
	fiscalYearLabel,
	fiscalYearShortLabel,
	parseEraDate
} from '#lib/domain/fiscal-year.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import {
	formatIndicatorValue,
	formatRelatedNumber,
	parseIndicatorValue,
	sameValue,
	type AlternativeText,
	type AlternativeValue,
	type Indicator,
	type PeriodRef,
	type TargetValue
} from '#lib/domain/indicators/model.js';
import {
	REPO_ROOT,
	SEEDS_DIR,
	flexible,
	fold,
	readSeed,
	rowSlice,
	strip,
	stripWithMap
} from './seed-text';

const PACK_FILE = path.join(REPO_ROOT, 'packs/tsurugashima/plan.json');
const pack = parsePlanPackJson(readFileSync(PACK_FILE, 'utf8'), PACK_FILE);
const PROGRESS_DOCS = ['000', '001'] as const;
type DocId = (typeof PROGRESS_DOCS)[number];

/** The column periods of the progress tables: a figure of another period prints its year. */
const COLUMN = {
	baseline: { kind: 'fiscal', year: 2020 },
	target: { kind: 'fiscal', year: 2026 }
} as const;

/**
 * How each document writes what formatIndicatorValue prints, where they differ:
 * 001 abbreviates `/年度末時点` to `/年度末` and writes years as `R2` instead of `令和2年`.
 */
const NOTATION: Record<DocId, { rewrite: (s: string) => string; year: (p: PeriodRef) => string }> =
	{
		'000': {
			rewrite: (s) => s,
			year: (p) => (p.kind === 'calendar' ? calendarYearLabel(p.year) : fiscalYearLabel(p.year))
		},
		'001': {
			rewrite: (s) => s.replace('/年度末時点', '/年度末'),
			year: (p) => fiscalYearShortLabel(p.year)
		}
	};

function fileOf(id: string): string {
	const s = pack.sources.find((x) => x.id === id);
	if (!s) throw new Error(`pack has no source ${id}`);
	return s.file;
}

const docs = new Map<string, string>();
function doc(id: string): string {
	let text = docs.get(id);
	if (text === undefined) {
		text = fold(readSeed(fileOf(id)));
		docs.set(id, text);
	}
	return text;
}

const last = Math.max(...pack.indicators.map((i) => i.number));
const byNumber = new Map(pack.indicators.map((i) => [i.number, i]));
function titles(n: number): string[] {
	const ind = byNumber.get(n)!;
	return [ind.title, ...(ind.titleVariants ?? []).map((v) => v.text)];
}
function row(id: DocId, n: number): string {
	return rowSlice(doc(id), n, titles, last);
}

interface Figure {
	value: TargetValue;
	printed?: string;
	alternatives?: AlternativeValue[];
}

/** The value a document prints for a figure: its own alternative when the sources disagree. */
function readingFor(id: DocId, f: Figure): { value: TargetValue; printed?: string } {
	const alt = f.alternatives?.find((a) => a.source.kind === 'document' && a.source.document === id);
	if (alt) return { value: alt.value, printed: alt.printed };
	return { value: f.value, printed: f.printed };
}

function textFor(id: DocId, text: string, alternatives?: AlternativeText[]): string {
	const alt = alternatives?.find((a) => a.source.kind === 'document' && a.source.document === id);
	return alt ? alt.text : text;
}

/** The figure as document `id` prints it, data-year label included. */
function printedFigure(
	id: DocId,
	ind: Indicator,
	f: Figure,
	period: PeriodRef | undefined,
	column: PeriodRef | undefined
): string {
	const { value, printed } = readingFor(id, f);
	const body = NOTATION[id].rewrite(printed ?? formatIndicatorValue(ind.shape, value));
	const showYear =
		period !== undefined &&
		(column === undefined || period.kind !== column.kind || period.year !== column.year);
	return showYear ? `(${NOTATION[id].year(period)})${body}` : body;
}

/** Index just past the first occurrence of `needle` (whitespace-insensitive) at or after `from`. */
function findText(hay: string, needle: string, from: number): { start: number; end: number } {
	const { text, map } = stripWithMap(hay);
	const n = strip(needle);
	const fromStripped = map.findIndex((i) => i >= from);
	const at = text.indexOf(n, fromStripped < 0 ? text.length : fromStripped);
	if (at < 0 || n.length === 0) return { start: -1, end: -1 };
	return { start: map[at]!, end: map[at + n.length - 1]! + 1 };
}

describe('seed documents', () => {
	it(`are available at ${SEEDS_DIR}`, () => {
		for (const s of pack.sources) expect(doc(s.id).length).toBeGreaterThan(1000);
	});
});

describe.each(PROGRESS_DOCS)('progress table %s', (id) => {
	beforeAll(() => {
		doc(id);
	});

	it.each(pack.indicators.map((i) => [i.number, i] as const))(
		'indicator %i: title and departments are in its row',
		(n, ind) => {
			const slice = strip(row(id, n));
			const wordings = [ind.title, ...(ind.titleVariants ?? []).map((v) => v.text)];
			expect(
				wordings.some((w) => slice.includes(strip(w))),
				`title of ${n} in ${id}`
			).toBe(true);
			for (const d of ind.departments) expect(slice).toContain(strip(d));
		}
	);

	it.each(pack.indicators.map((i) => [i.number, i] as const))(
		'indicator %i: baseline, target, 令和4・5年度 figures and 取組内容 in order',
		(n, ind) => {
			const slice = row(id, n);
			const [r4, r5] = [2022, 2023].map((fy) => ind.records.find((r) => r.fiscalYear === fy));
			expect(r4, `令和4年度 record of ${n}`).toBeDefined();
			expect(r5, `令和5年度 record of ${n}`).toBeDefined();
			const target = ind.targets[ind.targets.length - 1]!;

			const b = printedFigure(id, ind, ind.baseline, ind.baseline.year, COLUMN.baseline);
			const t = printedFigure(id, ind, target, target.year, COLUMN.target);
			const v4 = printedFigure(id, ind, r4!, r4!.dataYear, undefined);
			const v5 = printedFigure(id, ind, r5!, r5!.dataYear, undefined);

			// Baseline, target and 令和4年度 stand together, in this order.
			const seq = new RegExp(`${flexible(b)}\\s+${flexible(t)}\\s+${flexible(v4)}`).exec(slice);
			expect(seq, `"${b} ${t} ${v4}" in row ${n} of ${id}`).not.toBeNull();
			const afterSeq = seq!.index + seq![0].length;

			const act4 = findText(
				slice,
				textFor(id, r4!.activities, r4!.activitiesAlternatives),
				afterSeq
			);
			expect(act4.start, `令和4年度 取組内容 of ${n} in ${id}`).toBeGreaterThanOrEqual(afterSeq);

			const fig5 = new RegExp(`(?<=^|\\s)${flexible(v5)}(?=\\s|$)`, 'g');
			fig5.lastIndex = act4.end;
			const m5 = fig5.exec(slice);
			expect(m5, `令和5年度 "${v5}" after the 令和4年度 取組内容 of ${n} in ${id}`).not.toBeNull();

			const act5 = findText(
				slice,
				textFor(id, r5!.activities, r5!.activitiesAlternatives),
				m5!.index + m5![0].length
			);
			expect(act5.start, `令和5年度 取組内容 of ${n} in ${id}`).toBeGreaterThan(m5!.index);

			// A related number (計画策定対象者) is printed with the year's 取組内容.
			for (const [r, act] of [
				[r4!, act4],
				[r5!, act5]
			] as const) {
				const related = formatRelatedNumber(ind.shape, r.value);
				if (related === null) continue;
				const m = new RegExp(flexible(related)).exec(slice.slice(act.start, act.end));
				expect(m, `"${related}" in the 取組内容 of ${n} ${r.fiscalYear} in ${id}`).not.toBeNull();
			}
		}
	);
});

describe('progress report 001', () => {
	it.each(pack.indicators.map((i) => [i.number, i] as const))(
		'indicator %i: related initiatives, 成果 and 課題 are in its row',
		(n, ind) => {
			const slice = strip(row('001', n));
			const symbols = ind.relatedInitiatives
				.map((k) => pack.structure.initiatives.find((x) => x.number === k)!.symbol)
				.join('');
			expect(slice).toContain(symbols);
			const evaluation = ind.evaluations.find((e) => e.source.kind === 'document');
			expect(evaluation).toBeDefined();
			expect(slice).toContain(strip(`○成果${evaluation!.results}`));
			expect(slice).toContain(strip(`○課題${evaluation!.issues}`));
		}
	);
});

describe('notation', () => {
	it('prints the figures of the special shapes as the documents do', () => {
		const find = (n: number) => byNumber.get(n)!;
		const fmt = (n: number, fy: number) => {
			const ind = find(n);
			return formatIndicatorValue(ind.shape, ind.records.find((r) => r.fiscalYear === fy)!.value);
		};
		expect(fmt(2, 2022)).toBe('8（156人）');
		expect(fmt(2, 2023)).toBe('8（138人）');
		expect(fmt(18, 2022)).toBe('男性17.87 女性20.83');
		expect(fmt(18, 2023)).toBe('男性18.03 女性21.08');
		expect(fmt(7, 2023)).toBe('12,000/年');
		expect(fmt(8, 2022)).toBe('24,631/年度末時点');
		expect(fmt(20, 2023)).toBe('405');
		expect(formatIndicatorValue(find(20).shape, find(20).targets[0]!.value)).toBe('希望者すべて');
		const r20 = find(20).records.find((r) => r.fiscalYear === 2022)!;
		expect(formatRelatedNumber(find(20).shape, r20.value)).toBe('計画策定対象者\u30001,613人');
	});

	it('keeps a printed notation only when it differs from the formatter, and it parses back', () => {
		for (const ind of pack.indicators) {
			const figures = [ind.baseline, ...ind.targets, ...ind.records];
			for (const f of figures) {
				if (f.printed === undefined) continue;
				expect(f.printed).not.toBe(formatIndicatorValue(ind.shape, f.value));
				const parsed = parseIndicatorValue(ind.shape, f.printed);
				expect(parsed.ok).toBe(true);
				expect(parsed.ok && sameValue(parsed.value, f.value)).toBe(true);
			}
		}
	});
});

describe('dates and data years', () => {
	it('asOf dates are the ones the 取組内容 print (R4.4.1現在)', () => {
		for (const ind of pack.indicators) {
			for (const r of ind.records) {
				if (r.asOf === undefined) continue;
				const m = /\((R\d+\.\d+\.\d+)現在\)/.exec(fold(r.activities));
				expect(m, `asOf of ${ind.number} ${r.fiscalYear}`).not.toBeNull();
				expect(parseEraDate(m![1]!)).toBe(r.asOf);
			}
		}
	});

	it('only indicator 18 reports a data year other than the fiscal year, two years late', () => {
		const lagging = pack.indicators.filter((i) => i.records.some((r) => r.dataYear));
		expect(lagging.map((i) => i.number)).toEqual([18]);
		for (const r of lagging[0]!.records) {
			expect(r.dataYear).toEqual({ kind: 'calendar', year: r.fiscalYear - 2 });
		}
	});
});

describe('disagreements between the documents', () => {
	it('indicator 11: both baselines are kept with their sources, 001 (6,460) is used', () => {
		const b = byNumber.get(11)!.baseline;
		expect(b.value).toEqual({ kind: 'number', value: 6460 });
		expect(b.alternatives).toHaveLength(2);
		const by = (d: string) =>
			b.alternatives!.find((a) => a.source.kind === 'document' && a.source.document === d)!;
		expect(by('001')).toMatchObject({ value: { kind: 'number', value: 6460 }, used: true });
		expect(by('000')).toMatchObject({ value: { kind: 'number', value: 8281 }, used: false });
		expect(strip(row('000', 11))).toContain('8,281');
		expect(strip(row('001', 11))).toContain('6,460');
		expect(strip(row('001', 11))).not.toContain('8,281');
	});

	it('every alternative is printed by the document it names', () => {
		for (const ind of pack.indicators) {
			const figures: Figure[] = [ind.baseline, ...ind.targets, ...ind.records];
			for (const f of figures) {
				for (const a of f.alternatives ?? []) {
					if (a.source.kind !== 'document') continue;
					const id = a.source.document as DocId;
					const printed = NOTATION[id].rewrite(
						a.printed ?? formatIndicatorValue(ind.shape, a.value)
					);
					expect(new RegExp(flexible(printed)).test(row(id, ind.number))).toBe(true);
				}
			}
		}
	});
});

describe('plan and structure (002)', () => {
	it('plan name, formal name, principle and period are in the summary', () => {
		const d = strip(doc('002'));
		expect(d).toContain(strip('つる♡ほっと'));
		expect(d).toContain(strip(pack.plan.principle!));
		expect(d).toContain(strip(pack.plan.principleSubtitle!));
		expect(d).toContain(strip('第3次鶴ヶ島市地域福祉計画・鶴ヶ島市社会福祉協議会地域福祉活動計画'));
		expect(d).toContain(strip('令和4年度～令和8年度'));
		expect(pack.plan.period).toEqual({ from: 2022, to: 2026 });
	});

	it('has the 37 initiatives ①–㊲ worded as in 002 (001 wordings kept as variants)', () => {
		const d2 = strip(doc('002'));
		const d1 = strip(doc('001'));
		expect(pack.structure.initiatives).toHaveLength(37);
		for (const init of pack.structure.initiatives) {
			expect(d2, `${init.symbol} in 002`).toContain(strip(`${init.symbol}${init.text}`));
			for (const v of init.textVariants ?? [])
				expect(d1).toContain(strip(`${init.symbol}${v.text}`));
		}
	});

	it('has the priority measure and the nine basic measures Ⅰ-1 … Ⅲ-3 with their initiatives', () => {
		const d2 = strip(doc('002'));
		const s = pack.structure;
		expect(s.priorityMeasures).toHaveLength(1);
		const priority = s.priorityMeasures[0]!;
		expect(d2).toContain(strip(`${s.levels.priority.ja}${priority.name}`));
		expect(priority.initiatives).toEqual([1, 2, 3, 4, 5]);
		const codes = s.policies.flatMap((p) => p.measures.map((m) => m.code));
		expect(codes).toEqual(['Ⅰ-1', 'Ⅰ-2', 'Ⅰ-3', 'Ⅱ-1', 'Ⅱ-2', 'Ⅱ-3', 'Ⅲ-1', 'Ⅲ-2', 'Ⅲ-3']);
		for (const p of s.policies) {
			expect(d2).toContain(strip(`基本方針${p.numeral}.${p.name}（${p.approach}）`));
			for (const m of p.measures) {
				expect(d2).toContain(strip(`基本施策${m.code}.${m.name}`));
				// The measure's initiatives are listed right under its heading in 002.
				const at = d2.indexOf(strip(`基本施策${m.code}.`));
				const first = s.initiatives.find((x) => x.number === m.initiatives[0])!;
				expect(d2.indexOf(strip(first.symbol + first.text), at)).toBeGreaterThan(at);
			}
		}
	});

	it('aims (めざす姿) and department tables come from 001', () => {
		const d1 = strip(doc('001'));
		const s = pack.structure;
		for (const m of [...s.priorityMeasures, ...s.policies.flatMap((p) => p.measures)]) {
			expect(d1).toContain(strip(`めざす姿⇒${m.aim}`));
			for (const dep of m.departmentInitiatives ?? []) {
				const symbols = dep.initiatives
					.map((k) => s.initiatives.find((x) => x.number === k)!.symbol)
					.join('');
				expect(d1).toContain(strip(dep.department + symbols));
			}
		}
	});
});
