/** Changes a signed-in person may see, after their cursor, in commit order, paged. */
import { canSeeAllRecords, type Actor } from '$lib/domain/policy';
import { PROTOCOL_VERSION, type PullResponse } from '$lib/domain/sync/protocol';
import type { Queryable } from '../db/database';
import { committedClock, purgedThrough, readChanges } from './change-feed';

export async function handlePull(
	db: Queryable,
	actor: Actor,
	since: number,
	limit: number,
	resync = false
): Promise<PullResponse> {
	if (!resync && since > 0 && since < (await purgedThrough(db))) {
		return { protocol: PROTOCOL_VERSION, changes: [], cursor: 0, hasMore: true, reset: true };
	}
	// Coordinators see their districts; organizers what they own; everyone what is public.
	const reader = {
		userId: actor.userId,
		districtIds: actor.role === 'coordinator' ? actor.districtIds : [],
		seesAll: canSeeAllRecords(actor)
	};
	// The clock is read first: every change numbered up to it has committed (numbers are taken
	// under a row lock held to commit), so once this page is the last one the cursor may move up
	// to it — past changes this reader may not see and past purged tombstones, so a device whose
	// own newest change is older than the purge line does not reset on every sync.
	const clock = await committedClock(db);
	const rows = await readChanges(db, reader, since, limit);
	const hasMore = rows.length === limit;
	const last = rows.at(-1)?.seq ?? since;
	return {
		protocol: PROTOCOL_VERSION,
		changes: rows.map((r) => ({
			seq: r.seq,
			entity: r.entity,
			id: r.entity_id,
			data: r.data,
			deleted: r.deleted
		})),
		cursor: hasMore ? last : Math.max(last, clock, since),
		hasMore,
		reset: false
	};
}
