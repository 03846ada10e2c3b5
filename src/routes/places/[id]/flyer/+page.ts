import { browser } from '$app/env';
import { error } from '@sveltejs/kit';
import { loadShareMessages } from '#lib/i18n/messages.js';
import { fetchGeometry } from '#lib/client/pack-source.js';
import { cityQuery } from '#lib/cities.js';
import type { Place } from '#lib/domain/model.js';
import type { PageLoad } from './$types';

async function findOnDevice(id: string): Promise<Place | null> {
	const { readSavedPlace } = await import('#lib/client/db/this-device.js');
	return readSavedPlace(id).catch(() => null);
}

/** The place, and its district's outline for the sketch map (the flyer's "where"). */
export const load: PageLoad = async ({ params, parent, fetch }) => {
	const [{ pack, config }] = await Promise.all([parent(), loadShareMessages()]);
	const place =
		pack.places.find((p) => p.id === params.id) ?? (browser ? await findOnDevice(params.id) : null);
	if (!place) error(404, { message: 'error.placeNotFound', reason: 'place_not_found' });
	// The place's own city's outlines (the layout loaded that city's pack for this place).
	const geometry = browser
		? await (
				await import('#lib/client/pack-loader.js')
			).loadGeometryInBrowser(fetch, pack.id, config.cities)
		: await fetchGeometry(fetch, cityQuery(pack.id, config.cities));
	const polygons = geometry.districts
		.filter((s) => place.districtIds.includes(s.districtId))
		.flatMap((s) => s.polygons);
	return { place, polygons };
};
