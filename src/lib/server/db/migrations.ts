/**
 * Schema history, in order. A migration is never edited once released: add a new one.
 * Each runs in its own transaction, under an advisory lock, and is recorded in schema_migrations.
 */
import type { Database } from './database';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'places',
		sql: `
			create table packs (
				id text primary key,
				content_hash text not null,
				seeded_at timestamptz not null default now()
			);
			create table places (
				id text primary key,
				pack_id text not null,
				origin text not null check (origin in ('pack', 'user', 'sample')),
				status text not null check (status in ('active', 'paused', 'closed')),
				moderation text not null check (moderation in ('approved', 'pending', 'returned')),
				-- Pack order, for a stable list before any sort (user places follow)
				ordinal integer not null default 0,
				data jsonb not null,
				updated_at timestamptz not null default now()
			);
			create index places_pack_public on places (pack_id) where moderation = 'approved';
		`
	},
	{
		version: 2,
		name: 'accounts',
		sql: `
			create table users (
				id uuid primary key,
				email text not null unique,
				password_hash text not null,
				role text not null check (role in ('organizer', 'coordinator', 'staff', 'admin')),
				district_ids text[] not null default '{}',
				disabled boolean not null default false,
				failed_logins integer not null default 0,
				locked_until timestamptz,
				created_at timestamptz not null default now()
			);
			create table auth_sessions (
				token_hash text primary key,
				user_id uuid not null references users (id) on delete cascade,
				created_at timestamptz not null default now(),
				expires_at timestamptz not null
			);
			create index auth_sessions_user on auth_sessions (user_id);
			create table login_throttle (
				key text primary key,
				failures integer not null,
				window_start timestamptz not null
			)
		`
	},
	{
		version: 3,
		name: 'sync',
		sql: `
			create table sync_clock (id integer primary key check (id = 1), seq bigint not null);
			insert into sync_clock values (1, 0);
			create table sync_meta (
				id integer primary key check (id = 1),
				purged_through bigint not null default 0
			);
			insert into sync_meta values (1, 0);
			create table ops (
				op_id uuid primary key,
				body_hash text not null,
				kind text not null,
				entity_id text not null,
				user_id uuid not null,
				device_id uuid not null,
				status text not null check (status in ('applied', 'rejected', 'conflict')),
				reason text,
				details jsonb,
				body jsonb not null,
				received_at timestamptz not null default now()
			);
			create index ops_entity on ops (entity_id, received_at);
			create table changes (
				seq bigint primary key,
				entity text not null,
				entity_id text not null,
				data jsonb,
				deleted boolean not null default false,
				owner_id uuid,
				district_ids text[] not null default '{}',
				is_public boolean not null default false,
				changed_at timestamptz not null default now(),
				unique (entity, entity_id)
			);
			alter table places add column owner_id uuid;
			alter table places add column stamps jsonb not null default '{}';
			alter table places add column district_ids text[] not null default '{}';
			create table session_records (
				id uuid not null,
				version integer not null,
				place_id text not null,
				recorded_by uuid not null,
				held_on date not null,
				data jsonb not null,
				deleted boolean not null,
				created_at timestamptz not null default now(),
				primary key (id, version)
			);
			create index session_records_place on session_records (place_id);
			create index session_records_held_on on session_records (held_on);
			create table meetings (
				id uuid primary key,
				created_by uuid not null,
				stamps jsonb not null,
				data jsonb not null,
				district_ids text[] not null default '{}',
				updated_at timestamptz not null default now()
			);
			create table tallies (
				id uuid primary key,
				meeting_id uuid not null references meetings (id),
				device_id uuid not null,
				user_id uuid not null,
				version integer not null,
				data jsonb not null,
				updated_at timestamptz not null default now()
			);
			create index tallies_meeting on tallies (meeting_id);
			create table team_records (
				id uuid not null,
				version integer not null,
				recorded_by uuid not null,
				district_id text not null,
				data jsonb not null,
				deleted boolean not null,
				created_at timestamptz not null default now(),
				primary key (id, version)
			)
		`
	},
	{
		version: 4,
		name: 'indicators',
		sql: `
			-- When a place's counted fields changed, stamped with the HLC of the edit (the
			-- moment the person made it, offline or not): "active at fiscal-year end" is read
			-- from here. Every stamped value is kept, also one a newer edit superseded.
			create table place_events (
				place_id text not null,
				field text not null check (field in ('status', 'moderation', 'category', 'districtId')),
				at text not null,
				value text,
				primary key (place_id, field, at)
			);
			-- The latest version of each session, flagged, so a year's totals need no
			-- per-session "max(version)" over millions of rows.
			alter table session_records add column current boolean not null default true;
			alter table session_records add column hours numeric;
			update session_records s set current = (s.version = m.max_version)
			  from (select id, max(version) as max_version from session_records group by id) m
			  where s.id = m.id;
			update session_records set hours = (data->>'hours')::numeric where data->>'hours' is not null;
			create index session_records_current_held on session_records (held_on)
			  include (place_id, hours) where current and not deleted;
			-- Staff entries of yearly figures: every entry is kept, the latest stamp is the record.
			create table indicator_entries (
				id uuid primary key,
				plan_id text not null,
				indicator_number integer not null,
				fiscal_year integer not null,
				at text not null,
				recorded_by uuid not null,
				data jsonb not null,
				created_at timestamptz not null default now()
			);
			create index indicator_entries_key on indicator_entries (plan_id, indicator_number, fiscal_year, at)
		`
	},
	{
		version: 5,
		name: 'sync-audience-changes',
		sql: `
			-- Who lost sight of a change's entity (an audience element it had before and has
			-- not now), and the seq at which the last of them did: a reader with a cursor older
			-- than that, matching one of them and not the current audience, is sent a "gone".
			alter table changes add column lost_owner_ids uuid[] not null default '{}';
			alter table changes add column lost_district_ids text[] not null default '{}';
			alter table changes add column lost_public boolean not null default false;
			alter table changes add column lost_at bigint not null default 0
		`
	},
	{
		version: 6,
		name: 'indicator-evaluations',
		sql: `
			-- Staff evaluations of an indicator's year (成果, 課題, mark, direction, reason): every
			-- evaluation is kept, the latest stamp is the year's.
			create table indicator_evaluations (
				id uuid primary key,
				plan_id text not null,
				indicator_number integer not null,
				fiscal_year integer not null,
				at text not null,
				recorded_by uuid not null,
				data jsonb not null,
				created_at timestamptz not null default now()
			);
			create index indicator_evaluations_key on indicator_evaluations (plan_id, indicator_number, fiscal_year, at)
		`
	},
	{
		version: 7,
		name: 'indicator-history',
		sql: `
			-- The effective time of each history event beside its stamp (domain/sync/
			-- effective-stamp.ts: an edit pushed long after it was made takes effect at most
			-- MAX_OFFLINE_MS before it was received). Events recorded before this migration
			-- keep their stamp as their effective time.
			alter table place_events add column effective_at text;
			update place_events set effective_at = at;
			alter table place_events alter column effective_at set not null;
			-- Migration 4 started the history without one for the places that existed then,
			-- so a place edited since has some fields with history and others without. For
			-- each person-registered place and each field with no event at all, its current
			-- value is recorded: category and moderation since the registration (the
			-- earliest stamp of its fields, the place existed as it is since then as far as
			-- anything tells), status and district since their own stamp.
			insert into place_events (place_id, field, at, value, effective_at)
			select p.id, f.field, f.at, f.value, f.at
			from places p
			cross join lateral (
			  select min(s.value->>'at') as registered from jsonb_each(p.stamps) s
			) r
			cross join lateral (values
			  ('category', r.registered, p.data->'categories'->>0),
			  ('moderation', r.registered, p.moderation),
			  ('status', coalesce(p.stamps->'status'->>'at', r.registered), p.status),
			  ('districtId', coalesce(p.stamps->'districtId'->>'at', r.registered), p.district_ids[1])
			) as f(field, at, value)
			where r.registered is not null
			  and not exists (select 1 from place_events e where e.place_id = p.id and e.field = f.field)
			on conflict do nothing;
			-- Each team version's stamp (the op's HLC) and effective time: "teams standing at
			-- fiscal-year end" reads the versions made before it. Older rows take the stamp of
			-- the op that wrote them from the ledger, or their arrival time if it has none.
			alter table team_records add column at text;
			alter table team_records add column effective_at text;
			update team_records t set at = coalesce(
			  (select o.body->>'at' from ops o
			    where o.kind = 'team.record' and o.entity_id = t.id::text and o.status = 'applied'
			      and (o.body->>'version')::int = t.version
			    order by o.received_at limit 1),
			  lpad((floor(extract(epoch from t.created_at) * 1000))::bigint::text, 16, '0')
			    || '-0000-' || t.id::text);
			update team_records set effective_at = at;
			alter table team_records alter column at set not null;
			alter table team_records alter column effective_at set not null;
			-- Meetings and teams name their city's pack, so one city's figures never count
			-- another's records. Until now a deployment held one pack: existing rows are its.
			alter table meetings add column pack_id text;
			alter table team_records add column pack_id text;
			update meetings set pack_id = (select id from packs order by seeded_at, id limit 1);
			update team_records set pack_id = (select id from packs order by seeded_at, id limit 1);
			alter table meetings alter column pack_id set not null;
			alter table team_records alter column pack_id set not null;
			create index meetings_pack on meetings (pack_id);
			create index team_records_pack on team_records (pack_id)
		`
	},
	{
		version: 8,
		name: 'retryable-answers-not-final',
		sql: `
			-- A clock running ahead (or a server failure) says nothing about the op itself: such
			-- answers are no longer kept in the ledger, so a device that sends the op again gets
			-- it applied. Entries written before that would answer the resend with the old refusal.
			delete from ops where status = 'rejected' and reason in ('clock_ahead', 'server_error')
		`
	},
	{
		version: 9,
		name: 'login-brakes-by-email',
		sql: `
			-- The sign-in brakes now count an attempt before its password is checked, in one
			-- statement over login_throttle rows: 'addr:<address>' as before, and 'email:<email>'
			-- for the email typed, known or not, so an unknown email locks like a known one.
			-- The account's count and lock move there from users.
			alter table login_throttle add column locked_until timestamptz;
			insert into login_throttle (key, failures, window_start, locked_until)
				select 'email:' || email, failed_logins, now(), locked_until from users
				where failed_logins > 0 or locked_until is not null
				on conflict (key) do nothing;
			alter table users drop column failed_logins;
			alter table users drop column locked_until
		`
	},
	{
		version: 10,
		name: 'approved-place-review',
		sql: `
			-- What residents see of a place: the version last approved (domain/sync/place-review.ts).
			-- A material change by its owner waits for review in data and stamps while residents,
			-- open data and the public feed keep this one. Null while a place was never approved.
			-- published_fields is its stamped fields (people's places only).
			alter table places add column published jsonb;
			alter table places add column published_fields jsonb;
			update places set published = data,
			  published_fields = case when origin = 'user' then stamps end
			  where moderation = 'approved';
			create index places_pack_published on places (pack_id) where published is not null;
			-- The feed row as a reader outside the place's own audience (owner, districts, staff)
			-- sees it: the published version. Null where that is the row's data itself.
			alter table changes add column public_data jsonb
		`
	},
	{
		version: 11,
		name: 'cities-apart',
		sql: `
			-- Accounts belong to cities (pack ids, an admin may hold several). Until now a
			-- deployment held one pack, Tsurugashima's: existing accounts are that city's (the
			-- pack seeded first, or tsurugashima when none was seeded yet). Every account holds
			-- at least one city: a new one names its cities, there is no silent default.
			alter table users add column city_ids text[] not null default '{}';
			update users set city_ids = array[coalesce(
			  (select id from packs order by seeded_at, id limit 1), 'tsurugashima')];
			alter table users alter column city_ids drop default;
			alter table users add constraint users_city_ids_present check (cardinality(city_ids) >= 1);
			-- The feed row's city: a pull reads its reader's cities only, through (city, seq), so
			-- a small city's first page does not scan the other cities' rows. Each entity's city
			-- is the one its record already stores: a place's pack, a session's place's, a
			-- meeting's or team's pack, a tally's meeting's, a plan record's plan (= city).
			alter table changes add column city text;
			update changes c set city = p.pack_id from places p
			  where c.entity = 'place' and p.id = c.entity_id;
			update changes c set city = p.pack_id from session_records s join places p on p.id = s.place_id
			  where c.entity = 'session' and s.id::text = c.entity_id;
			update changes c set city = m.pack_id from meetings m
			  where c.entity = 'meeting' and m.id::text = c.entity_id;
			update changes c set city = m.pack_id from tallies t join meetings m on m.id = t.meeting_id
			  where c.entity = 'tally' and t.id::text = c.entity_id;
			update changes c set city = t.pack_id from team_records t
			  where c.entity = 'team' and t.id::text = c.entity_id;
			update changes set city = data->>'planId'
			  where entity in ('indicator', 'evaluation') and data->>'planId' is not null;
			-- Anything left (a row whose record is gone) was the one city's.
			update changes set city = coalesce(
			  (select id from packs order by seeded_at, id limit 1), 'tsurugashima') where city is null;
			alter table changes alter column city set not null;
			create index changes_city_seq on changes (city, seq)
		`
	}
];

