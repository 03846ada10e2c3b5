/**
 * session.record, a run at a time. A session is append-only: a correction is a new version,
 * a version that exists already is a conflict, and only the highest version is `current` (what
 * the year's totals count, migration 4) — also when a lower version arrives after a higher one.
 *
 * Why a run at once: a device's backlog is mostly sessions, and one op at a time took five
 * statements per op (place, version check, insert, `current`, read back). A run takes three in
 * all, whatever its length (places, stored versions, insert), and a fourth and fifth only when
 * it corrects stored sessions (their old version stops being `current`) or brings a version
 * lower than a stored one (the stored latest is read back for the feed). It answers exactly as the ops one by one, because:
 * - nothing a session op writes is read by another rule of the run: the places are read once
 *   (no session op changes a place; an op of another kind ends the run, see push.ts);
 * - a version written by an earlier op of the run is a conflict for a later one (`taken`);
 * - the right to change a stored session is checked on the place its stored latest version
 *   is at, read once: an op of the run that is applied lands the session at a place the actor
 *   may record at (or leaves its latest version where it was), so whether the actor may change
 *   it cannot change during the run;
 * - the feed keeps one change per session per batch, the last (appendChanges), so each applied
 *   op may carry its session's latest version after the whole run: the last op's change is the
 *   same as one at a time.
 */
import { canRecordSession, holdsCity } from '#lib/domain/policy.js';
import type { OpOf } from '#lib/domain/sync/protocol.js';
import { todayInJapan } from '#lib/domain/fiscal-year.js';
import type { SessionRecord } from '#lib/domain/records.js';
import {
	rejected,
	withoutEnvelope,
	type ApplyContext,
	type Outcome,
	type RunApplier
} from './apply-context';

type SessionOp = OpOf<'session.record'>;

interface PlaceRow {
	id: string;
	pack_id: string;
	owner_id: string | null;
	district_ids: string[];
}

interface LatestVersion {
	data: SessionRecord;
	deleted: boolean;
	pack_id: string | null;
	owner_id: string | null;
	district_ids: string[] | null;
}

interface StoredVersionRow {
	id: string;
	version: number;
	pack_id: string | null;
	owner_id: string | null;
	district_ids: string[] | null;
}

/** The rules that need only the op and its place; null when the op may be recorded. */
function refusal(ctx: ApplyContext, op: SessionOp, place: PlaceRow | undefined): Outcome | null {
	if (!place) return rejected('not_found', { placeId: op.placeId });
	if (!holdsCity(ctx.actor, place.pack_id)) return rejected('forbidden');
	if (!canRecordSession(ctx.actor, { ownerId: place.owner_id, districtIds: place.district_ids })) {
		return rejected('forbidden');
	}
	const p = op.participants;
	if ((p.men ?? 0) + (p.women ?? 0) > p.total || (p.children ?? 0) > p.total) {
		return rejected('breakdown_exceeds_total');
	}
	if (op.firstTimers > p.total) return rejected('first_timers_exceed_total');
	if (op.date > todayInJapan(ctx.now)) return rejected('future_date', { date: op.date });
	return null;
}

const versionKey = (sessionId: string, version: number) => `${sessionId}:${version}`;

