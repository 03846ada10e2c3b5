import { placeCalendarRequest } from '#lib/server/calendar-requests.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => placeCalendarRequest(event, event.params.id);
