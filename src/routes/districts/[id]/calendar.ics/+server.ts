import { icsFileName } from '#lib/domain/ics.js';
import { loadCatalog, loadShareMessages, translator } from '#lib/i18n/messages.js';
import { PREFS_COOKIE, parsePrefs } from '#lib/prefs.js';
import { calendarResponse, districtCalendar } from '#lib/server/calendars.js';
import { NO_QUERY } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { publicOrigin } from '#lib/server/http/request-origin.js';
import { apiError } from '#lib/server/http/responses.js';
import { currentPack } from '#lib/server/pack-service.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, params, cookies }) => {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const [pack] = await Promise.all([currentPack(), loadShareMessages()]);
	const district = pack.districts.find((d) => d.id === params.id);
	if (!district) return apiError(404, 'district_not_found');
	const lang = parsePrefs(cookies.get(PREFS_COOKIE)).lang;
	await loadCatalog(lang);
	const t = translator(lang);
	const body = districtCalendar(pack, district, { origin: publicOrigin(), now: new Date(), t });
	return calendarResponse(body, icsFileName(`${pack.id}-${district.id}`));
};
