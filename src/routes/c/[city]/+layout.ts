import { error } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

/** A city the server does not hold: the site's 404 page, in the default city's frame. */
export const load: LayoutLoad = async ({ parent }) => {
	const { unknownCity } = await parent();
	if (unknownCity) error(404, { message: 'error.cityNotFound', reason: 'unknown_city' });
};
