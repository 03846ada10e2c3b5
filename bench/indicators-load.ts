/**
 * Loads the `indicators` benchmark's generated data into a migrated, empty app database (PGlite
 * or PostgreSQL): the records of bench/fixtures/generate-indicator-records.ts, then a million
 * session records made in SQL, then `analyze`.
 *
 * The rows are written straight into the tables, with the columns and data shapes the push path
 * writes (server/sync/apply-records.ts, apply-place.ts), not through `handlePush`: the push path
 * does a handful of statements per op, and at the ~1,000–2,000 ops/s the `sync` section measures
 * a million sessions would take 10–20 minutes per engine. The op ledger and change feed (ops,
 * changes) stay empty; the indicators do not read them.
 */
import type { Database } from '../src/lib/server/db/database';
import {
	generateIndicatorRecords,
	RECORDS_DAYS,
	RECORDS_FIRST_DAY,
	type IndicatorRecords
} from './fixtures/generate-indicator-records';

export const SESSION_RECORDS = 1_000_000;
/**
 * Sessions per insert statement (each also writes its second versions): big enough that
 * statement overhead vanishes, small enough that PGlite's WASM heap never holds much at once.
 */
const SESSION_BATCH = 50_000;
/** Rows per insert statement of the generated records (sent as one JSON parameter). */
const JSON_BATCH = 1000;

export interface LoadedCounts {
	places: number;
	placeEvents: number;
	sessionRecords: number;
	currentSessions: number;
	meetings: number;
	tallies: number;
	teamRecords: number;
}

async function insertJson<T>(
	db: Database,
	rows: readonly T[],
	sql: string,
	params: unknown[] = []
): Promise<void> {
	for (let i = 0; i < rows.length; i += JSON_BATCH) {
		await db.query(sql, [JSON.stringify(rows.slice(i, i + JSON_BATCH)), ...params]);
	}
}

async function insertRecords(db: Database, packId: string, r: IndicatorRecords): Promise<void> {
	await insertJson(
		db,
		r.users.map((u) => ({
			id: u.id,
			email: u.email,
			role: u.role,
			district_ids: u.districtIds
		})),
		// Not a password hash: nobody can log in as a generated account.
		`insert into users (id, email, password_hash, role, district_ids)
		 select id, email, 'bench: no login', role, district_ids
		 from jsonb_to_recordset($1::jsonb) as r(id uuid, email text, role text, district_ids text[])`
	);
	await insertJson(
		db,
		r.places.map(({ place, stamps }) => ({
			id: place.id,
			status: place.status,
			moderation: place.moderation,
			data: place,
			owner_id: place.ownerId,
			stamps,
			district_ids: place.districtIds
		})),
		`insert into places (id, pack_id, origin, status, moderation, data, owner_id, stamps, district_ids)
		 select id, $2, 'user', status, moderation, data, owner_id, stamps, district_ids
		 from jsonb_to_recordset($1::jsonb)
		   as r(id text, status text, moderation text, data jsonb, owner_id uuid, stamps jsonb,
		        district_ids text[])`,
		[packId]
	);
	await insertJson(
		db,
		r.events.map((e) => ({ place_id: e.placeId, field: e.field, at: e.at, value: e.value })),
		// Pushed while online: each event takes effect at its own stamp.
		`insert into place_events (place_id, field, at, value, effective_at)
		 select place_id, field, at, value, at
		 from jsonb_to_recordset($1::jsonb) as r(place_id text, field text, at text, value text)`
	);
	await insertJson(
		db,
		r.meetings.map((m) => ({
			id: m.meeting.meetingId,
			created_by: m.createdBy,
			stamps: m.stamps,
			data: m.meeting,
			district_ids: m.meeting.districtIds
		})),
		`insert into meetings (id, created_by, stamps, data, district_ids, pack_id)
		 select *, $2 from jsonb_to_recordset($1::jsonb)
		   as r(id uuid, created_by uuid, stamps jsonb, data jsonb, district_ids text[])`,
		[packId]
	);
	await insertJson(
		db,
		r.tallies.map(({ tally, userId }) => ({
			id: tally.tallyId,
			meeting_id: tally.meetingId,
			device_id: tally.deviceId,
			user_id: userId,
			version: tally.version,
			data: tally
		})),
		`insert into tallies (id, meeting_id, device_id, user_id, version, data)
		 select * from jsonb_to_recordset($1::jsonb)
		   as r(id uuid, meeting_id uuid, device_id uuid, user_id uuid, version integer, data jsonb)`
	);
	await insertJson(
		db,
		r.teams.map(({ record, recordedBy, at }) => ({
			id: record.teamId,
			version: record.version,
			recorded_by: recordedBy,
			district_id: record.districtId,
			data: record,
			deleted: record.deleted,
			at
		})),
		`insert into team_records (id, version, recorded_by, district_id, data, deleted, at, effective_at, pack_id)
		 select id, version, recorded_by, district_id, data, deleted, at, at, $2
		 from jsonb_to_recordset($1::jsonb)
		   as r(id uuid, version integer, recorded_by uuid, district_id text, data jsonb,
		        deleted boolean, at text)`,
		[packId]
	);
}

