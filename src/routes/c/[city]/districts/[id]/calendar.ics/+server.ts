import { districtCalendarRequest } from '#lib/server/calendar-requests.js';
import type { RequestHandler } from './$types';

// The city's own districts: ids like `higashi` may exist in more than one city.
export const GET: RequestHandler = (event) =>
	districtCalendarRequest(event, event.params.id, event.params.city);
