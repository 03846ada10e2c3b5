import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import node from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
 * @type {import('@sveltejs/kit').Adapter}
 */
const adapter = {
	name: 'ibasho-node',
	async adapt(builder) {
		await nodeAdapter.adapt(builder);
		builder.generateFallback(`${out}/client/offline-shell.html`);
		renameSync(`${out}/index.js`, `${out}/main.js`);
		renameSync(`${out}/index.js.map`, `${out}/main.js.map`);
		const main = readFileSync(`${out}/main.js`, 'utf8');
		writeFileSync(`${out}/main.js`, main.replace(/index\.js\.map\s*$/, 'main.js.map\n'));
		copyFileSync('scripts/build-entry.js', `${out}/index.js`);
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
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
			directives: { 'script-src': ['self'], 'object-src': ['none'], 'base-uri': ['self'] }
		},
		version: { pollInterval: 0 }
	}
};

export default config;
