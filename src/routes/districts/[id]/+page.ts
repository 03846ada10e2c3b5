import { error } from '@sveltejs/kit';
import { loadShareMessages } from '#lib/i18n/messages.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
	const [{ pack }] = await Promise.all([parent(), loadShareMessages()]);
	const district = pack.districts.find((d) => d.id === params.id);
	if (!district) error(404, { message: 'error.districtNotFound', reason: 'district_not_found' });
	return { district };
};
