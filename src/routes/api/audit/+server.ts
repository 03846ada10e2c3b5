import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { PLACE_ID_PATTERN } from '$lib/domain/text-safety';
import { canModeratePlace, canReadAudit } from '$lib/domain/policy';
import { describeIssues } from '$lib/domain/sync/protocol';
import { appContext } from '$lib/server/app-context';
import { requireAccount } from '$lib/server/http/guards';
import { apiError } from '$lib/server/http/responses';
import { auditTrail } from '$lib/server/sync/audit';
import type { RequestHandler } from './$types';

const querySchema = z.strictObject({ id: z.string().regex(PLACE_ID_PATTERN, 'id') });

/**
 * A record's history. Staff read any; a place's owner and the coordinators of its district
 * read that place's history (it shows them who changed what, from which device, when).
 */
export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const query = querySchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) return apiError(400, 'invalid_query', describeIssues(query.error));
	const { db } = await appContext();
	if (!canReadAudit(guard.account)) {
		const [place] = await db.query<{ owner_id: string | null; district_ids: string[] }>(
			"select owner_id, district_ids from places where id = $1 and origin = 'user'",
			[query.data.id]
		);
		const owned = place && { ownerId: place.owner_id, districtIds: place.district_ids };
		const allowed =
			owned && (owned.ownerId === guard.account.userId || canModeratePlace(guard.account, owned));
		if (!allowed) return apiError(403, 'forbidden');
	}
	return json(
		{ entries: await auditTrail(db, query.data.id) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
