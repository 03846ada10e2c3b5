/**
 * Staff evaluations of an indicator's year, without a server: the op's shape (marks and
 * directions from the model's lists, text limits), what must be filled in (a 見直し or 廃止
 * needs its reason), the latest evaluation standing whatever order they come in, the form
 * starting from document 001's 成果・課題, and the evaluation sheet printing what staff entered.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	evaluationDraft,
	evaluationHistory,
	evaluationInput,
	evaluationIssues,
	evaluationKey,
	withEvaluations,
	type EvaluationEntry
} from '#lib/domain/indicators/evaluations.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import { TEXT_LIMITS, type PlanPack } from '#lib/domain/indicators/model.js';
import { buildEvaluationSheet, type Table } from '#lib/export/progress-tables.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { opSchema } from '#lib/domain/sync/protocol.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { REPO_ROOT } from './seed-text';

const FILE = path.join(REPO_ROOT, 'packs/tsurugashima/plan.json');
const pack: PlanPack = parsePlanPackJson(readFileSync(FILE, 'utf8'), FILE);
const no2 = pack.indicators.find((i) => i.number === 2)!;

const device = uuidv7();
const stamp = (wall: number, counter = 0) => encodeHlc({ wall, counter, node: device });

/** A well-formed op (generated test input, not a city's evaluation). */
const op = (overrides: Record<string, unknown> = {}) => ({
	opId: uuidv7(),
	deviceId: device,
	at: stamp(Date.parse('2024-05-10T01:00:00Z')),
	kind: 'indicator.evaluate',
	evaluationId: uuidv7(),
	planId: 'tsurugashima',
	indicatorNumber: 2,
	fiscalYear: 2023,
	results: '懇談会を予定どおり開催できた（テスト入力）',
	issues: '参加者の固定化（テスト入力）',
	mark: '○',
	direction: '継続',
	reason: null,
	department: '福祉政策課',
	...overrides
});

const entry = (overrides: Partial<EvaluationEntry> = {}): EvaluationEntry => ({
	evaluationId: uuidv7(),
	planId: 'tsurugashima',
	indicatorNumber: 2,
	fiscalYear: 2023,
	at: stamp(Date.parse('2024-05-10T01:00:00Z')),
	results: '成果（テスト入力）',
	issues: '課題（テスト入力）',
	mark: '◎',
	direction: '見直し',
	reason: '理由（テスト入力）',
	department: '福祉政策課',
	recordedBy: 'staff@example.test',
	...overrides
});

function cell(table: Table, no: number, column: string) {
	const c = table.header[0]!.indexOf(column);
	if (c < 0) throw new Error(`no column ${column}`);
	return table.rows.find((r) => r[0] === no)![c];
}

describe('indicator.evaluate op shape', () => {
	it('accepts an evaluation with the model’s marks and directions', () => {
		expect(opSchema.safeParse(op()).success).toBe(true);
		expect(opSchema.safeParse(op({ mark: null, direction: null })).success).toBe(true);
	});

	it.each([
		['a mark with a space in it', { mark: '◎ ○' }],
		['a direction longer than any code', { direction: '継'.repeat(17) }],
		['成果 over the limit', { results: 'あ'.repeat(TEXT_LIMITS.long + 1) }],
		['a reason over the limit', { reason: 'あ'.repeat(TEXT_LIMITS.long + 1) }],
		['a department over the limit', { department: 'あ'.repeat(TEXT_LIMITS.short + 1) }],
		['no department', { department: '' }],
		['text with a NUL character', { issues: 'a\u0000b' }],
		['a fiscal year that is no year', { fiscalYear: 2023.5 }],
		['an unknown field', { score: 5 }]
	])('refuses %s', (_name, overrides) => {
		expect(opSchema.safeParse(op(overrides)).success).toBe(false);
	});
});

