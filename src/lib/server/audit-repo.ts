/**
 * A record's history, read from the op ledger: every accepted op (applied, or applied in part
 * with a conflict) with who, when and from which device. Refused attempts stay in the ledger
 * for idempotency but are not history: they changed nothing, and are nobody else's business.
 *
 * A record is named by its kind and id: ids are unique only within a kind (a place may be
 * registered under a meeting's id), so both the record's scope (auditSubject) and its trail
 * (auditTrail) are read for that kind only.
 */
import type { AuditSubject } from '#lib/domain/policy.js';
import { opKindsOf } from '#lib/domain/sync/op-records.js';
import type { Entity } from '#lib/domain/sync/protocol.js';
import { UUID_PATTERN } from '#lib/domain/sync/uuid.js';
import type { Queryable } from './db/database';

export interface AuditEntry {
	opId: string;
	kind: string;
	status: string;
	reason: string | null;
	userEmail: string | null;
	deviceId: string;
	receivedAt: string;
	body: unknown;
}

export interface AuditPage {
	/** Newest first. */
	entries: AuditEntry[];
	/** Pass as `before` for the next (older) page; null on the last page. */
	nextBefore: string | null;
}

/**
 * The city of a record of each kind other than places (their ids are UUIDs), by its id ($1):
 * what its record stores (a session's place's pack, a tally's meeting's, a plan record's plan).
 * Fixed text, never from input.
 */
const CITY_OF: Record<Exclude<Entity, 'place'>, string> = {
	session: `select p.pack_id as city from session_records s join places p on p.id = s.place_id
		where s.id = $1 order by s.version desc limit 1`,
	meeting: 'select pack_id as city from meetings where id = $1',
	tally: `select m.pack_id as city from tallies t join meetings m on m.id = t.meeting_id
		where t.id = $1`,
	team: 'select pack_id as city from team_records where id = $1 limit 1',
	indicator: 'select plan_id as city from indicator_entries where id = $1',
	evaluation: 'select plan_id as city from indicator_evaluations where id = $1'
};

/**
 * The record of `kind` with id `id`, with what the policy's rule for its history needs
 * (canReadAuditOf); null when there is no such record of that kind.
 */
export async function auditSubject(
	db: Queryable,
	kind: Entity,
	id: string
): Promise<AuditSubject | null> {
	if (kind === 'place') {
		const [place] = await db.query<{
			owner_id: string | null;
			district_ids: string[];
			origin: string;
			pack_id: string;
		}>('select owner_id, district_ids, origin, pack_id from places where id = $1', [id]);
		return place
			? {
					kind,
					cityId: place.pack_id,
					ownerId: place.owner_id,
					districtIds: place.district_ids,
					fromPack: place.origin !== 'user'
				}
			: null;
	}
	// Only places have ids that are not UUIDs; another kind's id column would refuse the text.
	if (!UUID_PATTERN.test(id)) return null;
	const [row] = await db.query<{ city: string }>(CITY_OF[kind], [id]);
	return row ? { kind, cityId: row.city } : null;
}

/**
 * One page of a record's audit trail, newest first (by arrival, then op id: the ops of one
 * push share their arrival time). `before` is the op id the previous page ended with; the page
 * holds what arrived before it. Returns null when `before` is not an entry of this record's
 * trail, so a stale or foreign cursor is refused rather than read as "the start".
 */
export async function auditTrail(
	db: Queryable,
	kind: Entity,
	entityId: string,
	{ before, limit = 200 }: { before?: string | undefined; limit?: number } = {}
): Promise<AuditPage | null> {
	const kinds = opKindsOf(kind);
	if (before !== undefined) {
		const [cursor] = await db.query(
			`select 1 from ops
			 where op_id = $1 and entity_id = $2 and kind = any($3::text[]) and status <> 'rejected'`,
			[before, entityId, kinds]
		);
		if (!cursor) return null;
	}
	const rows = await db.query<{
		op_id: string;
		kind: string;
		status: string;
		reason: string | null;
		email: string | null;
		device_id: string;
		received_at: Date | string;
		body: unknown;
	}>(
		// The cursor row is compared in SQL: timestamptz keeps microseconds, a JS Date does not.
		`select o.op_id, o.kind, o.status, o.reason, u.email, o.device_id, o.received_at, o.body
		 from ops o left join users u on u.id = o.user_id
		 where o.entity_id = $1 and o.kind = any($4::text[]) and o.status <> 'rejected'
		   and ($2::uuid is null
		     or (o.received_at, o.op_id) < (select received_at, op_id from ops where op_id = $2::uuid))
		 order by o.received_at desc, o.op_id desc limit $3`,
		[entityId, before ?? null, limit + 1, kinds]
	);
	const page = rows.slice(0, limit);
	return {
		entries: page.map((r) => ({
			opId: r.op_id,
			kind: r.kind,
			status: r.status,
			reason: r.reason,
			userEmail: r.email,
			deviceId: r.device_id,
			receivedAt: new Date(r.received_at).toISOString(),
			body: r.body
		})),
		nextBefore: rows.length > limit ? page.at(-1)!.op_id : null
	};
}
