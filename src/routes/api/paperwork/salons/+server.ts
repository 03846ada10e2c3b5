/** Every salon's fiscal year with the grant verdict, from the server's records (staff only). */
import { json } from '@sveltejs/kit';
import { loadSalonYears } from '#lib/server/paperwork-repo.js';
import { readStaffYearRequest } from '#lib/server/http/staff-year-request.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const request = await readStaffYearRequest(event);
	if (!request.ok) return request.response;
	const { ctx, pack, fiscalYear, today } = request;
	const rules = pack.grantRules ?? null;
	const salons = await loadSalonYears(ctx.db, { packId: pack.id, fiscalYear, today, rules });
	return json(
		{ packId: pack.id, fiscalYear, producedAt: new Date().toISOString(), rules, salons },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
