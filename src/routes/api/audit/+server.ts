import { json } from '@sveltejs/kit';
import { canReadAuditOf } from '#lib/domain/policy.js';
import { appContext } from '#lib/server/app-context.js';
import { auditSubject, auditTrail } from '#lib/server/audit-repo.js';
import { requireAccount } from '#lib/server/http/guards.js';
import { auditQuerySchema } from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';
import { apiError } from '#lib/server/http/responses.js';
import type { RequestHandler } from './$types';

/**
 * A record's history, named by its kind and id (docs/api.md). Staff read any; a place's owner
 * and the coordinators of its district read that place's history (it shows them who changed
 * what, from which device, when). Rights are those over the record of that kind, and the
 * trail holds that kind's ops only: another kind's record under the same id stays out of it.
 * Newest first, a page at a time: `before=<nextBefore>` reads the next, older page.
 */
export const GET: RequestHandler = async (event) => {
	const guard = requireAccount(event);
	if (!guard.ok) return guard.response;
	const query = readQuery(event.url, auditQuerySchema);
	if (!query.ok) return query.response;
	const { kind, id, before, limit } = query.value;
	const { db } = await appContext();
	const subject = await auditSubject(db, kind, id);
	if (!subject) return apiError(404, 'unknown_record', { kind });
	if (!canReadAuditOf(guard.account, subject)) return apiError(403, 'forbidden');
	const page = await auditTrail(db, kind, id, { before, limit });
	if (!page) return apiError(400, 'invalid_query', [{ path: 'before', code: 'unknown_cursor' }]);
	return json(page, { headers: { 'cache-control': 'no-store' } });
};
