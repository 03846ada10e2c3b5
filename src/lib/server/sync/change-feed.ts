/**
 * The pull feed: one row per entity holding its latest state, re-numbered on every change.
 *
 * Ordering invariant (a cursor never skips): sequence numbers come from a one-row counter
 * bumped at the *end* of each write transaction. The bump takes a row lock held until commit,
 * so a transaction that gets higher numbers cannot commit before one holding lower numbers —
 * commit order equals seq order. (A Postgres SEQUENCE would not give this: values are taken
 * before commit, and a reader could see seq 11 committed while 10 is still in flight.)
 *
 * Audience: a row carries who may see its entity now (owner, districts, public) and who saw
 * it before and may not any more (lost_owner_ids, lost_district_ids, lost_public), with the
 * seq at which the last of them lost sight (lost_at). A reader who matches the lost audience
 * and not the current one, with a cursor older than lost_at, may still hold the entity: the
 * feed tells them it is gone (readChanges). Regaining sight takes an element out of the lost
 * audience again. Children follow their parent's districts (feed-followers.ts).
 *
 * Cities: every row names its entity's city (the pack id its record stores) and a reader reads
 * only its cities' rows, each city through the index (city, seq): a small city's page never
 * scans the other cities' rows, and public rows are public within their city.
 *
 * A public row may carry a second body for readers who see it only because it is public
 * (public_data): a place with a change under review is sent to them as last approved.
 */
import type { Entity } from '#lib/domain/sync/protocol.js';
import type { Database, Queryable } from '../db/database';
import type { ChangeRow } from './change-row';
import { followParents } from './feed-followers';

export type { ChangeRow } from './change-row';

/** Writes the changes of one transaction; call last, just before commit. */
export async function appendChanges(tx: Queryable, rows: readonly ChangeRow[]): Promise<void> {
	// Later changes to the same entity in one batch replace earlier ones.
	const latest = new Map<string, ChangeRow>();
	for (const row of rows) latest.set(`${row.entity}:${row.entityId}`, row);
	if (latest.size === 0) return;
	await followParents(tx, latest);
	const [clock] = await tx.query<{ seq: number | string }>(
		'update sync_clock set seq = seq + $1 where id = 1 returning seq',
		[latest.size]
	);
	let seq = Number(clock!.seq) - latest.size;
	const values = [...latest.values()].map((r) => ({ ...r, seq: ++seq }));
	// One JSON document for all rows: PostgreSQL parses it faster than array literals the
	// driver would first escape element by element, and a district list stays a list.
	await tx.query(
		`insert into changes (seq, entity, entity_id, city, data, public_data, deleted, owner_id,
		   district_ids, is_public)
		 select t.seq, t.entity, t.entity_id, t.city, t.data, t.public_data, t.deleted, t.owner_id,
		   array(select jsonb_array_elements_text(t.districts)), t.is_public
		 from jsonb_to_recordset($1::jsonb) as t(seq bigint, entity text, entity_id text,
		   city text, data jsonb, public_data jsonb, deleted boolean, owner_id uuid,
		   districts jsonb, is_public boolean)
		 on conflict (entity, entity_id) do update set seq = excluded.seq, city = excluded.city,
		   data = excluded.data,
		   public_data = excluded.public_data, deleted = excluded.deleted, owner_id = excluded.owner_id,
		   district_ids = excluded.district_ids, is_public = excluded.is_public, changed_at = now(),
		   lost_owner_ids = array(
		     select unnest(array_remove(changes.lost_owner_ids || changes.owner_id, null))
		     except select excluded.owner_id),
		   lost_district_ids = array(
		     select unnest(changes.lost_district_ids || changes.district_ids)
		     except select unnest(excluded.district_ids)),
		   lost_public = (changes.lost_public or changes.is_public) and not excluded.is_public,
		   lost_at = case
		     when (changes.is_public and not excluded.is_public)
		       or changes.owner_id is distinct from excluded.owner_id and changes.owner_id is not null
		       or exists (select unnest(changes.district_ids) except select unnest(excluded.district_ids))
		     then excluded.seq else changes.lost_at end`,
		[
			JSON.stringify(
				values.map((v) => ({
					seq: v.seq,
					entity: v.entity,
					entity_id: v.entityId,
					city: v.city,
					data: v.data ?? null,
					public_data: v.publicData ?? null,
					deleted: v.deleted,
					owner_id: v.ownerId,
					districts: v.districtIds,
					is_public: v.isPublic
				}))
			)
		]
	);
}