/**
 * Key of the advisory lock migrations run under: an arbitrary constant no other code takes a lock
 * on. Two servers starting together against one PostgreSQL
 * would otherwise both create `schema_migrations` or both run the same migration, and one of
 * them would crash on "already exists".
 */
export const MIGRATION_LOCK_KEY = 0x1ba5_0041_6e47;

/**
 * Brings the schema up to date; returns the versions this call applied. Safe to run from
 * several processes at once: each migration runs in its own transaction holding a
 * transaction-level advisory lock, and checks again under the lock whether another process
 * has applied it meanwhile. (PGlite has advisory locks too, and only one connection.)
 */
export async function migrate(
	db: Database,
	/** Only for tests of one step: the migrations to bring the schema up to. */
	migrations: readonly Migration[] = MIGRATIONS
): Promise<number[]> {
	await db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
		await tx.query(`create table if not exists schema_migrations (
			version integer primary key,
			name text not null,
			applied_at timestamptz not null default now()
		)`);
	});
	const done = new Set(
		(await db.query<{ version: number }>('select version from schema_migrations')).map(
			(r) => r.version
		)
	);
	const applied: number[] = [];
	for (const m of migrations) {
		if (done.has(m.version)) continue;
		const ran = await db.transaction(async (tx) => {
			await tx.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
			const [already] = await tx.query('select 1 from schema_migrations where version = $1', [
				m.version
			]);
			if (already) return false;
			for (const statement of splitStatements(m.sql)) await tx.query(statement);
			await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
				m.version,
				m.name
			]);
			return true;
		});
		if (ran) applied.push(m.version);
	}
	return applied;
}

/** Our migrations hold no semicolons inside strings, comments or functions, so a plain split is exact. */
function splitStatements(sql: string): string[] {
	return sql
		.split(';')
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}
