import { browser } from '$app/env';
import { error } from '@sveltejs/kit';
import { loadShareMessages } from '#lib/i18n/messages.js';
import type { Place } from '#lib/domain/model.js';
import type { PageLoad } from './$types';

/** In the browser the device's copy is the freshest: it follows refreshes (and syncs). */
async function findOnDevice(id: string): Promise<Place | null> {
	const { readSavedPlace } = await import('#lib/client/db/this-device.js');
	return readSavedPlace(id).catch(() => null);
}

export const load: PageLoad = async ({ params, parent }) => {
	const [{ pack }] = await Promise.all([parent(), loadShareMessages()]);
	const place =
		pack.places.find((p) => p.id === params.id) ?? (browser ? await findOnDevice(params.id) : null);
	if (!place) error(404, { message: 'error.placeNotFound', reason: 'place_not_found' });
	return { place };
};
