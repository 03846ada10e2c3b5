import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	PlanPackError,
	checkPlanPack,
	formatPath,
	parsePlanPack,
	parsePlanPackJson
} from '#lib/domain/indicators/load-plan.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import { REPO_ROOT } from './seed-text';

const FILE = path.join(REPO_ROOT, 'packs/tsurugashima/plan.json');
const text = readFileSync(FILE, 'utf8');
const fresh = (): PlanPack => JSON.parse(text);

/** The issues a broken copy of the pack is refused with. */
function issuesOf(mutate: (p: PlanPack) => void): { path: string; message: string }[] {
	const p = fresh();
	mutate(p);
	try {
		parsePlanPack(p, 'test pack');
	} catch (e) {
		expect(e).toBeInstanceOf(PlanPackError);
		return [...(e as PlanPackError).issues];
	}
	throw new Error('the broken pack was accepted');
}

const ind = (p: PlanPack, n: number) => p.indicators.find((i) => i.number === n)!;

describe('the Tsurugashima plan pack', () => {
	const pack = parsePlanPackJson(text, FILE);

	it('loads and passes every cross-check', () => {
		expect(checkPlanPack(pack)).toEqual([]);
	});

	it('has the plan, 20 indicators, 37 initiatives, 1 + 9 measures', () => {
		expect(pack.plan.name).toBe('つる♡ほっとプラン');
		expect(pack.plan.period).toEqual({ from: 2022, to: 2026 });
		expect(pack.indicators.map((i) => i.number)).toEqual(
			Array.from({ length: 20 }, (_, i) => i + 1)
		);
		expect(pack.structure.initiatives).toHaveLength(37);
		expect(pack.structure.policies.flatMap((p) => p.measures)).toHaveLength(9);
	});

	it('names its sources, the later report preferred', () => {
		expect(pack.sources.map((s) => s.id)).toEqual(['000', '001', '002', '003']);
		expect(pack.sources.filter((s) => s.preferred).map((s) => s.id)).toEqual(['001']);
	});

	it('has a 令和4 and a 令和5 record and an evaluation for every indicator', () => {
		for (const i of pack.indicators) {
			expect(i.records.map((r) => r.fiscalYear)).toEqual([2022, 2023]);
			expect(i.evaluations).toHaveLength(1);
			expect(i.evaluations[0]!.results).toBeTruthy();
			expect(i.evaluations[0]!.issues).toBeTruthy();
			expect(i.evaluations[0]!.mark).toBeNull();
		}
	});
});

