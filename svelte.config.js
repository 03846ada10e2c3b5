import node from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const nodeAdapter = node({ out: 'build', precompress: true });

/**
 * adapter-node plus one extra file: an SPA boot shell (`/offline-shell.html`). The service
 * worker serves it for any navigation it cannot fetch, so a cold start with no network still
 * boots the client router, which then renders the requested URL from IndexedDB.
 * @type {import('@sveltejs/kit').Adapter}
 */
const adapter = {
	name: 'ibasho-node',
	async adapt(builder) {
		await nodeAdapter.adapt(builder);
		builder.generateFallback('build/client/offline-shell.html');
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