describe('evaluationIssues', () => {
	const base = {
		results: '成果',
		issues: null,
		mark: null,
		direction: null,
		reason: null,
		department: '福祉政策課'
	} as const;

	it('needs a reason for 見直し and 廃止, not for 拡充 or 継続 (as in the older table)', () => {
		expect(evaluationIssues({ ...base, direction: '見直し' }, pack.evaluation)).toEqual([
			{ field: 'reason', code: 'reason-required' }
		]);
		expect(
			evaluationIssues({ ...base, direction: '廃止', reason: '  \u3000' }, pack.evaluation)
		).toEqual([{ field: 'reason', code: 'reason-required' }]);
		expect(
			evaluationIssues({ ...base, direction: '廃止', reason: '役目を終えたため' }, pack.evaluation)
		).toEqual([]);
		expect(evaluationIssues({ ...base, direction: '継続' }, pack.evaluation)).toEqual([]);
		expect(evaluationIssues({ ...base, direction: '拡充' }, pack.evaluation)).toEqual([]);
	});

	it('refuses a mark or direction outside the plan’s vocabulary (◎○△×, 拡充・継続・見直し・廃止)', () => {
		// ◯ U+25EF looks like ○ U+25CB.
		expect(evaluationIssues({ ...base, mark: '◯' }, pack.evaluation)).toEqual([
			{ field: 'mark', code: 'unknown' }
		]);
		expect(evaluationIssues({ ...base, mark: 'good' }, pack.evaluation)).toEqual([
			{ field: 'mark', code: 'unknown' }
		]);
		expect(evaluationIssues({ ...base, direction: '継続する' }, pack.evaluation)).toEqual([
			{ field: 'direction', code: 'unknown' }
		]);
	});

	it('refuses an evaluation with nothing in it, and one without a department', () => {
		expect(evaluationIssues({ ...base, results: ' ' }, pack.evaluation)).toEqual([
			{ field: 'results', code: 'empty' }
		]);
		expect(evaluationIssues({ ...base, department: '' }, pack.evaluation)).toEqual([
			{ field: 'department', code: 'required' }
		]);
	});

	it('allows a partial evaluation: a mark alone, or 成果 before the mark is decided', () => {
		expect(evaluationIssues({ ...base, results: null, mark: '△' }, pack.evaluation)).toEqual([]);
		expect(evaluationIssues(base, pack.evaluation)).toEqual([]);
	});

	it('points at text over its limit', () => {
		expect(
			evaluationIssues({ ...base, issues: 'x'.repeat(TEXT_LIMITS.long + 1) }, pack.evaluation)
		).toEqual([{ field: 'issues', code: 'too-long' }]);
	});
});

describe('withEvaluations', () => {
	const early = entry({ at: stamp(Date.parse('2024-05-10T01:00:00Z')), mark: '△' });
	const late = entry({ at: stamp(Date.parse('2024-05-10T02:00:00Z')), mark: '◎' });

	it('the latest stamp stands, whichever order the evaluations come in', () => {
		for (const list of [
			[early, late],
			[late, early]
		]) {
			const plan = withEvaluations(pack, 'tsurugashima', list);
			const evals = plan.indicators.find((i) => i.number === 2)!.evaluations;
			expect(evals.filter((e) => e.fiscalYear === 2023)).toHaveLength(1);
			expect(evals.find((e) => e.fiscalYear === 2023)).toMatchObject({
				mark: '◎',
				source: { kind: 'reported', by: '福祉政策課' },
				recordedBy: 'staff@example.test',
				recordedAt: '2024-05-10T02:00:00.000Z'
			});
		}
	});

	it('replaces the pack’s evaluation filed under the same year, keeps the others, ignores other plans', () => {
		const mine = entry({ fiscalYear: 2024, results: '令和6年度の成果（テスト入力）' });
		const plan = withEvaluations(pack, 'tsurugashima', [
			mine,
			entry({ planId: 'tokorozawa', indicatorNumber: 3 })
		]);
		const evals = plan.indicators.find((i) => i.number === 2)!.evaluations;
		expect(evals.map((e) => [e.fiscalYear, e.source.kind])).toEqual([[2024, 'reported']]);
		expect(evals[0]!.results).toBe('令和6年度の成果（テスト入力）');
		// Indicator 3 keeps its document evaluation; the pack itself is unchanged.
		expect(plan.indicators.find((i) => i.number === 3)!.evaluations[0]!.source.kind).toBe(
			'document'
		);
		expect(no2.evaluations[0]!.source).toMatchObject({ kind: 'document', document: '001' });
	});

	it('puts the staff evaluation on the evaluation sheet of its year (ja and en)', () => {
		const before = buildEvaluationSheet(pack, 2023);
		expect(cell(before, 2, '評価')).toBeNull();
		const plan = withEvaluations(pack, 'tsurugashima', [early, late]);
		const ja = buildEvaluationSheet(plan, 2023);
		expect(cell(ja, 2, '成果')).toBe('成果（テスト入力）');
		expect(cell(ja, 2, '課題')).toBe('課題（テスト入力）');
		expect(cell(ja, 2, '評価')).toBe('◎');
		expect(cell(ja, 2, '今後の方向性')).toBe('見直し');
		expect(cell(ja, 2, '理由')).toBe('理由（テスト入力）');
		expect(cell(buildEvaluationSheet(plan, 2023, 'en'), 2, 'Direction')).toBe('Review');
		// Other rows and years are as before.
		expect(cell(ja, 3, '評価')).toBeNull();
		expect(buildEvaluationSheet(plan, 2024).rows).toEqual(buildEvaluationSheet(pack, 2024).rows);
	});
});