describe('refusing bad data with precise paths', () => {
	it('not JSON', () => {
		expect(() => parsePlanPackJson('{', 'x.json')).toThrow(
			/x\.json is not a valid plan pack.*not JSON/s
		);
	});

	it('schema errors carry the path', () => {
		const issues = issuesOf((p) => {
			(ind(p, 3).records[0]!.value as { value: unknown }).value = '139';
		});
		expect(issues.map((i) => i.path)).toEqual(['indicators[2].records[0].value.value']);
	});

	it('the message lists the issues', () => {
		const p = fresh();
		ind(p, 5).records[1]!.fiscalYear = 2022;
		expect(() => parsePlanPack(p, 'plan.json')).toThrow(
			/plan\.json is not a valid plan pack \(1 issue\):\n {2}indicators\[4\]\.records\[1\]\.fiscalYear: second record for 2022/
		);
	});

	it('a value that does not fit the shape', () => {
		expect(
			issuesOf((p) => {
				ind(p, 18).records[0]!.value = { kind: 'number', value: 17.87 };
			})
		).toEqual([
			{ path: 'indicators[17].records[0].value.kind', message: 'kind-mismatch (shape series)' }
		]);
		const count = issuesOf((p) => {
			ind(p, 2).records[0]!.value = {
				kind: 'count-with-participants',
				count: 8.5,
				participants: 156
			};
		});
		expect(count).toHaveLength(1);
		expect(count[0]).toMatchObject({ path: 'indicators[1].records[0].value.count' });
		expect(count[0]!.message).toMatch(/int/);
		expect(
			issuesOf((p) => {
				ind(p, 10).records[1]!.value = { kind: 'number', value: 3934.25 };
			})
		).toEqual([
			{
				path: 'indicators[9].records[1].value.value',
				message: 'too-many-decimals (shape number)'
			}
		]);
	});

	it('alternatives: exactly one used, equal to the value', () => {
		expect(
			issuesOf((p) => {
				ind(p, 11).baseline.alternatives![1]!.used = true;
			})
		).toEqual([
			{
				path: 'indicators[10].baseline.alternatives',
				message: 'exactly one alternative must be used (found 2)'
			}
		]);
		expect(
			issuesOf((p) => {
				ind(p, 11).baseline.value = { kind: 'number', value: 8281 };
			})
		).toEqual([
			{
				path: 'indicators[10].baseline.alternatives',
				message: 'the used alternative differs from the value'
			}
		]);
		expect(
			issuesOf((p) => {
				ind(p, 12).records[1]!.activities += '。';
			})
		).toEqual([
			{
				path: 'indicators[11].records[1].activitiesAlternatives',
				message: 'the used alternative differs from the text'
			}
		]);
	});

	it('unknown source documents, initiatives and measures', () => {
		expect(
			issuesOf((p) => {
				ind(p, 1).baseline.source = { kind: 'document', document: '009' };
			})
		).toEqual([{ path: 'indicators[0].baseline.source', message: 'unknown source document 009' }]);
		expect(
			issuesOf((p) => {
				ind(p, 1).relatedInitiatives = [1, 6];
			})
		).toEqual([
			{ path: 'indicators[0].relatedInitiatives[1]', message: 'initiative 6 is not in 重点' }
		]);
		expect(
			issuesOf((p) => {
				ind(p, 1).measure = 'Ⅳ-1';
			})
		).toContainEqual({ path: 'indicators[0].measure', message: 'unknown measure Ⅳ-1' });
	});

	it('structure: initiatives in exactly one measure, numbered with their symbol', () => {
		expect(
			issuesOf((p) => {
				p.structure.policies[0]!.measures[0]!.initiatives.push(10);
			})
		).toContainEqual({
			path: 'structure.policies[0].measures[1].initiatives[0]',
			message: 'initiative 10 is also in Ⅰ-1'
		});
		expect(
			issuesOf((p) => {
				p.structure.initiatives[20]!.symbol = '⑳';
			})
		).toEqual([{ path: 'structure.initiatives[20].symbol', message: 'expected ㉑' }]);
	});

	it('targets must lie in the direction from the baseline', () => {
		expect(
			issuesOf((p) => {
				ind(p, 4).direction = 'decrease';
			})
		).toEqual([
			{ path: 'indicators[3].targets[0].value', message: 'target 70 is not below the baseline 60' }
		]);
		expect(
			issuesOf((p) => {
				(ind(p, 18).targets[0]!.value as { values: Record<string, number> }).values.female = 20;
			})
		).toEqual([
			{
				path: 'indicators[17].targets[0].value.values.female',
				message: 'target 20 is not above the baseline 20.64'
			}
		]);
	});

	it('evaluations: a direction needs its reason; marks are the four symbols', () => {
		expect(
			issuesOf((p) => {
				ind(p, 1).evaluations[0]!.direction = '継続';
			})
		).toEqual([
			{ path: 'indicators[0].evaluations[0].reason', message: 'a direction needs its reason' }
		]);
		const marks = issuesOf((p) => {
			(ind(p, 1).evaluations[0] as { mark: string }).mark = '☆';
		});
		expect(marks.map((i) => i.path)).toEqual(['indicators[0].evaluations[0].mark']);
	});

	it('evaluations: marks and directions are the plan’s own words', () => {
		expect(
			issuesOf((p) => {
				ind(p, 1).evaluations[0]!.mark = '◯';
			})
		).toEqual([{ path: 'indicators[0].evaluations[0].mark', message: 'unknown mark ◯' }]);
		// A plan that names other words (or none) refuses the ones it does not name.
		expect(
			issuesOf((p) => {
				p.evaluation.directions = p.evaluation.directions.filter((d) => d.code !== '継続');
				ind(p, 1).evaluations[0]!.direction = '継続';
				ind(p, 1).evaluations[0]!.reason = '理由';
			})
		).toEqual([
			{ path: 'indicators[0].evaluations[0].direction', message: 'unknown direction 継続' }
		]);
	});

	it('measure codes are the city’s own, and a priority code is no policy code', () => {
		// Codes like A or 11 are fine; a priority measure coded like a policy is not.
		const renamed = fresh();
		renamed.structure.priorityMeasures[0]!.code = 'A';
		for (const i of renamed.indicators) if (i.measure === '重点') i.measure = 'A';
		expect(checkPlanPack(parsePlanPack(renamed, 'renamed'))).toEqual([]);
		expect(
			issuesOf((p) => {
				p.structure.priorityMeasures[0]!.code = 'Ⅰ';
				for (const i of p.indicators) if (i.measure === '重点') i.measure = 'Ⅰ';
			})
		).toEqual([
			{ path: 'structure.priorityMeasures[0].code', message: "Ⅰ is also a policy's code" }
		]);
	});

	it('targets below the baseline need the plan’s note, and a later target follows the earlier', () => {
		const below = (p: PlanPack) => {
			ind(p, 4).targets[0]!.value = { kind: 'number', value: 50 };
		};
		expect(issuesOf(below)).toEqual([
			{ path: 'indicators[3].targets[0].value', message: 'target 50 is not above the baseline 60' }
		]);
		const noted = fresh();
		below(noted);
		ind(noted, 4).targetsNote = {
			text: '（テスト）目標値が現況値より低いことがあります。',
			source: { kind: 'document', document: '000' }
		};
		expect(checkPlanPack(parsePlanPack(noted, 'noted'))).toEqual([]);
		expect(
			issuesOf((p) => {
				below(p);
				ind(p, 4).targetsNote = {
					text: '（テスト）',
					source: { kind: 'document', document: '000' }
				};
				ind(p, 4).targets.unshift({
					year: { kind: 'fiscal', year: 2024 },
					value: { kind: 'number', value: 55 },
					source: { kind: 'document', document: '000' }
				});
			})
		).toEqual([
			{
				path: 'indicators[3].targets[1].value',
				message: 'target 50 is not above the earlier target 55'
			}
		]);
	});

	it('a numeric target needs a direction; a target the plan did not set needs none', () => {
		expect(
			issuesOf((p) => {
				delete ind(p, 4).direction;
			})
		).toEqual([{ path: 'indicators[3].direction', message: 'a numeric target needs a direction' }]);
		const unset = fresh();
		delete ind(unset, 4).direction;
		ind(unset, 4).targets[0]!.value = { kind: 'none', printed: '―' };
		expect(checkPlanPack(parsePlanPack(unset, 'unset'))).toEqual([]);
	});

	it('every target has its column when the table gives its target columns years', () => {
		expect(
			issuesOf((p) => {
				p.table.targets = [
					{ label: { ja: '目標', en: 'Target' }, year: { kind: 'fiscal', year: 2026 } }
				];
				ind(p, 4).targets.unshift({
					year: { kind: 'fiscal', year: 2024 },
					value: { kind: 'number', value: 65 },
					source: { kind: 'document', document: '000' }
				});
			})
		).toContainEqual({
			path: 'indicators[3].targets[0].year',
			message: 'no column of the table for this year'
		});
	});

	it('a data year after its fiscal year', () => {
		expect(
			issuesOf((p) => {
				ind(p, 18).records[0]!.dataYear = { kind: 'calendar', year: 2023 };
			})
		).toEqual([
			{
				path: 'indicators[17].records[0].dataYear',
				message: 'data year after the fiscal year it is reported in'
			}
		]);
	});

	it('formatPath', () => {
		expect(formatPath(['indicators', 10, 'baseline', 'alternatives', 0])).toBe(
			'indicators[10].baseline.alternatives[0]'
		);
		expect(formatPath([])).toBe('');
	});
});
