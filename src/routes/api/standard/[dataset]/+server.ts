import { WEEKDAY_JA } from '#lib/domain/schedule.js';
import { evacuationSitesCsv, publicFacilitiesCsv } from '#lib/domain/open-data-standard.js';
import type { AccessibilityId } from '#lib/domain/model.js';
import { loadResidentPages, translator } from '#lib/i18n/messages.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { publicOrigin } from '#lib/server/http/request-origin.js';
import { apiError } from '#lib/server/http/responses.js';
import { currentPack } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

/** The national layouts (自治体標準オープンデータセット) this app can fill: docs/api.md. */
const DATASETS = {
	'evacuation-sites.csv': evacuationSitesCsv,
	'public-facilities.csv': publicFacilitiesCsv
} as const;

export const GET: RequestHandler = async ({ url, params }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const make = Object.hasOwn(DATASETS, params.dataset)
		? DATASETS[params.dataset as keyof typeof DATASETS]
		: null;
	if (!make) return apiError(404, 'dataset_not_found', { datasets: Object.keys(DATASETS) });
	const pack = await currentPack();
	await loadResidentPages();
	const ja = translator('ja');
	const body = make(pack, {
		origin: publicOrigin(),
		accessibility: (id: AccessibilityId) => ja(`access.${id}`),
		weekdays: WEEKDAY_JA
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${pack.municipalityCode}-${params.dataset}"`,
			'access-control-allow-origin': '*'
		}
	});
};