describe('the evaluation form', () => {
	it('starts 令和5年度 from document 001’s 成果・課題 and names the source', () => {
		const draft = evaluationDraft(no2, no2, 2023);
		const transcribed = no2.evaluations[0]!;
		expect(transcribed.fromFiscalYear).toBe(2022);
		expect(draft).toMatchObject({
			fiscalYear: 2023,
			results: transcribed.results,
			issues: transcribed.issues,
			mark: '',
			direction: '',
			reason: '',
			department: no2.departments[0],
			startedFrom: { kind: 'document', document: '001' },
			dirty: false
		});
		// 令和7年度 is not covered by the document: an empty form.
		expect(evaluationDraft(no2, no2, 2025)).toMatchObject({
			results: '',
			issues: '',
			startedFrom: null
		});
	});

	it('starts from the year’s standing staff evaluation once there is one', () => {
		const effective = withEvaluations(pack, 'tsurugashima', [
			entry({ department: '福祉政策課' })
		]).indicators.find((i) => i.number === 2)!;
		expect(evaluationDraft(no2, effective, 2023)).toMatchObject({
			results: '成果（テスト入力）',
			mark: '◎',
			direction: '見直し',
			reason: '理由（テスト入力）',
			startedFrom: { kind: 'reported', by: '福祉政策課' }
		});
	});

	it('sends trimmed text, and blanks and undecided choices as null', () => {
		const input = evaluationInput('tsurugashima', 2, {
			...evaluationDraft(no2, no2, 2023),
			results: '  成果  ',
			issues: ' \n ',
			mark: '',
			direction: '継続'
		});
		expect(input).toMatchObject({
			results: '成果',
			issues: null,
			mark: null,
			direction: '継続',
			reason: null
		});
		expect(evaluationIssues(input, pack.evaluation)).toEqual([]);
	});

	it('lists the documents’ text first, then every staff evaluation, the latest standing', () => {
		const a = entry({ at: stamp(1_700_000_000_000), mark: '△' });
		const b = entry({ at: stamp(1_700_000_100_000), mark: '○' });
		const items = evaluationHistory(no2, 2023, [b, a]);
		expect(items.map((i) => i.kind)).toEqual(['transcribed', 'entry', 'entry']);
		expect(items.map((i) => i.standing)).toEqual([false, false, true]);
		expect(items[2]!.kind === 'entry' && items[2]!.entry.mark).toBe('○');
		// Alone, a covering text filed under a later year does not stand for this one.
		expect(evaluationHistory(no2, 2023, []).map((i) => i.standing)).toEqual([false]);
		expect(evaluationHistory(no2, 2024, []).map((i) => i.standing)).toEqual([true]);
	});

	it('keys the evaluation apart from the year’s figure entry', () => {
		expect(evaluationKey({ planId: 'tsurugashima', indicatorNumber: 2, fiscalYear: 2023 })).toBe(
			'tsurugashima/2/2023/evaluation'
		);
	});
});
