/**
 * tally.set, a run at a time. A tally is one device's count of a meeting: only that device
 * replaces it, with a higher version; an older version arriving late is answered "applied,
 * stale" and changes nothing (the newer one stands). A tally made (offline) before its meeting
 * was closed still counts; one made after does not.
 *
 * Why a run at once: a coordinator's phone saves a new version at every change of the count,
 * so a backlog is many versions of a few tallies, and one op at a time took three statements
 * per op. A run takes three in all: its meetings, its tallies (locked), one upsert of each
 * tally's last accepted version. It answers exactly as the ops one by one, because no tally op
 * changes a meeting (an op of another kind ends the run, see push.ts), and each op sees the
 * tallies as the ops before it in the run left them (`tallies`, updated as the run goes).
 */
import { canManageMeeting, holdsCity } from '#lib/domain/policy.js';
import { compareHlc } from '#lib/domain/sync/hlc.js';
import type { StampedFields } from '#lib/domain/sync/merge-fields.js';
import type { OpOf } from '#lib/domain/sync/protocol.js';
import type { Tally } from '#lib/domain/records.js';
import { rejected, type ApplyContext, type Outcome, type RunApplier } from './apply-context';

type TallyOp = OpOf<'tally.set'>;

interface MeetingRow {
	id: string;
	district_ids: string[];
	pack_id: string;
	stamps: StampedFields;
}

interface TallyRow {
	id: string;
	device_id: string;
	user_id: string;
	version: number;
	meeting_id: string;
}

/** The rules that need only the op and its meeting; null when the tally may be set. */
function refusal(ctx: ApplyContext, op: TallyOp, meeting: MeetingRow | undefined): Outcome | null {
	if (!meeting) return rejected('not_found', { meetingId: op.meetingId });
	if (!holdsCity(ctx.actor, meeting.pack_id)) return rejected('forbidden');
	if (!canManageMeeting(ctx.actor, meeting.district_ids)) return rejected('forbidden');
	const closed = meeting.stamps.closed;
	if (closed?.value === true && compareHlc(op.at, closed.at) > 0) return rejected('meeting_closed');
	return null;
}

export const applyTallySets: RunApplier<TallyOp> = async (ctx, ops) => {
	const meetingRows = await ctx.tx.query<MeetingRow & Record<string, unknown>>(
		'select id, district_ids, pack_id, stamps from meetings where id = any($1::uuid[])',
		[[...new Set(ops.map((op) => op.meetingId))]]
	);
	const meetings = new Map(meetingRows.map((m) => [m.id, m]));
	const refusals = ops.map((op) => refusal(ctx, op, meetings.get(op.meetingId)));

	// The stored tallies of the ops that pass (only those: one at a time, a refused op never
	// reached this query), locked in id order so two pushes cannot deadlock on them.
	const candidates = [...new Set(ops.filter((_, i) => !refusals[i]).map((op) => op.tallyId))];
	const tallies = new Map<string, Omit<TallyRow, 'id'>>();
	if (candidates.length) {
		const rows = await ctx.tx.query<TallyRow & Record<string, unknown>>(
			`select id, device_id, user_id, version, meeting_id from tallies
			 where id = any($1::uuid[]) order by id for update`,
			[candidates]
		);
		for (const r of rows) tallies.set(r.id, r);
	}

	const outcomes: Outcome[] = [];
	const written = new Map<string, Tally>(); // each tally's last accepted version
	for (const [i, op] of ops.entries()) {
		const refused = refusals[i];
		if (refused) {
			outcomes.push(refused);
			continue;
		}
		const row = tallies.get(op.tallyId);
		// A device id is what the phone says it is: the account that set the tally is checked
		// too, so no one overwrites another person's count by sending their phone's id.
		if (
			row &&
			(row.device_id !== op.deviceId ||
				row.meeting_id !== op.meetingId ||
				row.user_id !== ctx.actor.userId)
		) {
			outcomes.push(rejected('tally_device_mismatch'));
			continue;
		}
		if (row && op.version <= row.version) {
			// An older state of this device's tally arriving late: the newer one stands.
			outcomes.push({
				status: 'applied',
				details: { stale: true, version: row.version },
				changes: []
			});
			continue;
		}
		const tally: Tally = {
			tallyId: op.tallyId,
			meetingId: op.meetingId,
			deviceId: op.deviceId,
			userId: ctx.actor.userId,
			version: op.version,
			counts: op.counts,
			organisations: op.organisations
		};
		tallies.set(op.tallyId, {
			device_id: op.deviceId,
			user_id: ctx.actor.userId,
			version: op.version,
			meeting_id: op.meetingId
		});
		written.set(op.tallyId, tally);
		outcomes.push({
			status: 'applied',
			changes: [
				{
					entity: 'tally',
					entityId: op.tallyId,
					city: meetings.get(op.meetingId)!.pack_id,
					data: tally,
					deleted: false,
					ownerId: ctx.actor.userId,
					districtIds: meetings.get(op.meetingId)!.district_ids,
					isPublic: false
				}
			]
		});
	}
	if (written.size === 0) return outcomes;

	// A new tally keeps the user who first set it; a later version changes only its count.
	const rows = [...written.values()];
	await ctx.tx.query(
		`insert into tallies (id, meeting_id, device_id, user_id, version, data)
		 select t.id, t.meeting_id, t.device_id, $6, t.version, t.data
		 from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::jsonb[])
		   as t(id, meeting_id, device_id, version, data)
		 on conflict (id) do update set version = excluded.version, data = excluded.data,
		   updated_at = now()`,
		[
			rows.map((t) => t.tallyId),
			rows.map((t) => t.meetingId),
			rows.map((t) => t.deviceId),
			rows.map((t) => t.version),
			rows.map((t) => JSON.stringify(t)),
			ctx.actor.userId
		]
	);
	return outcomes;
};
