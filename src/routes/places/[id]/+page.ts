import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
	const { pack } = await parent();
	const place = pack.places.find((p) => p.id === params.id);
	if (!place) error(404, { message: 'error.placeNotFound', reason: 'place_not_found' });
	return { place };
};
