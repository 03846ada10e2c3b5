/**
 * The query string of every API endpoint, declared once (read with `readQuery`). Every schema
 * is strict: a parameter an endpoint does not take is refused, not ignored. Endpoints that take
 * no parameters use `NO_QUERY`. The sync pull's schema is the protocol's (`pullQuerySchema`).
 *
 * The app's own requests, which these must keep accepting:
 * - `/api/indicators/computed?plan=&fy=` (client/plan-data.ts),
 *   `/api/indicators/history?plan=&fy=&no=` (work/indicators/[no]),
 *   `/api/indicators.csv`, `progress.csv`, `progress.xlsx` `?plan=&fy=` (work/indicators);
 * - `/api/paperwork/salons?fy=`, `/api/paperwork/survey?fy=` (work/salon-years, work/survey);
 * - `/api/audit?kind=&id=` (work/places/[id], with `before=` for older entries);
 * - `/api/sync/pull?protocol=&since=&limit=&resync=&purgedThrough=&view=` (client/sync);
 * - `/api/plan?city=` (client/plan-data.ts; `city` left out: the default city);
 * - `/api/pack?city=&place=`, `/api/pack/geometry?city=` (also precached by the service worker: Workbox keys its
 * - `/api/sync/events` and `?since=` (client/sync/live-feed.ts; EventSource adds no parameter
 *   of its own: a reconnect names its last seq in the `Last-Event-ID` header);
 *   cache with `__WB_REVISION__` but fetches the plain URL), `/api/prefs`, `/api/auth/me`.
 */
import { z } from 'zod';
import { PLACE_ID_PATTERN } from '#lib/domain/text-safety.js';
import { ENTITIES } from '#lib/domain/sync/protocol.js';

export { pullQuerySchema } from '#lib/domain/sync/protocol.js';

/** The live notices: from which seq on (default: the feed's clock when the device connects). */
export const liveQuerySchema = z.strictObject({
	since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional()
});

/** For endpoints that take no query parameters. */
export const NO_QUERY = z.strictObject({});

/**
 * The resident APIs (`/api/pack`, `/api/pack/geometry`, `/api/places.csv|geojson`) serve one
 * city: `city` is its id, the default city when absent (unknown → 404 `unknown_city`).
 */
export const cityQuerySchema = z.strictObject({ city: z.string().max(64).optional() });

/** `/api/pack?place=<id>` answers with the pack of that place's city (a place page's layout). */
export const packQuerySchema = cityQuerySchema.extend({
	place: z.string().regex(PLACE_ID_PATTERN).optional()
});

/**
 * The city (`city`, or `plan` as older pages name it; neither: the signed-in account's city,
 * else the default city) is looked up and `fy` read with `parseFiscalYear`
 * (`2023`, `令和5年度`, `R5`, full-width digits; unreadable or outside the plan → 400
 * `invalid_fiscal_year`) by `readIndicatorQuery`, so both stay strings here.
 */
export const indicatorQuerySchema = z.strictObject({
	city: z.string().max(64).optional(),
	plan: z.string().max(64).optional(),
	fy: z.string().max(32).optional()
});

/** A city's plan: `city` is a city (pack) id, looked up by plan-service (unknown → 404). */
export const planQuerySchema = z.strictObject({
	city: z
		.string()
		.regex(/^[a-z0-9-]{1,64}$/, 'city id')
		.optional()
});
/**
 * Every salon's year and the survey: `fy` read with `parseFiscalYear` by the endpoint (default:
 * this year), `city` one the account holds (staff-year-request.ts).
 */
export const salonYearsQuerySchema = z.strictObject({
	fy: z.string().max(32).optional(),
	/** The city the work screens are switched to; absent: the account's own (default first). */
	city: z.string().max(64).optional()
});

/** The progress table (CSV and XLSX) also takes the language of its headers. */
export const progressQuerySchema = indicatorQuerySchema.extend({
	lang: z.enum(['ja', 'en']).default('ja')
});

/** One indicator's entry history: `no` is the indicator's number in the plan (1–999). */
export const historyQuerySchema = indicatorQuerySchema.extend({
	no: z
		.string()
		.regex(/^[1-9][0-9]{0,2}$/, 'integer')
		.transform(Number)
});

/** Most audit entries one page carries. */
export const MAX_AUDIT_PAGE = 200;

/**
 * A record's audit trail, newest first: `kind` the kind of record (`place` when left out, as
 * apps before it asked only for places), `id` its id, `before` the `nextBefore` of the
 * previous page (an op id), `limit` the page size.
 */
export const auditQuerySchema = z.strictObject({
	kind: z.enum(ENTITIES).default('place'),
	id: z.string().regex(PLACE_ID_PATTERN, 'id'),
	before: z.uuid().optional(),
	limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(MAX_AUDIT_PAGE)
});
