/**
 * Bundles a bench entry (`bench/browser/*-entry.ts`) for the page, with esbuild (the one tsx
 * already runs on): the real application modules from src/lib, resolved the way SvelteKit
 * resolves them (`#lib/….js` → src/lib/….ts), minified like the production build.
 *
 * Returns the script and, separately, the CSS its imports pulled in (e.g. leaflet.css), so a
 * section can inject both and measure with the app's real styles. Images referenced from CSS
 * are inlined as data URLs. Nothing is written to disk.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const SRC_LIB = fileURLToPath(new URL('../src/lib', import.meta.url));

/**
 * `#lib/x.js` → src/lib/x (package.json `imports`, written with `.js` as TypeScript wants), the
 * extension resolved by esbuild (`.ts`, `.svelte.ts`, index files).
 */
const libAlias: Plugin = {
	name: 'sveltekit-lib-alias',
	setup(build) {
		build.onResolve({ filter: /^#lib(?:\/|$)/ }, (args) =>
			build.resolve(`${SRC_LIB}${args.path.slice('#lib'.length).replace(/\.js$/, '')}`, {
				kind: args.kind,
				resolveDir: args.resolveDir
			})
		);
	}
};

/** `leaflet` → its ES module build, as vite.config.ts resolves it for the app. */
const leafletEsm: Plugin = {
	name: 'leaflet-esm',
	setup(build) {
		build.onResolve({ filter: /^leaflet$/ }, (args) =>
			build.resolve('leaflet/dist/leaflet-src.esm.js', {
				kind: args.kind,
				resolveDir: args.resolveDir
			})
		);
	}
};

export interface BrowserBundle {
	js: string;
	css: string;
}

/** `entry` is relative to bench/, e.g. `browser/idb-places-entry.ts`. */
export async function bundleBrowserEntry(entry: string): Promise<BrowserBundle> {
	const result = await build({
		entryPoints: { bench: fileURLToPath(new URL(entry, import.meta.url)) },
		bundle: true,
		format: 'iife',
		platform: 'browser',
		target: 'es2022',
		minify: true,
		write: false,
		outdir: 'out',
		logLevel: 'silent',
		plugins: [libAlias, leafletEsm],
		loader: { '.png': 'dataurl', '.svg': 'dataurl' },
		define: { 'process.env.NODE_ENV': '"production"' }
	});
	const text = (ext: string): string =>
		result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
	return { js: text('.js'), css: text('.css') };
}
