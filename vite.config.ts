import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import node from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import type { Adapter } from '@sveltejs/kit';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { clientTrim, SIDE_EFFECT_FREE } from './scripts/client-trim.ts';
import { startUpChunks } from './scripts/shell-chunk.ts';

// scripts/build.ts builds into a fresh directory each time, then points `build` at it.
const out = process.env.IBASHO_BUILD_OUT || 'build';

const nodeAdapter = node({ out, precompress: true });

/**
 * adapter-node plus:
 * - an SPA boot shell (`/offline-shell.html`). The service worker serves it for any navigation
 *   it cannot fetch, so a cold start with no network still boots the client router, which then
 *   renders the requested URL from IndexedDB;
 * - an entry point that marks the build as in use while a server runs from it, so that a newer
 *   build does not delete it (scripts/build-entry.js).
 */
const adapter: Adapter = {
	// adapter-node 6 also adds its runtime to the server build (\`vite\`) and declares \`supports\`.
	...nodeAdapter,
	name: 'ibasho-node',
	async adapt(builder) {
		// adapter-node 6 serves only the client files present when its adapt() runs: the shell goes
		// into SvelteKit's client output first, and is copied with the rest.
		await builder.generateFallback('.svelte-kit/output/client/offline-shell.html');
		await nodeAdapter.adapt(builder);
		renameSync(`${out}/index.js`, `${out}/main.js`);
		// adapter-node 6 writes no source map for its entry.
		if (existsSync(`${out}/index.js.map`)) renameSync(`${out}/index.js.map`, `${out}/main.js.map`);

		const main = readFileSync(`${out}/main.js`, 'utf8');

		writeFileSync(`${out}/main.js`, main.replace(/index\.js\.map\s*$/, 'main.js.map\n'));
		copyFileSync('scripts/build-entry.js', `${out}/index.js`);
	}
};

export default defineConfig({
	plugins: [
		sveltekit({
			preprocess: vitePreprocess(),
			adapter,
			// Our CSS is small: inlining it saves a render-blocking round trip on a slow phone link.
			inlineStyleThreshold: 20_000,
			serviceWorker: { register: false },
			// SvelteKit's form-origin check compares against adapter-node's guess of our origin
			// (https://host without ORIGIN), refusing every plain-http POST, and answers a text/plain
			// POST without Origin (curl) 403 instead of 415. hooks.server.ts guards every
			// state-changing request instead, against request-origin.ts's answer.
			csrf: { trustedOrigins: ['*'] },
			// Script nonces (rendered pages) and hashes (the prerendered offline shell). The rest of
			// the policy depends on the deployment (TILE_URL) and is added at run time:
			// src/lib/server/http/security-headers.ts.
			csp: {
				mode: 'auto',
				directives: {
					'script-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['self']
				}
			},
			version: { pollInterval: 0 }
		}),
		// Code only the server runs, kept out of the client's start-up (scripts/client-trim.ts).
		clientTrim()
	],
	resolve: {
		// Leaflet 1.9's package.json points only at its UMD bundle, which the bundler cannot trim;
		// its ES module build lets the parts the app never calls drop out (~1.5 KB gzip).
		alias: [{ find: /^leaflet$/, replacement: 'leaflet/dist/leaflet-src.esm.js' }]
	},
	// The start-up "shell" chunk group (scripts/shell-chunk.ts). Kit 3 sets the client
	// environment's own codeSplitting (its fixed-name manifest group); Vite merges the two group
	// lists, so ours sits beside Kit's (it leaves Kit's manifest module to Kit's group).
	environments: {
		client: {
			build: {
				rolldownOptions: {
					treeshake: { moduleSideEffects: SIDE_EFFECT_FREE },
					output: { codeSplitting: { groups: startUpChunks() } }
				}
			}
		}
	},
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		// A throwaway PostgreSQL cluster: server tests run on both PGlite and PostgreSQL.
		globalSetup: ['tests/postgres/start-postgres.ts'],
		environment: 'node',
		// A test that asserts nothing passes whatever the code does: each must call expect.
		expect: { requireAssertions: true },
		// Two cores: keep the worker pool small so PGlite suites do not starve each other.
		maxWorkers: 2,
		// Upper bounds, not targets: a busy 2-core CI machine must not turn slow into failed.
		testTimeout: 60_000,
		// beforeAll hooks open a database and seed the pack: as heavy as a test.
		hookTimeout: 60_000
	}
});
