import { districtCalendarRequest } from '#lib/server/calendar-requests.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => districtCalendarRequest(event, event.params.id, null);
