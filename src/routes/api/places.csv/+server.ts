import { placesToCsv } from '$lib/server/open-data';
import { currentPack } from '$lib/server/pack-service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const pack = await currentPack();
	return new Response(placesToCsv(pack, pack.places), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${pack.id}-places.csv"`,
			'access-control-allow-origin': '*'
		}
	});
};
