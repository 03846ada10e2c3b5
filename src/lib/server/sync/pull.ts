/** Changes a signed-in person may see, after their cursor, in commit order, paged. */
import { createHash } from 'node:crypto';
import type { Actor, CityScope } from '#lib/domain/policy.js';
import {
	isEntityKnownTo,
	type Change,
	type ProtocolVersion,
	type PullRequest,
	type PullResponse
} from '#lib/domain/sync/protocol.js';
import type { Queryable } from '../db/database';
import {
	committedClock,
	purgedThrough,
	readChanges,
	type FeedRow,
	type Reader
} from './change-feed';
import { readerOf } from './visible-seq';

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

/**
 * Names what a reader may see (who they are, their cities and districts, whether they see
 * everything of their cities). A device keeps the name its pages came with; when the account's
 * cities, districts or role change,
 * or another account signs in on the device, the name differs and the device starts over:
 * what it holds was chosen for another view, and what the new view adds lies below its cursor.
 * From protocol 3 on the name includes the protocol too: an app that updates to a protocol
 * that carries more entities starts over once, to get the changes its old pulls left out.
 */
export function viewOf(reader: Reader, protocol: ProtocolVersion): string {
	const who: unknown[] = [
		reader.userId,
		reader.seesAll,
		[...reader.districtIds].sort(),
		[...reader.cityIds].sort()
	];
	const basis = JSON.stringify(protocol >= 3 ? [...who, protocol] : who);
	return createHash('sha256').update(basis).digest('hex').slice(0, 16);
}

const toChange = (r: FeedRow): Change =>
	r.gone
		? { seq: r.seq, entity: r.entity, id: r.entity_id, data: null, deleted: true, gone: true }
		: {
				seq: r.seq,
				entity: r.entity,
				id: r.entity_id,
				data: r.data,
				deleted: r.deleted,
				...(r.city ? { city: r.city } : {})
			};

export async function handlePull(
	db: Queryable,
	actor: Actor & CityScope,
	query: PullQuery
): Promise<PullResponse> {
	const { protocol, since, limit } = query;
	// The same view the live notices use (visible-seq.ts).
	const reader = readerOf(actor);
	// Protocol 1 clients know neither views nor `gone` changes (they would read the missing
	// data as a record): they get neither, and keep what they lost sight of, as they always did.
	const v2 = protocol >= 2;
	const view = v2 ? viewOf(reader, protocol) : undefined;
	const reset = async (purged?: number): Promise<PullResponse> => ({
		protocol,
		changes: [],
		cursor: 0,
		hasMore: true,
		reset: true,
		purgedThrough: purged ?? (await purgedThrough(db)),
		...(view ? { view } : {})
	});
	if (view && query.view !== undefined && query.view !== view) return reset();
	// The clock is read first: every change numbered up to it has committed (numbers are taken
	// under a row lock held to commit), so once this page is the last one the cursor may move up
	// to it — past changes this reader may not see and past purged tombstones, so a device whose
	// own newest change is older than the purge line does not reset on every sync.
	const clock = await committedClock(db);
	// A cursor past the clock was given by a feed this database no longer has (it was restored
	// from a backup taken before): paging on from there would skip every change made since the
	// restore. The device starts over.
	if (since > clock) return reset();
	// A device pulling from 0 holds nothing it could have lost sight of, unless it is re-pulling
	// after a reset (it kept the records it had unsent edits to).
	const rows = await readChanges(db, reader, since, limit, v2 && (since > 0 || !!query.resync));
	// The purge line is read after the rows: a purge that took tombstones out of them has
	// moved it by now (purgeTombstones does both in one statement).
	const purged = await purgedThrough(db);
	if (since > 0 && since < purged && !mayPageBelowPurgeLine(query, purged)) return reset(purged);
	const hasMore = rows.length === limit;
	const last = rows.at(-1)?.seq ?? since;
	return {
		protocol,
		// Paged and numbered over every row; an older app is only not told of what it cannot store.
		changes: rows.filter((r) => isEntityKnownTo(r.entity, protocol)).map(toChange),
		cursor: hasMore ? last : Math.max(last, clock, since),
		hasMore,
		reset: false,
		...(view ? { view } : {})
	};
}
