/**
 * Tokorozawa's pack reproduces every 「取り組みを測る指標」 table of its plan's chapter 4
 * (seed 004): priority measures A–C and basic measures 1–11, 47 indicators, each with its unit,
 * 令和元年度 baseline, 令和5年度 mid target and 令和8年度 final target.
 *
 * The seed is PDF text: a table row is flattened to `title unit baseline mid final` with line
 * breaks anywhere, full-width letters, and some kanji as their radical look-alikes (⺠⽣). So
 * the test folds and strips whitespace, cuts the document at each 「●取り組みを測る指標」, and
 * requires the table between its header and its last row to be exactly the pack's rows, in
 * order, in the notation formatIndicatorValue prints (or the figure's `printed`): a missing,
 * extra or changed figure fails. The seed is copied into packs/tokorozawa/source/plan (origin in its
 * SOURCES.md); without it the test fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fiscalYearLabel } from '#lib/domain/fiscal-year.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import {
	formatIndicatorValue,
	parseIndicatorValue,
	planMeasures,
	sameValue,
	type Indicator,
	type TargetValue
} from '#lib/domain/indicators/model.js';
import { REPO_ROOT, foldRadicals, readSeed, strip } from './seed-text';

const PACK_FILE = path.join(REPO_ROOT, 'packs/tokorozawa/plan.json');
const pack = parsePlanPackJson(readFileSync(PACK_FILE, 'utf8'), PACK_FILE);
const SEEDS = path.join(REPO_ROOT, 'packs/tokorozawa/source/plan');

/** The seed, stripped of whitespace, full-width forms and radical look-alikes folded. */
const doc = strip(foldRadicals(readSeed(pack.sources[0]!.file, SEEDS)));
const norm = (s: string) => strip(foldRadicals(s));

