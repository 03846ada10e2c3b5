import { describe, expect, it } from 'vitest';
import { shellModules, staticImports } from '../../../scripts/shell-chunk';

/** A fake client graph: module id → static and dynamic imports. */
function graph(edges: Record<string, { imports?: string[]; dynamic?: string[] }>) {
	const info = (id: string) => {
		const own = edges[id];
		if (!own) return null;
		const importers = Object.keys(edges).filter((k) => edges[k]?.imports?.includes(id));
		const dynamicImporters = Object.keys(edges).filter((k) => edges[k]?.dynamic?.includes(id));
		return {
			importedIds: own.imports ?? [],
			dynamicallyImportedIds: own.dynamic ?? [],
			importers,
			dynamicImporters
		};
	};
	return { getModuleInfo: info as never, ids: Object.keys(edges) };
}

const KIT = '/app/node_modules/@sveltejs/kit/src/runtime/client/entry.js';
const KIT_CLIENT = '/app/node_modules/@sveltejs/kit/src/runtime/client/client-entry.js';
const PAYLOAD = '/app/node_modules/@sveltejs/kit/src/runtime/client/payload.js';
const APP = '/app/.svelte-kit/generated/build/client-optimized/app.js';
const LAYOUT = '/app/.svelte-kit/generated/build/client-optimized/nodes/0.js';
const HOME = '/app/.svelte-kit/generated/build/client-optimized/nodes/3.js';
const PLACE = '/app/.svelte-kit/generated/build/client-optimized/nodes/4.js';
const WORK = '/app/.svelte-kit/generated/build/client-optimized/nodes/9.js';

const client = graph({
	// Kit's start entry sets the payload, then imports the client runtime with import().
	[KIT]: { imports: [PAYLOAD], dynamic: [KIT_CLIENT] },
	[PAYLOAD]: {},
	[KIT_CLIENT]: { imports: ['svelte-runtime', 'kit-client', 'paths'] },
	paths: { imports: [PAYLOAD] },
	// SvelteKit's manifest loads each node with import(); the client entry imports the root layout.
	[APP]: { dynamic: [LAYOUT, HOME, PLACE, WORK] },
	[LAYOUT]: { imports: ['/app/src/routes/+layout.svelte'] },
	'/app/src/routes/+layout.svelte': { imports: ['svelte-runtime', 'i18n'], dynamic: ['dexie'] },
	[HOME]: { imports: ['/app/src/routes/+page.svelte'] },
	'/app/src/routes/+page.svelte': { imports: ['place-query', 'categories', 'geo'], dynamic: ['leaflet'] },
	[PLACE]: { imports: ['/app/src/routes/places/[id]/+page.svelte'] },
	'/app/src/routes/places/[id]/+page.svelte': { imports: ['categories', 'geo'] },
	[WORK]: { imports: ['work-forms'] },
	'svelte-runtime': {},
	'kit-client': { imports: ['svelte-runtime'] },
	i18n: {},
	'place-query': { imports: ['text-fold'] },
	'text-fold': {},
	categories: {},
	geo: {},
	'work-forms': { imports: ['categories'] },
	dexie: {},
	leaflet: {}
});

describe('the shell chunk', () => {
	const shell = shellModules(client, client.ids);

	it('holds what every page needs before it hydrates: the runtimes and the root layout', () => {
		for (const id of ['svelte-runtime', 'kit-client', '/app/src/routes/+layout.svelte', 'i18n']) {
			expect(shell, id).toContain(id);
		}
	});

	it('takes the home page’s imports that other pages share, not those only the home page uses', () => {
		expect(shell).toContain('categories');
		expect(shell).toContain('geo');
		expect(shell).not.toContain('place-query');
		expect(shell).not.toContain('text-fold');
	});

	it('leaves page entries, their own code and anything loaded with import() out', () => {
		for (const id of [HOME, PLACE, WORK, LAYOUT, 'work-forms', 'dexie', 'leaflet']) {
			expect(shell, id).not.toContain(id);
		}
	});

	it('leaves out what the start entry imports itself, so nothing in the shell runs before the payload is set', () => {
		expect(shell).toContain('paths');
		expect(shell).not.toContain(PAYLOAD);
		expect(shell).not.toContain(KIT);
	});

	it('follows static imports only', () => {
		expect([...staticImports(client, ['/app/src/routes/+layout.svelte'])].sort()).toEqual([
			'i18n',
			'svelte-runtime'
		]);
	});
});

/**
 * The shell group finds SvelteKit's client entries by path. A Kit upgrade that moves them
 * silently undoes the grouping (Kit 3 did: `/` went from 7 script files to 34 and over the
 * initial-JS budget), so check the paths against the installed Kit's own build inputs.
 */
describe('the installed SvelteKit still builds from the entries the shell group expects', () => {
	it('client entry, client runtime, app manifest and nodes', async () => {
		const { readFileSync } = await import('node:fs');
		const kitBuild = readFileSync('node_modules/@sveltejs/kit/src/exports/vite/build/index.js', 'utf8');
		expect(kitBuild).toContain('/client/entry.js`');
		expect(kitBuild).toContain('/generated/build/client-optimized/app.js`');
		expect(kitBuild).toContain('/generated/build/client-optimized/nodes/${i}.js`');
		const entry = readFileSync('node_modules/@sveltejs/kit/src/runtime/client/entry.js', 'utf8');
		expect(entry).toContain("import('./client-entry.js')");
	});
});
