import { browser } from '$app/env';
import { error } from '@sveltejs/kit';
import { loadShareMessages } from '#lib/i18n/messages.js';
import { fetchGeometry } from '#lib/client/pack-source.js';
import { cityQuery } from '#lib/cities.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent, fetch }) => {
	const [{ pack, config }] = await Promise.all([parent(), loadShareMessages()]);
	const district = pack.districts.find((d) => d.id === params.id);
	if (!district) error(404, { message: 'error.districtNotFound', reason: 'district_not_found' });
	const geometry = browser
		? await (
				await import('#lib/client/pack-loader.js')
			).loadGeometryInBrowser(fetch, pack.id, config.cities)
		: await fetchGeometry(fetch, cityQuery(pack.id, config.cities));
	const shape = geometry.districts.find((s) => s.districtId === district.id);
	return { district, polygons: shape?.polygons ?? [] };
};
