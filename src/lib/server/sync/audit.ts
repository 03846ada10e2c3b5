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

export async function auditTrail(
	db: Queryable,
	entityId: string,
	limit = 200
): Promise<AuditEntry[]> {
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
		`select o.op_id, o.kind, o.status, o.reason, u.email, o.device_id, o.received_at, o.body
		 from ops o left join users u on u.id = o.user_id
		 where o.entity_id = $1 and o.status <> 'rejected' order by o.received_at, o.op_id limit $2`,
		[entityId, limit]
	);
	return rows.map((r) => ({
		opId: r.op_id,
		kind: r.kind,
		status: r.status,
		reason: r.reason,
		userEmail: r.email,
		deviceId: r.device_id,
		receivedAt: new Date(r.received_at).toISOString(),
		body: r.body
	}));
}
