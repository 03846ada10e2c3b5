import { icsFileName } from '#lib/domain/ics.js';
import { loadCatalog, loadShareMessages, translator } from '#lib/i18n/messages.js';
import { PREFS_COOKIE, parsePrefs } from '#lib/prefs.js';
import { calendarResponse, placeCalendar } from '#lib/server/calendars.js';
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
	const place = pack.places.find((p) => p.id === params.id);
	if (!place) return apiError(404, 'place_not_found');
	const lang = parsePrefs(cookies.get(PREFS_COOKIE)).lang;
	await loadCatalog(lang);
	const t = translator(lang);
	const body = placeCalendar(pack, place, { origin: publicOrigin(), now: new Date(), t });
	return calendarResponse(body, icsFileName(place.id));
};
