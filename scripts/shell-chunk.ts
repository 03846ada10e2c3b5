/**
 * Owns how the client's start-up code is split into files (a rolldown `codeSplitting` group).
 * Kit 3's start entry (`entry.js`) sets the payload and only then imports the client runtime,
 * because modules such as `$app/paths` read the payload when they are evaluated. A chunk is
 * evaluated as a whole, so the shell must not hold anything the start entry imports statically
 * (its `payload.js`): the start entry would then evaluate the whole shell before the payload is
 * set, and the offline boot shell (`/offline-shell.html`, relative paths) reloaded itself forever.
 *
 * Why: left to automatic splitting, `/` needed 25 script files before it could hydrate, most
 * under 1 KB, because each small module is shared with a different set of routes. adapter-node
 * speaks HTTP/1.1, so a phone opens six connections and pays a round trip for each further
 * file; on a slow mobile link that delayed the page by several round trips. This group puts the
 * code every page loads first into one `shell` chunk:
 *  - the static imports of SvelteKit's client entry, the app manifest and the root layout
 *    (needed by every page before it hydrates), and
 *  - the home page's static imports that other pages import too (small shared domain modules
 *    and components; `/` is where residents arrive).
 * Modules only some pages use, and everything loaded with `import()` (the map, Dexie, sync,
 * the work screens), keep their own chunks.
 */
import type { ChunkingContext } from 'rolldown';

// Kit 3's start entry (entry.js) sets the payload, then imports the client runtime
// (client-entry.js) dynamically; Kit preloads both. The runtime's static imports are the shell;
// the start entry's own (payload.js) stay out of it, so they run before anything in the shell.
const START_ENTRY = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/;
const CLIENT_ENTRY = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]client-entry\.js$/;
const APP_MANIFEST = /[\\/]generated[\\/]build[\\/]client-optimized[\\/]app\.js$/;
const NODE_ENTRY = /[\\/]generated[\\/]build[\\/]client-optimized[\\/]nodes[\\/](\d+)\.js$/;
const APP_MANIFEST_DATA = /app-manifest\.js$/;
const HOME_PAGE = /[\\/]src[\\/]routes[\\/]\+page\.svelte$/;

type ModuleGraph = Pick<ChunkingContext, 'getModuleInfo'>;

/** Every module reachable from `roots` through static imports, the roots excluded. */
export function staticImports(graph: ModuleGraph, roots: readonly string[]): Set<string> {
	const seen = new Set<string>();
	const stack = [...roots];
	while (stack.length > 0) {
		for (const dep of graph.getModuleInfo(stack.pop()!)?.importedIds ?? []) {
			if (seen.has(dep)) continue;
			seen.add(dep);
			stack.push(dep);
		}
	}
	for (const root of roots) seen.delete(root);
	return seen;
}

/** All modules connected to `start` by any import edge, in either direction. */
function connectedModules(graph: ModuleGraph, start: string): string[] {
	const seen = new Set<string>([start]);
	const stack = [start];
	while (stack.length > 0) {
		const info = graph.getModuleInfo(stack.pop()!);
		if (!info) continue;
		for (const next of [
			...info.importers,
			...info.dynamicImporters,
			...info.importedIds,
			...info.dynamicallyImportedIds
		]) {
			if (seen.has(next)) continue;
			seen.add(next);
			stack.push(next);
		}
	}
	return [...seen];
}

/** The modules that go into the shell chunk, from the whole client graph. */
export function shellModules(graph: ModuleGraph, modules: readonly string[]): Set<string> {
	const nodes = modules.filter((id) => NODE_ENTRY.test(id));
	const rootLayout = nodes.filter((id) => NODE_ENTRY.exec(id)?.[1] === '0');
	const entries = modules.filter((id) => CLIENT_ENTRY.test(id) || APP_MANIFEST.test(id));
	const shell = staticImports(graph, [...entries, ...rootLayout]);

	const home = nodes.find((id) =>
		(graph.getModuleInfo(id)?.importedIds ?? []).some((dep) => HOME_PAGE.test(dep))
	);
	if (home) {
		const elsewhere = new Set(
			nodes.filter((id) => id !== home).flatMap((id) => [...staticImports(graph, [id])])
		);
		for (const id of staticImports(graph, [home])) if (elsewhere.has(id)) shell.add(id);
	}
	for (const id of nodes) shell.delete(id);
	const start = modules.filter((id) => START_ENTRY.test(id));
	for (const id of [...start, ...staticImports(graph, start)]) shell.delete(id);
	return shell;
}

// What Kit's start entry imports statically: its payload module and Vite's preload helper (which
// the entry calls to import the client runtime).
const START_IMPORTS =
	/(?:[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]payload\.js|vite[\\/]preload-helper(?:\.js)?)$/;

/**
 * The `codeSplitting` groups. The graph is read once, on the first module rolldown asks about.
 * A group takes the dependencies of what it captures too, and the shell's `$app/paths` imports
 * Kit's `payload.js`: a group of its own, chosen first (higher priority), keeps the payload out
 * of the shell, so Kit's start entry can set it before the shell is evaluated; Vite's preload
 * helper goes with it, as the start entry calls it to import the client runtime.
 */
export function startUpChunks() {
	let shell: Set<string> | null = null;
	return [
		{ name: 'start', test: START_IMPORTS, priority: 1 },
		{
			name: (id: string, ctx: ChunkingContext) => {
				shell ??= shellModules(ctx, connectedModules(ctx, id));
				// Kit's route manifest keeps its own fixed-name chunk (Kit's group, beside these).
				if (APP_MANIFEST_DATA.test(id)) return null;
				return shell.has(id) ? 'shell' : null;
			}
		}
	];
}
