/** Changes a signed-in person may see, after their cursor, in commit order, paged. */
import { canSeeAllRecords, type Actor } from '$lib/domain/policy';
import { PROTOCOL_VERSION, type PullResponse } from '$lib/domain/sync/protocol';
import type { Queryable } from '../db/database';
import { purgedThrough, readChanges } from './change-feed';

export async function handlePull(
	db: Queryable,
	actor: Actor,
	since: number,
	limit: number
): Promise<PullResponse> {
	if (since > 0 && since < (await purgedThrough(db))) {
		return { protocol: PROTOCOL_VERSION, changes: [], cursor: 0, hasMore: true, reset: true };
	}
	// Coordinators see their districts; organizers what they own; everyone what is public.
	const reader = {
		userId: actor.userId,
		districtIds: actor.role === 'coordinator' ? actor.districtIds : [],
		seesAll: canSeeAllRecords(actor)
	};
	const rows = await readChanges(db, reader, since, limit);
	return {
		protocol: PROTOCOL_VERSION,
		changes: rows.map((r) => ({
			seq: r.seq,
			entity: r.entity,
			id: r.entity_id,
			data: r.data,
			deleted: r.deleted
		})),
		cursor: rows.at(-1)?.seq ?? since,
		hasMore: rows.length === limit,
		reset: false
	};
}
