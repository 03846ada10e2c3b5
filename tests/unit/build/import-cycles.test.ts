/**
 * No import cycles in src/: a cycle makes the order modules start in depend on who imports
 * first (a value read before its module ran is undefined), and it ties layers together that
 * should change apart. Type-only imports count too: they still tie the two files' designs.
 * Dynamic `import()` does not: it is how the app loads a part later, on purpose.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf } from './import-graph';

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return walk(path);
		return /\.(ts|svelte|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The file an import names, or null for a package. */
function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('#lib/')) base = join(SRC, 'lib', spec.slice('#lib/'.length));
	else if (spec.startsWith('$lib/')) base = join(SRC, 'lib', spec.slice('$lib/'.length));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	const stem = base.replace(/\.js$/, '');
	const candidates = [base, `${stem}.ts`, `${base}.ts`, `${base}.js`, join(base, 'index.ts')];
	return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function graphOf(files: string[]): Map<string, string[]> {
	return new Map(
		files.map((file) => [
			relative(ROOT, file),
			importsOf(readFileSync(file, 'utf8'))
				.map((spec) => resolveImport(file, spec))
				.filter((f): f is string => f !== null)
				.map((f) => relative(ROOT, f))
		])
	);
}

describe('import cycles', () => {
	it('src/ has none', () => {
		expect(findCycles(graphOf(walk(SRC)))).toEqual([]);
	});

	it('the scan finds a cycle, type-only or through a third file, and ignores import()', () => {
		const graph = new Map([
			['a.ts', importsOf(`import { b } from './b';`).map((s) => `${s.slice(2)}.ts`)],
			['b.ts', importsOf(`import type { C } from './c';`).map((s) => `${s.slice(2)}.ts`)],
			['c.ts', importsOf(`export { a } from './a';`).map((s) => `${s.slice(2)}.ts`)],
			['d.ts', importsOf(`const e = await import('./e');`).map((s) => `${s.slice(2)}.ts`)],
			['e.ts', importsOf(`import { d } from './d';`).map((s) => `${s.slice(2)}.ts`)]
		]);
		expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
	});
});