const TABLE_HEAD = '●取り組みを測る指標';
/** The measures in the order the chapter prints their tables. */
const MEASURE_ORDER = ['A', 'B', 'C', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'];

/** Where each table starts in the stripped text. */
function tableStarts(): number[] {
	const starts: number[] = [];
	for (let at = doc.indexOf(TABLE_HEAD); at >= 0; at = doc.indexOf(TABLE_HEAD, at + 1)) {
		starts.push(at);
	}
	return starts;
}

function figure(ind: Indicator, f: { value: TargetValue; printed?: string }): string {
	return f.printed ?? formatIndicatorValue(ind.shape, f.value);
}

/** The row as the table prints it: title (or its printed variant), unit, baseline, mid, final. */
function rowTexts(ind: Indicator): string[] {
	const [mid, final] = [...ind.targets].sort((a, b) => a.year.year - b.year.year);
	const figures = norm(
		ind.unit + figure(ind, ind.baseline) + figure(ind, mid!) + figure(ind, final!)
	);
	return [ind.title, ...(ind.titleVariants ?? []).map((v) => v.text)].map((t) => norm(t) + figures);
}

const indicatorsOf = (code: string) => pack.indicators.filter((i) => i.measure === code);

describe('Tokorozawa plan pack (packs/tokorozawa/plan.json) against seed 004', () => {
	it('has 47 indicators numbered 1–47 in the order the chapter prints them', () => {
		expect(pack.indicators.map((i) => i.number)).toEqual(
			Array.from({ length: 47 }, (_, k) => k + 1)
		);
		const order = pack.indicators.map((i) => MEASURE_ORDER.indexOf(i.measure));
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	it('has one indicator table per measure, A–C then 1–11', () => {
		expect(tableStarts()).toHaveLength(MEASURE_ORDER.length);
		expect(planMeasures(pack.structure).map((m) => m.measure.code)).toEqual(MEASURE_ORDER);
	});

	it.each(MEASURE_ORDER.map((code, k) => [code, k] as const))(
		'measure %s: the table is exactly the pack’s rows, with its own heading before it',
		(code, k) => {
			const starts = tableStarts();
			const start = starts[k]!;
			const measure = planMeasures(pack.structure).find((m) => m.measure.code === code)!;
			// The measure's heading stands between the previous table and this one.
			const before = doc.slice(k === 0 ? 0 : starts[k - 1]!, start);
			const heading = measure.policy
				? `${code}${measure.measure.name}`
				: `${pack.structure.levels.priority.ja}${code}${measure.measure.name}`;
			expect(before).toContain(norm(heading));

			// The header names the columns and their years.
			const header = norm(
				`${TABLE_HEAD}指標名単位現況値目標値目標値` +
					[2019, 2023, 2026].map((y) => fiscalYearLabel(y)).join('')
			);
			expect(doc.slice(start, start + header.length)).toBe(header);
			for (const ind of indicatorsOf(code)) {
				expect(ind.baseline.year).toEqual({ kind: 'fiscal', year: 2019 });
				expect(ind.targets.map((t) => t.year)).toEqual([
					{ kind: 'fiscal', year: 2023 },
					{ kind: 'fiscal', year: 2026 }
				]);
			}

			// Row after row, nothing in between, nothing changed.
			let at = start + header.length;
			for (const ind of indicatorsOf(code)) {
				const row = rowTexts(ind).find((r) => doc.startsWith(r, at));
				expect(row, `No. ${ind.number} ${ind.title} at …${doc.slice(at, at + 60)}`).toBeDefined();
				at += row!.length;
			}
			// What follows the last row is a note or the next part of the page (a footnote list or
			// a box), not another row nor more digits of the last figure (`5` is not `50`); each
			// row but the last is followed by the next row's title, checked above.
			expect(doc.slice(at)).toMatch(/^(※|●|40福祉の相談窓口|3つの支援|多様なツール)/);
		}
	);

	it('stores what a printed figure says: its number, and the number in brackets where it has one', () => {
		for (const ind of pack.indicators) {
			for (const f of [ind.baseline, ...ind.targets]) {
				if (f.printed === undefined || f.value.kind === 'none') continue;
				const parsed = parseIndicatorValue(ind.shape, f.printed);
				if (parsed.ok) {
					expect(sameValue(parsed.value, f.value), `No. ${ind.number} ${f.printed}`).toBe(true);
				} else {
					// A percentage with its fraction (83.0（39/47校）): the figure before the bracket.
					expect(f.value.kind).toBe('number');
					const lead = /^[\d,.]+/.exec(f.printed)![0].replace(/,/g, '');
					expect(Number(lead), `No. ${ind.number}`).toBe((f.value as { value: number }).value);
				}
			}
		}
	});

	it('keeps the notes that explain targets below the baseline and the targets not set', () => {
		for (const ind of pack.indicators) {
			if (ind.targetsNote) expect(doc).toContain(norm(ind.targetsNote.text));
			for (const t of ind.targets) if (t.note) expect(doc).toContain(norm(`注)${t.note}`));
		}
		const unset = pack.indicators.filter((i) => i.targets.every((t) => t.value.kind === 'none'));
		expect(unset.map((i) => i.title)).toEqual(['生活困窮者自立支援事業の新規相談者数']);
		expect(unset[0]!.direction).toBeUndefined();
	});

	it('has the policies, measures, main efforts (▶) and aims (６年後のめざす姿) of the chapter', () => {
		for (const p of pack.structure.policies) {
			expect(doc).toContain(norm(`基本方針${p.numeral}${p.name}（${p.approach}）`));
		}
		for (const { measure } of planMeasures(pack.structure)) {
			for (const effort of measure.mainEfforts ?? []) {
				// A footnote mark may follow a word (福祉の相談窓口76と連携した…, 児童委員84活動).
				const words = norm(effort).split(/(?<=窓口|児童委員)/);
				expect(doc).toMatch(new RegExp(`▶${words.map(escape).join('\\d*')}`));
			}
			if (measure.aim) expect(doc).toContain(norm(`6年後のめざす姿${measure.aim}`));
		}
	});
});

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
