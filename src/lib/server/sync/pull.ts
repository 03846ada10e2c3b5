/** Changes a signed-in person may see, after their cursor, in commit order, paged. */
import { canSeeAllRecords, type Actor } from '$lib/domain/policy';
import type { ProtocolVersion, PullRequest, PullResponse } from '$lib/domain/sync/protocol';
import type { Queryable } from '../db/database';
import { committedClock, purgedThrough, readChanges } from './change-feed';

export interface PullQuery extends PullRequest {
	protocol: ProtocolVersion;
}

/**
 * Whether a cursor below the purge line may go on paging instead of starting over. Only a
 * re-pull after a reset may, and (protocol 2) only while the purge line is still the one its
 * reset was issued for: a tombstone purged since may be one it has not reached yet, so it
 * starts over. Protocol 1 re-pulls name no line and are never reset (their old behaviour).
 */
function mayPageBelowPurgeLine(query: PullQuery, purged: number): boolean {
	if (!query.resync) return false;
	if (query.protocol < 2) return true;
	return (query.purgedThrough ?? 0) >= purged;
}

export async function handlePull(
	db: Queryable,
	actor: Actor,
	query: PullQuery
): Promise<PullResponse> {
	const { protocol, since, limit } = query;
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
	// The purge line is read after the rows: a purge that took tombstones out of them has
	// moved it by now (purgeTombstones does both in one statement).
	const purged = await purgedThrough(db);
	if (since > 0 && since < purged && !mayPageBelowPurgeLine(query, purged)) {
		return {
			protocol,
			changes: [],
			cursor: 0,
			hasMore: true,
			reset: true,
			purgedThrough: purged
		};
	}
	const hasMore = rows.length === limit;
	const last = rows.at(-1)?.seq ?? since;
	return {
		protocol,
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
