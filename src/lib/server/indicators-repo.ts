/**
 * The rows the computed indicators are built from, for one fiscal year. Only fetching and
 * aggregating here: what counts is decided in domain/indicators/computations.ts.
 *
 * The one heavy table is session_records (millions of rows over the years): it is summed per
 * place in SQL over the partial index of current versions, so the year's sessions never
 * travel to Node. Places, meetings and teams are hundreds to a few thousand rows.
 *
 * Every query is scoped to the plan's city (its pack): places and meetings by their pack_id,
 * sessions through their place's, teams by theirs. One city's figures never count another's.
 */
import { fiscalYearEnd, fiscalYearStart } from '#lib/domain/fiscal-year.js';
import {
	COUNTED_CATEGORIES,
	type ComputeInput,
	type MeetingFacts,
	type PlaceEvent,
	type PlaceFacts,
	type SessionAggregate,
	type TeamFacts
} from '#lib/domain/indicators/computations.js';
import type { IndicatorEntry } from '#lib/domain/indicators/entries.js';
import type { Meeting, Tally } from '#lib/domain/records.js';
import type { Queryable } from './db/database';

export async function loadComputeInput(
	db: Queryable,
	options: { packId: string; fiscalYear: number; districtIds: string[]; today: string }
): Promise<ComputeInput> {
	const start = fiscalYearStart(options.fiscalYear);
	const end = fiscalYearEnd(options.fiscalYear);
	const [places, sessions, meetings, teams] = await Promise.all([
		loadPlaces(db, options.packId),
		loadSessionAggregates(db, options.packId, start, end),
		loadMeetings(db, options.packId, start, end),
		loadTeams(db, options.packId)
	]);
	return {
		fiscalYear: options.fiscalYear,
		today: options.today,
		districtIds: options.districtIds,
		places,
		sessions,
		meetings,
		teams
	};
}

async function loadPlaces(db: Queryable, packId: string): Promise<PlaceFacts[]> {
	// A place counts if it is, or ever was, in a counted category (the first is its own).
	const rows = await db.query<{
		id: string;
		status: string;
		moderation: string;
		category: string;
		district_ids: string[];
		events: PlaceEvent[] | null;
	}>(
		// A place's current state is its published one when it has one: a change under review
		// (place-review.ts) is not yet the place's category or district, and the place stays
		// approved meanwhile.
		`select p.id, p.status,
		   case when p.published is not null then 'approved' else p.moderation end as moderation,
		   coalesce(p.published, p.data)->'categories'->>0 as category,
		   case when p.published is not null
		     then array(select jsonb_array_elements_text(p.published->'districtIds'))
		     else p.district_ids end as district_ids,
		   (select json_agg(json_build_object('field', e.field, 'at', e.at,
		                                      'effectiveAt', e.effective_at, 'value', e.value))
		      from place_events e where e.place_id = p.id) as events
		 from places p
		 where p.pack_id = $1
		   and (p.data->'categories'->>0 = any($2::text[])
		     or p.published->'categories'->>0 = any($2::text[])
		     or exists (select 1 from place_events e where e.place_id = p.id and e.field = 'category'
		                  and e.value = any($2::text[])))`,
		[packId, COUNTED_CATEGORIES]
	);
	return rows.map((r) => ({
		id: r.id,
		current: {
			status: r.status,
			moderation: r.moderation,
			category: r.category,
			districtIds: r.district_ids
		},
		events: r.events ?? []
	}));
}

async function loadSessionAggregates(
	db: Queryable,
	packId: string,
	start: string,
	end: string
): Promise<SessionAggregate[]> {
	// Summed per place first (the index-only scan of current versions), then joined to the
	// few thousand places to keep the city's.
	const rows = await db.query<{ place_id: string; sessions: number; hours: number | string }>(
		`select a.place_id, a.sessions, a.hours
		 from (select place_id, count(*)::int as sessions, coalesce(sum(hours), 0)::float8 as hours
		       from session_records
		       where current and not deleted and held_on between $1::date and $2::date
		       group by place_id) a
		 join places p on p.id = a.place_id
		 where p.pack_id = $3`,
		[start, end, packId]
	);
	return rows.map((r) => ({ placeId: r.place_id, sessions: r.sessions, hours: Number(r.hours) }));
}

async function loadMeetings(
	db: Queryable,
	packId: string,
	start: string,
	end: string
): Promise<MeetingFacts[]> {
	const rows = await db.query<{ id: string; data: Meeting; tallies: Tally[] | null }>(
		`select m.id, m.data,
		   (select json_agg(t.data) from tallies t where t.meeting_id = m.id) as tallies
		 from meetings m
		 where m.pack_id = $3 and m.data->>'date' between $1 and $2`,
		[start, end, packId]
	);
	return rows.map((r) => ({
		id: r.id,
		kind: r.data.meetingKind,
		date: r.data.date,
		districtIds: r.data.districtIds ?? [],
		cancelled: r.data.cancelled === true,
		tallies: (r.tallies ?? []).map((t) => ({ counts: t.counts, organisations: t.organisations }))
	}));
}

/** Every version of the city's teams: which one stood at a year's end is the domain's call. */
async function loadTeams(db: Queryable, packId: string): Promise<TeamFacts[]> {
	const rows = await db.query<{
		id: string;
		version: number;
		district_id: string;
		formed_on: string;
		deleted: boolean;
		at: string;
		effective_at: string;
	}>(
		`select id, version, district_id, data->>'formedOn' as formed_on, deleted, at, effective_at
		 from team_records where pack_id = $1 order by id, version`,
		[packId]
	);
	const teams = new Map<string, TeamFacts>();
	for (const r of rows) {
		let team = teams.get(r.id);
		if (!team) teams.set(r.id, (team = { id: r.id, versions: [] }));
		team.versions.push({
			version: r.version,
			districtId: r.district_id,
			formedOn: r.formed_on,
			deleted: r.deleted,
			at: r.at,
			effectiveAt: r.effective_at
		});
	}
	return [...teams.values()];
}

/** A plan's staff entries that stand as records: the latest of each indicator and year. */
export async function loadLatestEntries(db: Queryable, planId: string): Promise<IndicatorEntry[]> {
	const rows = await db.query<{ data: IndicatorEntry }>(
		`select distinct on (indicator_number, fiscal_year) data from indicator_entries
		 where plan_id = $1 order by indicator_number, fiscal_year, at desc`,
		[planId]
	);
	return rows.map((r) => r.data);
}

/** Every entry of one indicator and year, newest first: its history (who, when, what). */
export async function loadEntryHistory(
	db: Queryable,
	planId: string,
	indicatorNumber: number,
	fiscalYear: number
): Promise<IndicatorEntry[]> {
	const rows = await db.query<{ data: IndicatorEntry }>(
		`select data from indicator_entries
		 where plan_id = $1 and indicator_number = $2 and fiscal_year = $3 order by at desc`,
		[planId, indicatorNumber, fiscalYear]
	);
	return rows.map((r) => r.data);
}