export const applySessionRecords: RunApplier<SessionOp> = async (ctx, ops) => {
	const placeRows = await ctx.tx.query<PlaceRow & Record<string, unknown>>(
		'select id, pack_id, owner_id, district_ids from places where id = any($1::text[])',
		[[...new Set(ops.map((op) => op.placeId))]]
	);
	const places = new Map(placeRows.map((p) => [p.id, p]));
	const refusals = ops.map((op) => refusal(ctx, op, places.get(op.placeId)));

	// The sessions that pass the rules as stored (only those: one at a time, a refused op never
	// reached this query): their versions, and the place of the latest one with its owner.
	const candidates = [...new Set(ops.filter((_, i) => !refusals[i]).map((op) => op.sessionId))];
	const storedAt = new Map<
		string,
		{ pack_id: string | null; owner_id: string | null; district_ids: string[] }
	>();
	const storedMax = new Map<string, number>();
	const taken = new Set<string>();
	if (candidates.length) {
		const rows = await ctx.tx.query<StoredVersionRow & Record<string, unknown>>(
			`select s.id, s.version, p.pack_id, p.owner_id, p.district_ids
			 from session_records s left join places p on p.id = s.place_id
			 where s.id = any($1::uuid[]) order by s.id, s.version`,
			[candidates]
		);
		for (const r of rows) {
			taken.add(versionKey(r.id, r.version));
			// Ordered by version: the last row of a session is its latest version.
			storedAt.set(r.id, {
				pack_id: r.pack_id,
				owner_id: r.owner_id,
				district_ids: r.district_ids ?? []
			});
			storedMax.set(r.id, r.version);
		}
	}
	// Changing a stored session needs the right over the place it is at, not only over the place
	// the op names: otherwise anyone who may record somewhere could move or delete it.
	const mayChange = (op: SessionOp) => {
		const place = storedAt.get(op.sessionId);
		if (!place) return true;
		// A session of another city's place stays there: not this account's to move or delete.
		if (place.pack_id !== null && !holdsCity(ctx.actor, place.pack_id)) return false;
		return canRecordSession(ctx.actor, {
			ownerId: place.owner_id,
			districtIds: place.district_ids
		});
	};

	const outcomes: (Outcome | null)[] = [];
	const recorded: SessionOp[] = [];
	for (const [i, op] of ops.entries()) {
		const key = versionKey(op.sessionId, op.version);
		if (refusals[i]) outcomes.push(refusals[i]);
		else if (!mayChange(op)) outcomes.push(rejected('forbidden'));
		else if (taken.has(key)) {
			outcomes.push({
				status: 'conflict',
				reason: 'version_exists',
				details: { version: op.version },
				changes: []
			});
		} else {
			taken.add(key);
			recorded.push(op);
			outcomes.push(null); // applied: its change is known once the run is written
		}
	}
	if (recorded.length === 0) return outcomes as Outcome[];

	// Each session's latest version once the run is written: the run's highest, unless a higher
	// one is stored (a lower version arriving late). Known here from the stored versions read
	// above, so `current` is written with the rows and nothing is read back for new sessions.
	const runLatest = new Map<string, SessionOp>();
	for (const op of recorded) {
		const best = runLatest.get(op.sessionId);
		if (!best || op.version > best.version) runLatest.set(op.sessionId, op);
	}
	const isLatest = (op: SessionOp) =>
		runLatest.get(op.sessionId) === op && op.version > (storedMax.get(op.sessionId) ?? 0);
	await ctx.tx.query(
		`insert into session_records (id, version, place_id, recorded_by, held_on, data, deleted, hours, current)
		 select t.id, t.version, t.place_id, $2, t.held_on, t.data, t.deleted, t.hours, t.current
		 from jsonb_to_recordset($1::jsonb) as t(id uuid, version int, place_id text, held_on date,
		   data jsonb, deleted boolean, hours numeric, current boolean)`,
		[
			JSON.stringify(
				recorded.map((op) => ({
					id: op.sessionId,
					version: op.version,
					place_id: op.placeId,
					held_on: op.date,
					data: withoutEnvelope(op) as SessionRecord,
					deleted: op.deleted,
					hours: op.hours,
					current: isLatest(op)
				}))
			),
			ctx.actor.userId
		]
	);
	// Only the highest version counts in the year's totals: a stored version a correction of
	// the run supersedes stops counting.
	const superseded = [...runLatest.values()].filter(
		(op) => storedMax.has(op.sessionId) && isLatest(op)
	);
	if (superseded.length) {
		await ctx.tx.query(
			`update session_records s set current = false
			 from unnest($1::uuid[], $2::int[]) as t(id, version)
			 where s.id = t.id and s.current and s.version < t.version`,
			[superseded.map((op) => op.sessionId), superseded.map((op) => op.version)]
		);
	}
	// The latest version and its place: the feed shows the session to its place's audience (a
	// lower version arriving late may name another place than the latest one, which stays).
	const latest = new Map<string, LatestVersion>();
	for (const op of runLatest.values()) {
		if (!isLatest(op)) continue;
		const place = places.get(op.placeId)!;
		latest.set(op.sessionId, {
			data: withoutEnvelope(op) as SessionRecord,
			deleted: op.deleted,
			pack_id: place.pack_id,
			owner_id: place.owner_id,
			district_ids: place.district_ids
		});
	}
	const stillStored = [...runLatest.keys()].filter((id) => !latest.has(id));
	if (stillStored.length) {
		const rows = await ctx.tx.query<LatestVersion & { id: string } & Record<string, unknown>>(
			`select distinct on (s.id) s.id, s.data, s.deleted, p.pack_id, p.owner_id, p.district_ids
			 from session_records s left join places p on p.id = s.place_id
			 where s.id = any($1::uuid[]) order by s.id, s.version desc`,
			[stillStored]
		);
		for (const r of rows) latest.set(r.id, r);
	}

	return ops.map((op, i): Outcome => {
		const answered = outcomes[i];
		if (answered) return answered;
		const record = latest.get(op.sessionId)!;
		return {
			status: 'applied',
			changes: [
				{
					entity: 'session',
					entityId: op.sessionId,
					// A session is its place's city's (a place is never removed; were it, the
					// row would reach no reader rather than every city's).
					city: record.pack_id ?? '',
					data: record.data,
					deleted: record.deleted,
					ownerId: record.owner_id,
					districtIds: record.district_ids ?? [],
					isPublic: false
				}
			]
		};
	});
};
