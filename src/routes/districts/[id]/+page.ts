import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
	const { pack } = await parent();
	const district = pack.districts.find((d) => d.id === params.id);
	if (!district) error(404, { message: 'error.districtNotFound', reason: 'district_not_found' });
	return { district };
};
