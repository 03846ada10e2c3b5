/**
 * Every API route of the app and the HTTP methods it exports, read from the source files
 * (src/routes/api/**\/+server.ts), so the API specs can fail when an endpoint is added without
 * a row in their tables. Routes are named `METHOD /api/path`, e.g. `POST /api/sync/push`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('../../../src/routes/api', import.meta.url));

/** What SvelteKit lets a +server.ts export as a handler. */
const HANDLERS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(path);
		return /^\+server\.(ts|js)$/.test(entry.name) ? [path] : [];
	});
}

/** The handler names a module exports: `export const GET`, `export function POST`, `export { x as PUT }`. */
export function exportedHandlers(source: string): string[] {
	const names = new Set<string>();
	for (const m of source.matchAll(
		/export\s+(?:const|let|var|async\s+function|function)\s+(\w+)/g
	)) {
		names.add(m[1]!);
	}
	for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
		for (const part of m[1]!.split(',')) {
			const name = part
				.trim()
				.split(/\s+as\s+/)
				.pop()
				?.trim();
			if (name) names.add(name);
		}
	}
	return HANDLERS.filter((h) => names.has(h));
}

/** `src/routes/api/indicators/progress.csv` → `/api/indicators/progress.csv`; (groups) drop out. */
function urlPathOf(file: string): string {
	const dirs = relative(API_DIR, file).split(sep).slice(0, -1);
	return ['/api', ...dirs.filter((d) => !/^\(.*\)$/.test(d))].join('/');
}

/** Every `METHOD /api/path` the app serves, sorted. */
export function apiRoutes(): string[] {
	return serverFiles(API_DIR)
		.flatMap((file) => {
			const path = urlPathOf(file);
			return exportedHandlers(readFileSync(file, 'utf8')).map((method) => `${method} ${path}`);
		})
		.sort();
}

/**
 * Compares a spec's covered routes with the app's: `missing` are served but not covered,
 * `unknown` are covered but not served (a renamed or removed endpoint).
 */
export function routeCoverage(covered: Iterable<string>): { missing: string[]; unknown: string[] } {
	const served = apiRoutes();
	const have = new Set(covered);
	return {
		missing: served.filter((r) => !have.has(r)),
		unknown: [...have].filter((r) => !served.includes(r)).sort()
	};
}
