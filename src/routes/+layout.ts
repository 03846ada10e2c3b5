import { browser } from '$app/environment';
import { fetchPack } from '$lib/client/pack-source';
import { DEFAULT_PREFS, PREFS_COOKIE, parsePrefs, readCookie, type Prefs } from '$lib/prefs';
import type { LayoutLoad } from './$types';

async function loadPrefs(fetch: typeof globalThis.fetch): Promise<Prefs> {
	if (browser) return parsePrefs(readCookie(document.cookie, PREFS_COOKIE));
	const res = await fetch('/api/prefs');
	return res.ok ? ((await res.json()) as Prefs) : DEFAULT_PREFS;
}

export const load: LayoutLoad = async ({ fetch }) => {
	const [prefs, bundle] = await Promise.all([loadPrefs(fetch), fetchPack(fetch)]);
	return { prefs, pack: bundle.pack, config: bundle.config };
};