export interface Reader {
	userId: string;
	/** Its cities: it reads their rows only (seesAll is all of these cities' rows). */
	cityIds: readonly string[];
	districtIds: string[];
	seesAll: boolean;
}

export interface FeedRow {
	seq: number;
	entity: Entity;
	entity_id: string;
	/** Null when `gone`: a reader is never sent what it may no longer see. */
	data: unknown;
	/** The entity's city: a device of an account holding several lists each city's apart. */
	city: string;
	deleted: boolean;
	/** The reader lost sight of the entity after `since`: it may hold a copy to drop. */
	gone: boolean;
}

/**
 * What `reader` may see after `since`, in seq order; with `withGone`, also the rows it lost
 * sight of after `since` (as `gone`, without their data).
 */
export async function readChanges(
	db: Queryable,
	reader: Reader,
	since: number,
	limit: number,
	withGone = false
): Promise<FeedRow[]> {
	// Each city's rows are read through (city, seq), at most a page per city, and merged: the
	// plan is an ordered index range scan per city, whatever the other cities hold.
	const rows = await db.query<Omit<FeedRow, 'seq'> & { seq: number | string }>(
		`select c.seq, c.entity, c.entity_id, c.city,
		   case when c.own then c.data when c.visible then coalesce(c.public_data, c.data) end as data,
		   c.deleted, not c.visible as gone
		 from unnest($7::text[]) as r(city)
		 cross join lateral (
		   select o.*, o.own or o.is_public as visible
		   from (select *, ($4 or owner_id = $2 or district_ids && $3::text[]) as own
		         from changes where city = r.city and seq > $1) o
		   where o.own or o.is_public or ($6 and o.lost_at > $1
		     and (o.lost_public or $2 = any(o.lost_owner_ids) or o.lost_district_ids && $3::text[]))
		   order by o.seq limit $5
		 ) c
		 order by c.seq limit $5`,
		[
			since,
			reader.userId,
			reader.districtIds,
			reader.seesAll,
			limit,
			withGone,
			[...new Set(reader.cityIds)]
		]
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

/**
 * How far the feed's numbers jump after a restore: more than the changes a server could have
 * numbered between a backup and its restore, so no cursor issued in that lost stretch reaches
 * the new numbers.
 */
export const RESTORE_GAP = 1_000_000_000;

/**
 * After the database was restored from a backup, every device starts over. Devices that synced
 * after the backup hold cursors and copies from a feed the restored database never had: their
 * cursors may even sit ahead of the numbers it will give its next changes, which they would
 * skip. The clock jumps past any such cursor and the purge line moves up to it, so every device
 * that pulls next is told to reset (it keeps its unsent edits and re-pulls from 0). Returns the
 * new purge line. Run by `npm run after-restore`, before the server starts.
 */
export async function startDevicesOver(db: Database): Promise<number> {
	return db.transaction(async (tx) => {
		const [clock] = await tx.query<{ seq: number | string }>(
			'update sync_clock set seq = seq + $1 where id = 1 returning seq',
			[RESTORE_GAP]
		);
		const line = Number(clock!.seq);
		await tx.query(
			'update sync_meta set purged_through = greatest(purged_through, $1) where id = 1',
			[line]
		);
		return line;
	});
}

/** The highest sequence number allocated by a committed transaction. */
export async function committedClock(db: Queryable): Promise<number> {
	const [row] = await db.query<{ seq: number | string }>('select seq from sync_clock where id = 1');
	return Number(row?.seq ?? 0);
}
