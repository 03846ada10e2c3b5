/**
 * The registry of computed indicators (src/lib/domain/indicators/computed/): one file per
 * computation, named by its id, and everything the rest of the app knows about computations
 * (ids for plan.json, value kinds, queries, definitions, the place categories the server
 * fetches) derived from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	COMPUTATIONS,
	COMPUTATION_QUERY,
	COUNTED_CATEGORIES
} from '#lib/domain/indicators/computations.js';
import { COMPUTATION_DEFINITIONS } from '#lib/i18n/computation-text.js';
import { REGISTRY } from '#lib/domain/indicators/computed/index.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import { REPO_ROOT } from './seed-text';

const DIR = path.join(REPO_ROOT, 'src/lib/domain/indicators/computed');
const SHARED = ['define.ts', 'index.ts', 'types.ts', 'year.ts'];

describe('computation registry', () => {
	it('has one file per computation, named by its id, each listed once', () => {
		const files = readdirSync(DIR)
			.filter((f) => !SHARED.includes(f))
			.sort();
		expect(files).toEqual(REGISTRY.map((c) => `${c.id}.ts`).sort());
		expect(new Set(COMPUTATIONS).size).toBe(REGISTRY.length);
	});

	it('gives every computation a distinct query and a definition in both languages', () => {
		expect(new Set(Object.values(COMPUTATION_QUERY)).size).toBe(REGISTRY.length);
		for (const id of COMPUTATIONS) {
			expect(COMPUTATION_DEFINITIONS.ja[id]).toMatch(/[ぁ-ん]/);
			expect(COMPUTATION_DEFINITIONS.en[id]).toMatch(/[a-z]/);
		}
	});

	it('derives the place categories the server fetches from what the computations read', () => {
		expect([...COUNTED_CATEGORIES].sort()).toEqual(['fureai-service', 'kids-salon', 'salon']);
	});

	it('feeds each city’s indicators that the app records (所沢: 高齢者の通いの場の数)', () => {
		const file = path.join(REPO_ROOT, 'packs/tokorozawa/plan.json');
		const pack = parsePlanPackJson(readFileSync(file, 'utf8'), file);
		const fed = pack.indicators.filter((i) => i.computedFrom);
		expect(fed.map((i) => [i.title, i.computedFrom])).toEqual([
			['高齢者の通いの場の数', 'active-salons']
		]);
	});
});
