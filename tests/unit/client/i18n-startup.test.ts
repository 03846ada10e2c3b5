/**
 * The Japanese strings of the pages other than the home page load with those pages
 * (resident-pages-ja.ts, `loadResidentPages`), not with the start-up code. This checks the
 * other side of that bargain: nothing the home page, the layout or the error page reaches
 * (through static imports, or the modules they load with import(): the map, the next dates…)
 * asks for one of those strings, which would show as its key until some page loaded them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { residentPagesJa } from '#lib/i18n/resident-pages-ja.js';

const ROOT = process.cwd();
const START_ROUTES = [
	'src/routes/+layout.svelte',
	'src/routes/+layout.ts',
	'src/routes/+page.svelte',
	'src/routes/+page.ts',
	'src/routes/+error.svelte',
	'src/routes/c/+page.svelte',
	'src/routes/c/[city]/+layout.ts',
	'src/routes/c/[city]/+page.svelte',
	'src/routes/c/[city]/+page.ts'
];

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('#lib/')) base = join(ROOT, 'src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = normalize(join(dirname(from), spec));
	else return null;
	const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.svelte`];
	return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** Source files the start-up code reaches; the catalogs themselves are not followed. */
function startupFiles(): string[] {
	const seen = new Set<string>();
	const stack = START_ROUTES.map((r) => join(ROOT, r)).filter((f) => existsSync(f));
	while (stack.length > 0) {
		const file = stack.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const src = readFileSync(file, 'utf8');
		const specs = [
			...src.matchAll(/^\s*import\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm),
			...src.matchAll(/^\s*export\s+[^'";]*from\s+['"]([^'"]+)['"]/gm),
			...src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)
		].map((m) => m[1]!);
		for (const spec of specs) {
			const target = resolveImport(file, spec);
			if (target && !/[\\/]i18n[\\/](messages|resident-[\w-]+|[\w-]+-messages)\.ts$/.test(target)) {
				stack.push(target);
			}
		}
	}
	return [...seen];
}

describe('start-up strings', () => {
	it('nothing the home page or the layout reaches asks for a page-only string', () => {
		const files = startupFiles();
		const pageKeys = Object.keys(residentPagesJa);
		const asked: string[] = [];
		for (const file of files) {
			const src = readFileSync(file, 'utf8');
			const literals = new Set(
				[...src.matchAll(/['"`]([a-zA-Z][\w-]*\.[\w.-]+)['"`]/g)].map((m) => m[1]!)
			);
			const prefixes = [...src.matchAll(/`([a-zA-Z][\w-]*\.)\$\{/g)].map((m) => m[1]!);
			for (const key of pageKeys) {
				if (literals.has(key) || prefixes.some((p) => key.startsWith(p))) {
					asked.push(`${relative(ROOT, file)}: ${key}`);
				}
			}
		}
		expect(files.length).toBeGreaterThan(40);
		expect(asked).toEqual([]);
	});

	it('error messages are start-up strings: they arrive as data, on any page, before its strings', () => {
		expect(Object.keys(residentPagesJa).filter((key) => key.startsWith('error.'))).toEqual([]);
	});
});
