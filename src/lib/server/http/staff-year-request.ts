/**
 * What every staff paper endpoint (a salon's year for all salons, the 通いの場 survey) checks
 * first: a signed-in account that sees all records, a readable fiscal year that is not in the
 * future (`?fy=`, default this year), and the account's own city.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { fiscalYearOf, parseFiscalYear, todayInJapan } from '#lib/domain/fiscal-year.js';
import { canSeeAllRecords } from '#lib/domain/policy.js';
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
	// The account's own city: another city's salons are not this account's to read.
	const city = accountCity(ctx, guard.account);
	if (!city) return { ok: false, response: apiError(403, 'forbidden') };
	return { ok: true, ctx, pack: ctx.packs.get(city)!.pack, fiscalYear, today };
}
