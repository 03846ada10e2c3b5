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
		csrf: { trustedOrigins: [] },
		version: { pollInterval: 0 }
	}
};

export default config;