/**
 * Sessions $1…$2 of $5, each of a place drawn from $3 (recorded by its owner, $4 at the same
 * index), as SessionRecord JSON. Sessions are inserted in the order they are recorded, as on a
 * server in use: session i is dated i/$5 of the way through the five fiscal years, 0–14 days
 * before it was recorded, so one year's rows sit together in the table rather than on every
 * page. Every 20th session was corrected (a second version; hours +0.5 h) and every 100th
 * deleted (its second version has `deleted: true`, as the app's delete writes): about 5 % and
 * 1 %. Only the highest version is `current`, which apply-records.ts maintains on each push.
 * About 30 % log hours (1–3.5 h). Pseudo-random draws are hashes of the session number, so
 * the data is the same every run and on both engines.
 */
const INSERT_SESSIONS = `
insert into session_records (id, version, place_id, recorded_by, held_on, data, deleted, hours, current)
select s.id, v.version, s.place_id, s.recorded_by, s.held_on,
       jsonb_build_object(
         'sessionId', s.id, 'version', v.version, 'placeId', s.place_id,
         'date', to_char(s.held_on, 'YYYY-MM-DD'),
         'participants', jsonb_build_object('total', s.total, 'men', s.men, 'women', s.total - s.men),
         'volunteers', s.volunteers, 'firstTimers', s.first_timers,
         'hours', v.hours, 'deleted', v.deleted),
       v.deleted, v.hours, v.version = s.versions
from (
  select md5('bench-session-' || g.i)::uuid as id, g.i,
         (($3::uuid[])[1 + h.slot])::text as place_id, ($4::uuid[])[1 + h.slot] as recorded_by,
         date '${RECORDS_FIRST_DAY}' + (h.day)::int as held_on,
         case when g.i % 20 = 0 then 2 else 1 end as versions,
         case when h.r % 10 < 3 then ((h.r / 10) % 6 + 2) * 0.5 end as hours,
         3 + h.r % 28 as total, (h.r / 28) % 4 as men,
         1 + (h.r / 112) % 6 as volunteers, (h.r / 672) % 3 as first_timers
  from generate_series($1::int, $2::int) as g(i)
  cross join lateral (
    select (hashint8extended(g.i, 1) & 2147483647) % cardinality($3::uuid[]) as slot,
           greatest(0, (g.i - 1)::bigint * ${RECORDS_DAYS} / $5::int - (hashint8extended(g.i, 2) & 2147483647) % 15) as day,
           hashint8extended(g.i, 3) & 2147483647 as r
  ) h
) s
cross join lateral (
  select 1 as version, false as deleted, s.hours
  union all
  select 2, s.i % 100 = 0, case when s.i % 100 = 0 then s.hours else s.hours + 0.5 end
  where s.versions = 2
) v`;

/** The number of sessions whose versions add up to `records` rows (every 20th has two). */
const sessionsFor = (records: number) => Math.round((records * 20) / 21);

export async function loadIndicatorData(
	db: Database,
	options: { packId: string; districtIds: readonly string[]; sessionRecords?: number }
): Promise<LoadedCounts> {
	const records = generateIndicatorRecords({ districtIds: options.districtIds });
	await insertRecords(db, options.packId, records);
	const placeIds = records.places.map((p) => p.place.id);
	const owners = records.places.map((p) => p.place.ownerId);
	const sessions = sessionsFor(options.sessionRecords ?? SESSION_RECORDS);
	for (let lo = 1; lo <= sessions; lo += SESSION_BATCH) {
		const hi = Math.min(sessions, lo + SESSION_BATCH - 1);
		await db.query(INSERT_SESSIONS, [lo, hi, placeIds, owners, sessions]);
	}
	await db.exec('analyze');
	const [counts] = await db.query<Record<keyof LoadedCounts, number>>(
		`select (select count(*) from places where origin = 'user')::int as "places",
		   (select count(*) from place_events)::int as "placeEvents",
		   (select count(*) from session_records)::int as "sessionRecords",
		   (select count(*) from session_records where current and not deleted)::int as "currentSessions",
		   (select count(*) from meetings)::int as "meetings",
		   (select count(*) from tallies)::int as "tallies",
		   (select count(*) from team_records)::int as "teamRecords"`
	);
	return counts!;
}
