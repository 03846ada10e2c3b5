/**
 * The pull feed: one row per entity holding its latest state, re-numbered on every change.
 *
 * Ordering invariant (a cursor never skips): sequence numbers come from a one-row counter
 * bumped at the *end* of each write transaction. The bump takes a row lock held until commit,
 * so a transaction that gets higher numbers cannot commit before one holding lower numbers —
 * commit order equals seq order. (A Postgres SEQUENCE would not give this: values are taken
 * before commit, and a reader could see seq 11 committed while 10 is still in flight.)
 */
import type { Entity } from '$lib/domain/sync/protocol';
import type { Queryable } from '../db/database';

export interface ChangeRow {
	entity: Entity;
	entityId: string;
	data: unknown;
	deleted: boolean;
	ownerId: string | null;
	districtIds: string[];
	isPublic: boolean;
}

/** Writes the changes of one transaction; call last, just before commit. */
export async function appendChanges(tx: Queryable, rows: readonly ChangeRow[]): Promise<void> {
	// Later changes to the same entity in one batch replace earlier ones.
	const latest = new Map<string, ChangeRow>();
	for (const row of rows) latest.set(`${row.entity}:${row.entityId}`, row);
	if (latest.size === 0) return;
	const [clock] = await tx.query<{ seq: number | string }>(
		'update sync_clock set seq = seq + $1 where id = 1 returning seq',
		[latest.size]
	);
	let seq = Number(clock!.seq) - latest.size;
	const values = [...latest.values()].map((r) => ({ ...r, seq: ++seq }));
	// Arrays of arrays cannot be unnested row by row, so each district list travels joined by
	// a unit separator (U+001F), which no district id contains.
	await tx.query(
		`insert into changes (seq, entity, entity_id, data, deleted, owner_id, district_ids, is_public)
		 select t.seq, t.entity, t.entity_id, t.data, t.deleted, t.owner_id,
		   string_to_array(t.districts, chr(31)), t.is_public
		 from unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[], $5::boolean[], $6::uuid[],
		   $7::text[], $8::boolean[])
		   as t(seq, entity, entity_id, data, deleted, owner_id, districts, is_public)
		 on conflict (entity, entity_id) do update set seq = excluded.seq, data = excluded.data,
		   deleted = excluded.deleted, owner_id = excluded.owner_id,
		   district_ids = excluded.district_ids, is_public = excluded.is_public, changed_at = now()`,
		[
			values.map((v) => v.seq),
			values.map((v) => v.entity),
			values.map((v) => v.entityId),
			values.map((v) => JSON.stringify(v.data)),
			values.map((v) => v.deleted),
			values.map((v) => v.ownerId),
			values.map((v) => v.districtIds.join('\u001f')),
			values.map((v) => v.isPublic)
		]
	);
}

export interface Reader {
	userId: string;
	districtIds: string[];
	seesAll: boolean;
}

export async function readChanges(
	db: Queryable,
	reader: Reader,
	since: number,
	limit: number
): Promise<{ seq: number; entity: Entity; entity_id: string; data: unknown; deleted: boolean }[]> {
	const rows = await db.query<{
		seq: number | string;
		entity: Entity;
		entity_id: string;
		data: unknown;
		deleted: boolean;
	}>(
		`select seq, entity, entity_id, data, deleted from changes
		 where seq > $1 and ($4 or is_public or owner_id = $2 or district_ids && $3::text[])
		 order by seq limit $5`,
		[since, reader.userId, reader.districtIds, reader.seesAll, limit]
	);
	return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function purgedThrough(db: Queryable): Promise<number> {
	const [row] = await db.query<{ purged_through: number | string }>(
		'select purged_through from sync_meta where id = 1'
	);
	return Number(row?.purged_through ?? 0);
}

/**
 * Drops tombstones older than `olderThanDays` (longer than any device stays offline). A
 * client whose cursor is below the purge line is told to resync from zero.
 *
 * One statement, so the rows go and the line moves at once: a pull that reads the feed and
 * then the line (handlePull) either saw the tombstones or sees the line that covers them.
 */
export async function purgeTombstones(db: Queryable, olderThanDays: number): Promise<number> {
	const [row] = await db.query<{ n: number }>(
		`with purged as (
		   delete from changes where deleted and changed_at < now() - make_interval(days => $1)
		   returning seq
		 ), line as (
		   update sync_meta set purged_through = greatest(purged_through, (select max(seq) from purged))
		   where id = 1 and exists (select 1 from purged)
		 )
		 select count(*)::int as n from purged`,
		[olderThanDays]
	);
	return row?.n ?? 0;
}

/** The highest sequence number allocated by a committed transaction. */
export async function committedClock(db: Queryable): Promise<number> {
	const [row] = await db.query<{ seq: number | string }>('select seq from sync_clock where id = 1');
	return Number(row?.seq ?? 0);
}
