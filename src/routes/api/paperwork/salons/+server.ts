/** Every salon's fiscal year with the grant verdict, from the server's records (staff only). */
import { json } from '@sveltejs/kit';
import { fiscalYearOf, parseFiscalYear, todayInJapan } from '#lib/domain/fiscal-year.js';
import { canSeeAllRecords } from '#lib/domain/policy.js';
import { appContext } from '#lib/server/app-context.js';
import { accountCity } from '#lib/server/pack-service.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { salonYearsQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { apiError } from '#lib/server/http/responses.js';
import { loadSalonYears } from '#lib/server/paperwork-repo.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	if (!canSeeAllRecords(guard.account)) return apiError(403, 'forbidden');
	const query = readQuery(event.url, salonYearsQuerySchema);
	if (!query.ok) return query.response;
	const today = todayInJapan();
	const fiscalYear =
		query.value.fy === undefined ? fiscalYearOf(today) : parseFiscalYear(query.value.fy);
	if (fiscalYear === null || fiscalYear > fiscalYearOf(today)) {
		return apiError(400, 'invalid_fiscal_year', { fy: 'unreadable or in the future' });
	}
	const ctx = await appContext();
	// The account's own city: another city's salons are not this account's to read.
	const city = accountCity(ctx, guard.account);
	if (!city) return apiError(403, 'forbidden');
	const pack = ctx.packs.get(city)!.pack;
	const rules = pack.grantRules ?? null;
	const salons = await loadSalonYears(ctx.db, { packId: pack.id, fiscalYear, today, rules });
	return json(
		{ packId: pack.id, fiscalYear, producedAt: new Date().toISOString(), rules, salons },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
