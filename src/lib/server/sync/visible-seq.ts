/**
 * Who may read what in the change feed, as a reader, and the newest change a reader may read.
 * Owns the one place both the pull (pull.ts) and the live notices (live-feed.ts) take an
 * account's view of the feed from: a filter added to what an account may read (its districts,
 * its cities) goes into `readerOf` and the two queries below together, or a phone would be
 * told of changes its pull then filters out (or miss ones it may read).
 */
import { canSeeAllRecords, type Actor, type CityScope } from '#lib/domain/policy.js';
import type { Queryable } from '../db/database';
import type { Reader } from './change-feed';

/**
 * Within their cities: coordinators see their districts; organizers what they own; staff
 * everything; all the public.
 */
export function readerOf(actor: Actor & CityScope): Reader {
	return {
		userId: actor.userId,
		cityIds: actor.cityIds,
		districtIds: actor.role === 'coordinator' ? actor.districtIds : [],
		seesAll: canSeeAllRecords(actor)
	};
}

/**
 * The newest seq after `since` that a pull from `since` by `actor` would return (a change it
 * may see, or one telling it an entity left its view), or `since` when there is none. The
 * conditions are readChanges's (change-feed.ts): a row visible to the reader, or one it lost
 * sight of after `since` (its `lost_at`, never above its seq, is when). Bounded by `seq >
 * since`, so it reads only the rows numbered since the caller last looked.
 */
export async function latestVisibleSeq(
	db: Queryable,
	actor: Actor & CityScope,
	since: number
): Promise<number> {
	const reader = readerOf(actor);
	const [row] = await db.query<{ seq: number | string | null }>(
		`select greatest(
		   (select max(seq) from changes where seq > $1 and city = any($5::text[])
		      and ($4 or owner_id = $2 or district_ids && $3::text[] or is_public)),
		   (select max(lost_at) from changes where seq > $1 and $1 > 0 and lost_at > $1
		      and city = any($5::text[])
		      and (lost_public or $2 = any(lost_owner_ids) or lost_district_ids && $3::text[]))
		 ) as seq`,
		[since, reader.userId, reader.districtIds, reader.seesAll, reader.cityIds]
	);
	return row?.seq == null ? since : Math.max(since, Number(row.seq));
}
