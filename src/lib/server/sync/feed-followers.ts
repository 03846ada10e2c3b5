/**
 * Records whose readers are their parent's: a session is seen in its salon's districts, a
 * tally in its meeting's. This module owns that rule for the pull feed (change-feed.ts calls
 * it for every batch it appends):
 * - a child written in a batch takes its parent's districts as they are at the end of the
 *   batch (its applier read them earlier, maybe before the parent moved in the same batch);
 * - when a parent's districts change, every child already in the feed is renumbered with the
 *   new list, so readers who gained the parent get the children written before, and readers
 *   who lost it are told they are gone (see the lost_* columns in change-feed.ts).
 * Owners and the public flag stay the child's own: only districts follow.
 */
import type { Entity } from '#lib/domain/sync/protocol.js';
import type { Queryable } from '../db/database';
import type { ChangeRow } from './change-row';

interface Follower {
	parent: Entity;
	child: Entity;
	/** The parent's id in a child's data. */
	parentIdOf(data: unknown): string | undefined;
	/** Ids (as text) of the children of the parents in $1 (ids as text[]): `child_id, parent_id`. */
	childrenSql: string;
}

const FOLLOWERS: readonly Follower[] = [
	{
		parent: 'place',
		child: 'session',
		parentIdOf: (data) => (data as { placeId?: string } | null)?.placeId,
		childrenSql: `select distinct id::text as child_id, place_id as parent_id
			from session_records where place_id = any($1::text[])`
	},
	{
		parent: 'meeting',
		child: 'tally',
		parentIdOf: (data) => (data as { meetingId?: string } | null)?.meetingId,
		childrenSql: `select id::text as child_id, meeting_id::text as parent_id
			from tallies where meeting_id = any($1::uuid[])`
	}
];

const key = (entity: Entity, id: string) => `${entity}:${id}`;
const sameSet = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((x) => b.includes(x));

/** Adds to `latest` (keyed `entity:id`) the children that must follow their parent's move. */
export async function followParents(tx: Queryable, latest: Map<string, ChangeRow>): Promise<void> {
	for (const rule of FOLLOWERS) {
		const parents = new Map(
			[...latest.values()].filter((r) => r.entity === rule.parent).map((r) => [r.entityId, r])
		);
		if (parents.size === 0) continue;
		for (const [k, row] of latest) {
			if (row.entity !== rule.child) continue;
			const parent = parents.get(rule.parentIdOf(row.data) ?? '');
			if (parent) latest.set(k, { ...row, districtIds: parent.districtIds });
		}
		const before = await tx.query<{ entity_id: string; district_ids: string[] }>(
			'select entity_id, district_ids from changes where entity = $1 and entity_id = any($2::text[])',
			[rule.parent, [...parents.keys()]]
		);
		const moved = before
			.filter((b) => !sameSet(b.district_ids, parents.get(b.entity_id)!.districtIds))
			.map((b) => b.entity_id);
		if (moved.length === 0) continue;
		const children = await tx.query<{
			entity_id: string;
			parent_id: string;
			city: string;
			data: unknown;
			deleted: boolean;
			owner_id: string | null;
			is_public: boolean;
		}>(
			`with children as (${rule.childrenSql})
			 select c.entity_id, children.parent_id, c.city, c.data, c.deleted, c.owner_id, c.is_public
			 from children join changes c on c.entity = $2 and c.entity_id = children.child_id`,
			[moved, rule.child]
		);
		for (const c of children) {
			if (latest.has(key(rule.child, c.entity_id))) continue;
			latest.set(key(rule.child, c.entity_id), {
				entity: rule.child,
				entityId: c.entity_id,
				city: c.city,
				data: c.data,
				deleted: c.deleted,
				ownerId: c.owner_id,
				districtIds: parents.get(c.parent_id)!.districtIds,
				isPublic: c.is_public
			});
		}
	}
}
