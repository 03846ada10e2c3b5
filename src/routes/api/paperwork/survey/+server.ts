/** The municipality's 通いの場 survey figures for one fiscal year, from the records (staff only). */
import { json } from '@sveltejs/kit';
import { fiscalYearOf, parseFiscalYear, todayInJapan } from '#lib/domain/fiscal-year.js';
import { surveySheet } from '#lib/domain/paperwork/survey.js';
import { canSeeAllRecords } from '#lib/domain/policy.js';
import { appContext } from '#lib/server/app-context.js';
import { accountCity } from '#lib/server/pack-service.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { salonYearsQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { apiError } from '#lib/server/http/responses.js';
import { loadSalonYears } from '#lib/server/paperwork-repo.js';
import type { RequestHandler } from './$types';

/** 通いの場 in the app: salons and other gathering places (children's salons are not). */
const SURVEY_CATEGORIES = ['salon', 'gathering'];

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
	const rows = await loadSalonYears(ctx.db, {
		packId: pack.id,
		fiscalYear,
		today,
		rules: null,
		categories: SURVEY_CATEGORIES
	});
	const places = rows.map((r) => ({
		placeId: r.placeId,
		name: r.name,
		activityKinds: r.activityKinds,
		frequency: r.frequency,
		sessions: r.totals.sessions,
		participantVisits: r.totals.participantVisits,
		registeredMembers: r.registeredMembers
	}));
	return json(
		{
			packId: pack.id,
			producedAt: new Date().toISOString(),
			sheet: surveySheet(fiscalYear, places),
			places: places.filter((p) => p.sessions > 0)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
