import { browser } from '$app/env';
import { error } from '@sveltejs/kit';
import { loadPackInBrowser } from '#lib/client/pack-loader.js';
import { fetchPack, UnknownCityError, type PackWanted } from '#lib/client/pack-source.js';
import { loadCatalog } from '#lib/i18n/messages.js';
import {
	DEFAULT_PREFS,
	PREFS_COOKIE,
	parsePrefs,
	prefsWithQuery,
	readCookie,
	type Prefs
} from '#lib/prefs.js';
import type { LayoutLoad } from './$types';

async function loadPrefs(fetch: typeof globalThis.fetch): Promise<Prefs> {
	if (browser) return parsePrefs(readCookie(document.cookie, PREFS_COOKIE));
	const res = await fetch('/api/prefs');
	return res.ok ? ((await res.json()) as Prefs) : DEFAULT_PREFS;
}

async function loadBundle(fetch: typeof globalThis.fetch, wanted: PackWanted) {
	try {
		if (!browser)
			return { ...(await fetchPack(fetch, undefined, wanted)), fromDevice: false, savedAt: null };
		// Browser: network first (on hydration, the response inlined in the server's HTML), the
		// IndexedDB snapshot when offline. Dexie loads only on that path or after start-up.
		return await loadPackInBrowser(fetch, wanted);
	} catch (e) {
		if (e instanceof UnknownCityError || !browser) throw e;
		error(503, { message: 'error.offlineNoData', reason: 'offline_no_data' });
	}
}

/**
 * Which city's pack: the `/c/<city>/` segment; on a place page or its flyer (`/places/<id>`,
 * the same URL for every city) the place's city. The load reruns only when the city segment changes: the place
 * id is read untracked, so moving between places of one city keeps the pack already loaded,
 * and a place page of another city is reached from that city's pages (or opened directly).
 */
export const load: LayoutLoad = async ({ fetch, params, route, untrack, url }) => {
	const city = params.city ?? null;
	// The place page and its flyer (its calendar file is a server route of its own).
	const place = city
		? null
		: untrack(() => (route.id?.startsWith('/places/[id]') ? (params.id ?? null) : null));
	// An unknown city: the default city's pack, so that /c/[city]/+layout.ts answers 404 with the
	// site's own error page (an error thrown here would show the bare fallback page).
	const bundleOf = (wanted: PackWanted) =>
		loadBundle(fetch, wanted).then(
			(bundle) => ({ ...bundle, unknownCity: null as string | null }),
			(e: unknown) => {
				if (!(e instanceof UnknownCityError)) throw e;
				return loadBundle(fetch, {}).then((bundle) => ({ ...bundle, unknownCity: city }));
			}
		);
	// The reader's catalog before anything renders: an English page is English from its first
	// paint, and hydrates in English (Japanese needs no download).
	// `?lang=easy` chooses the locale (the layout reruns when that parameter changes, no other).
	const chosen = url.searchParams.get('lang');
	const prefsAndCatalog = loadPrefs(fetch).then(async (saved) => {
		const prefs = chosen ? prefsWithQuery(saved, url) : saved;
		await loadCatalog(prefs.locale);
		return prefs;
	});
	const [prefs, bundle] = await Promise.all([prefsAndCatalog, bundleOf({ city, place })]);
	return {
		prefs,
		unknownCity: bundle.unknownCity,
		pack: bundle.pack,
		config: bundle.config,
		fromDevice: bundle.fromDevice,
		savedAt: bundle.savedAt
	};
};
