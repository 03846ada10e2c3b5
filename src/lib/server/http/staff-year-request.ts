/**
 * What every staff paper endpoint (a salon's year for all salons, the 通いの場 survey) checks
 * first: a signed-in account that sees all records, a readable fiscal year that is not in the
 * future (`?fy=`, default this year), and a city the account holds: `?city=` (the city the work
 * screens are switched to), else the account's own (accountCity). A city the server does not
 * serve is 404 `unknown_city`; one the account does not hold is 403 `city_not_held`.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { fiscalYearOf, parseFiscalYear, todayInJapan } from '#lib/domain/fiscal-year.js';
import { canSeeAllRecords, holdsCity } from '#lib/domain/policy.js';
import { appContext, type AppContext, type CityInfo } from '../app-context';
import { accountCity } from '../pack-service';
import { requireAccount } from './guards';
import { salonYearsQuerySchema } from './query-schemas';
import { readQuery } from './read-query';
import { apiError } from './responses';

export type StaffYearRequest =
	| { ok: true; ctx: AppContext; pack: CityInfo['pack']; fiscalYear: number; today: string }
	| { ok: false; response: Response };

export async function readStaffYearRequest(event: RequestEvent): Promise<StaffYearRequest> {
	const guard = requireAccount(event);
	if (!guard.ok) return guard;
	if (!canSeeAllRecords(guard.account)) return { ok: false, response: apiError(403, 'forbidden') };
	const query = readQuery(event.url, salonYearsQuerySchema);
	if (!query.ok) return query;
	const today = todayInJapan();
	const fiscalYear =
		query.value.fy === undefined ? fiscalYearOf(today) : parseFiscalYear(query.value.fy);
	if (fiscalYear === null || fiscalYear > fiscalYearOf(today)) {
		const response = apiError(400, 'invalid_fiscal_year', { fy: 'unreadable or in the future' });
		return { ok: false, response };
	}
	const ctx = await appContext();
	const chosen = staffRequestCity(ctx, guard.account, query.value.city);
	if (!chosen.ok) return chosen;
	const city = chosen.city;
	return { ok: true, ctx, pack: ctx.packs.get(city)!.pack, fiscalYear, today };
}

/**
 * The city a staff request works in: `asked` (the city the work screens are switched to) when
 * the account holds it, else the account's own (accountCity). A city the server does not serve
 * is 404 `unknown_city`; one the account does not hold is 403 `city_not_held`.
 */
export function staffRequestCity(
	ctx: Pick<AppContext, 'packs' | 'defaultPackId'>,
	account: { cityIds: readonly string[] },
	asked: string | undefined
): { ok: true; city: string } | { ok: false; response: Response } {
	if (asked !== undefined && !ctx.packs.has(asked)) {
		const known = [...ctx.packs.keys()];
		return { ok: false, response: apiError(404, 'unknown_city', { city: asked, known }) };
	}
	// Another city's salons are not this account's to read, whatever its role there.
	if (asked !== undefined && !holdsCity(account, asked)) {
		const response = apiError(403, 'city_not_held', { city: asked, held: account.cityIds });
		return { ok: false, response };
	}
	const city = asked ?? accountCity(ctx, account);
	return city ? { ok: true, city } : { ok: false, response: apiError(403, 'forbidden') };
}
