/**
 * The audit log is the op ledger: every accepted op (applied, or applied in part with a
 * conflict) with who, when and from which device. Refused attempts stay in the ledger for
 * idempotency but are not history: they changed nothing, and are nobody else's business.
 */
import type { Queryable } from '../db/database';

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
 * One page of a record's audit trail, newest first (by arrival, then op id: the ops of one
 * push share their arrival time). `before` is the op id the previous page ended with; the page
 * holds what arrived before it. Returns null when `before` is not an entry of this record's
 * trail, so a stale or foreign cursor is refused rather than read as "the start".
 */
export async function auditTrail(
	db: Queryable,
	entityId: string,
	{ before, limit = 200 }: { before?: string | undefined; limit?: number } = {}
): Promise<AuditPage | null> {
	if (before !== undefined) {
		const [cursor] = await db.query(
			"select 1 from ops where op_id = $1 and entity_id = $2 and status <> 'rejected'",
			[before, entityId]
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
		 where o.entity_id = $1 and o.status <> 'rejected'
		   and ($2::uuid is null
		     or (o.received_at, o.op_id) < (select received_at, op_id from ops where op_id = $2::uuid))
		 order by o.received_at desc, o.op_id desc limit $3`,
		[entityId, before ?? null, limit + 1]
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
