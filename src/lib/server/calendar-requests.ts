/**
 * The .ics endpoints' one request path: query check, the city, the place or district, the
 * reader's language. A place's file is found in the place's own city (place URLs are the same
 * for every city); a district's in the city its URL names (`/c/<city>/districts/…`, or the
 * default city at `/districts/…`), since district ids repeat between cities.
 */
import type { Cookies } from '@sveltejs/kit';
import { icsFileName } from '#lib/domain/ics.js';
import { loadCatalog, loadShareMessages, translator } from '#lib/i18n/messages.js';
import { PREFS_COOKIE, parsePrefs } from '#lib/prefs.js';
import { appContext } from './app-context';
import { calendarResponse, districtCalendar, placeCalendar } from './calendars';
import { NO_QUERY } from './http/query-schemas';
import { readQuery } from './http/read-query';
import { publicOrigin } from './http/request-origin';
import { apiError } from './http/responses';
import { cityOfPlace, currentPack, findCity } from './pack-service';

interface CalendarRequest {
	url: URL;
	cookies: Cookies;
}

async function readerTranslator(cookies: Cookies) {
	const lang = parsePrefs(cookies.get(PREFS_COOKIE)).lang;
	await Promise.all([loadCatalog(lang), loadShareMessages()]);
	return translator(lang);
}

export async function placeCalendarRequest(
	{ url, cookies }: CalendarRequest,
	placeId: string
): Promise<Response> {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const ctx = await appContext();
	const city = await cityOfPlace(ctx, placeId);
	const pack = await currentPack(city ?? undefined, ctx);
	const place = pack.places.find((p) => p.id === placeId);
	if (!place) return apiError(404, 'place_not_found');
	const t = await readerTranslator(cookies);
	const body = placeCalendar(pack, place, { origin: publicOrigin(), now: new Date(), t });
	return calendarResponse(body, icsFileName(place.id));
}

export async function districtCalendarRequest(
	{ url, cookies }: CalendarRequest,
	districtId: string,
	city: string | null
): Promise<Response> {
	const query = readQuery(url, NO_QUERY);
	if (!query.ok) return query.response;
	const ctx = await appContext();
	const found = findCity(ctx, city);
	if (!found.ok) return found.response;
	const pack = await currentPack(found.city, ctx);
	const district = pack.districts.find((d) => d.id === districtId);
	if (!district) return apiError(404, 'district_not_found');
	const t = await readerTranslator(cookies);
	const body = districtCalendar(pack, district, { origin: publicOrigin(), now: new Date(), t });
	return calendarResponse(body, icsFileName(`${pack.id}-${district.id}`));
}
