/** The municipality's 通いの場 survey figures for one fiscal year, from the records (staff only). */
import { json } from '@sveltejs/kit';
import { surveySheet } from '#lib/domain/paperwork/survey.js';
import { loadSalonYears } from '#lib/server/paperwork-repo.js';
import { readStaffYearRequest } from '#lib/server/http/staff-year-request.js';
import type { RequestHandler } from './$types';

/** 通いの場 in the app: salons and other gathering places (children's salons are not). */
const SURVEY_CATEGORIES = ['salon', 'gathering'];

export const GET: RequestHandler = async (event) => {
	const request = await readStaffYearRequest(event);
	if (!request.ok) return request.response;
	const { ctx, pack, fiscalYear, today } = request;
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
