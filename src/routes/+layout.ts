import { browser } from '$app/env';
import { error } from '@sveltejs/kit';
import { loadPackInBrowser } from '#lib/client/pack-loader.js';
import { fetchPack } from '#lib/client/pack-source.js';
import { DEFAULT_PREFS, PREFS_COOKIE, parsePrefs, readCookie, type Prefs } from '#lib/prefs.js';
import type { LayoutLoad } from './$types';

async function loadPrefs(fetch: typeof globalThis.fetch): Promise<Prefs> {
	if (browser) return parsePrefs(readCookie(document.cookie, PREFS_COOKIE));
	const res = await fetch('/api/prefs');
	return res.ok ? ((await res.json()) as Prefs) : DEFAULT_PREFS;
}

async function loadBundle(fetch: typeof globalThis.fetch) {
	if (!browser) return { ...(await fetchPack(fetch)), fromDevice: false, savedAt: null };
	// Browser: network first (on hydration, the response inlined in the server's HTML), the
	// IndexedDB snapshot when offline. Dexie loads only on that path or after start-up.
	try {
		return await loadPackInBrowser(fetch);
	} catch {
		error(503, { message: 'error.offlineNoData', reason: 'offline_no_data' });
	}
}

export const load: LayoutLoad = async ({ fetch }) => {
	const [prefs, bundle] = await Promise.all([loadPrefs(fetch), loadBundle(fetch)]);
	return {
		prefs,
		pack: bundle.pack,
		config: bundle.config,
		fromDevice: bundle.fromDevice,
		savedAt: bundle.savedAt
	};
};
