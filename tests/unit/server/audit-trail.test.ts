import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import type { Database } from '#lib/server/db/database.js';
import { auditTrail } from '#lib/server/audit-repo.js';
import { ENGINES, openTestDatabase } from './test-database';

describe.each(ENGINES)('%s: a record’s audit trail', (engine) => {
	let db: Database;
	const user = uuidv7();
	const device = uuidv7();
	/** Op ids in the order they arrived. */
	const arrived: string[] = [];
	let meetingOp: string;

	/** An op in the ledger; ops of one push share `receivedAt`. */
	async function op(
		entityId: string,
		receivedAt: string,
		status = 'applied',
		kind = 'place.upsert'
	): Promise<string> {
		const opId = uuidv7();
		await db.query(
			`insert into ops (op_id, body_hash, kind, entity_id, user_id, device_id, status, body, received_at)
			 values ($1, 'h', $7, $2, $3, $4, $5, '{}', $6)`,
			[opId, entityId, user, device, status, receivedAt, kind]
		);
		return opId;
	}

	beforeAll(async () => {
		db = await openTestDatabase(engine);
		// Seven accepted ops of place-1; three arrived in one push (the same instant, to the
		// microsecond); a refused attempt in between; another record's op.
		arrived.push(await op('place-1', '2025-01-01T00:00:00.000001Z'));
		arrived.push(await op('place-1', '2025-01-02T00:00:00.000001Z'));
		await op('place-1', '2025-01-02T12:00:00Z', 'rejected');
		const batch = [];
		for (let i = 0; i < 3; i++) batch.push(await op('place-1', '2025-01-03T00:00:00.000002Z'));
		arrived.push(...batch.sort()); // same instant: op id breaks the tie
		arrived.push(await op('place-1', '2025-01-03T00:00:00.000003Z', 'conflict'));
		arrived.push(await op('place-1', '2025-01-04T00:00:00Z'));
		await op('place-2', '2025-01-05T00:00:00Z');
		// Ids are unique only within a kind: a meeting's op under the same id is not the place's.
		meetingOp = await op('place-1', '2025-01-03T12:00:00Z', 'applied', 'meeting.upsert');
	});
	afterAll(() => db.close());

	it('reads newest first, a page at a time, each accepted op exactly once', async () => {
		const seen: string[] = [];
		let before: string | undefined;
		let pages = 0;
		for (;;) {
			const page = await auditTrail(db, 'place', 'place-1', { before, limit: 2 });
			expect(page).not.toBeNull();
			pages += 1;
			seen.push(...page!.entries.map((e) => e.opId));
			if (!page!.nextBefore) break;
			before = page!.nextBefore;
		}
		expect(pages).toBe(4); // 7 entries in pages of 2
		expect(seen).toEqual([...arrived].reverse());
	});

	it('one page holds everything when it fits, with no next page', async () => {
		const page = await auditTrail(db, 'place', 'place-1');
		expect(page!.entries.map((e) => e.opId)).toEqual([...arrived].reverse());
		expect(page!.nextBefore).toBeNull();
		expect(page!.entries.map((e) => e.status)).not.toContain('rejected');
	});

	it('refuses a cursor that is not an entry of this trail', async () => {
		expect(await auditTrail(db, 'place', 'place-1', { before: uuidv7() })).toBeNull();
		const other = (await auditTrail(db, 'place', 'place-2'))!.entries[0]!.opId;
		expect(await auditTrail(db, 'place', 'place-1', { before: other })).toBeNull();
		expect(await auditTrail(db, 'place', 'place-1', { before: meetingOp })).toBeNull();
	});

	it("reads one kind's ops: another kind's record under the same id stays out", async () => {
		const place = await auditTrail(db, 'place', 'place-1');
		expect(place!.entries.map((e) => e.opId)).not.toContain(meetingOp);
		const meeting = await auditTrail(db, 'meeting', 'place-1');
		expect(meeting!.entries.map((e) => [e.opId, e.kind])).toEqual([[meetingOp, 'meeting.upsert']]);
	});
});
