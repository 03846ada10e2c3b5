import { json } from '@sveltejs/kit';
import { canModeratePlace, canReadAudit } from '$lib/domain/policy';
import { appContext } from '$lib/server/app-context';
import { requireAccount } from '$lib/server/http/guards';
import { auditQuerySchema } from '$lib/server/http/query-schemas';
import { readQuery } from '$lib/server/http/read-query';
import { apiError } from '$lib/server/http/responses';
import { auditTrail } from '$lib/server/sync/audit';
import type { RequestHandler } from './$types';

/**
 * A record's history. Staff read any; a place's owner and the coordinators of its district
 * read that place's history (it shows them who changed what, from which device, when).
 * Newest first, a page at a time: `before=<nextBefore>` reads the next, older page.
 */
export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const query = readQuery(event.url, auditQuerySchema);
	if (!query.ok) return query.response;
	const { id, before, limit } = query.value;
	const { db } = await appContext();
	if (!canReadAudit(guard.account)) {
		const [place] = await db.query<{ owner_id: string | null; district_ids: string[] }>(
			"select owner_id, district_ids from places where id = $1 and origin = 'user'",
			[id]
		);
		const owned = place && { ownerId: place.owner_id, districtIds: place.district_ids };
		const allowed =
			owned && (owned.ownerId === guard.account.userId || canModeratePlace(guard.account, owned));
		if (!allowed) return apiError(403, 'forbidden');
	}
	const page = await auditTrail(db, id, { before, limit });
	if (!page) return apiError(400, 'invalid_query', [{ path: 'before', code: 'unknown_cursor' }]);
	return json(page, { headers: { 'cache-control': 'no-store' } });
};
