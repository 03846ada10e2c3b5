import { error } from '@sveltejs/kit';
import { parseFindParams } from '#lib/domain/find-params.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, parent }) => {
	const { pack } = await parent();
	const parsed = parseFindParams(url.searchParams, pack);
	if (!parsed.ok) error(400, { message: 'error.badQuery', reason: parsed.reason });
	return { params: parsed.value };
};
