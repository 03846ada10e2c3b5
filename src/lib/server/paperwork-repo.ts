/**
 * Every salon's fiscal year for the 社協 staff, from canonical rows: the sessions' current
 * versions (not deleted, held in the year), and each place with its category history so the
 * grant reads its kind at year end as the indicators do. What counts is decided in
 * domain/paperwork/salon-year.ts; only fetching here. Scoped to one city (pack).
 */
import { fiscalYearEnd, fiscalYearStart } from '#lib/domain/fiscal-year.js';
import type { PlaceEvent } from '#lib/domain/indicators/computations.js';
import type { GrantRules } from '#lib/domain/paperwork/grant-rules.js';
import {
	categoryAtYearEnd,
	salonYear,
	type SalonYearRow
} from '#lib/domain/paperwork/salon-year.js';
import type { ActivityKind } from '#lib/domain/model.js';
import { frequencyClass } from '#lib/domain/paperwork/survey.js';
import type { ScheduleRule, SessionRecord } from '#lib/domain/records.js';
import type { Queryable } from './db/database';

export type { SalonYearRow };

export async function loadSalonYears(
	db: Queryable,
	options: {
		packId: string;
		fiscalYear: number;
		today: string;
		rules: GrantRules | null;
		/** Kinds of place listed (default: salons and the kinds the grant counts). */
		categories?: readonly string[];
	}
): Promise<SalonYearRow[]> {
	const categories = [
		...new Set(options.categories ?? ['salon', ...(options.rules?.countedCategories ?? [])])
	];
	// Approved places (or with an approved version) that are, or were, of a listed kind.
	const places = await db.query<{
		id: string;
		name: string;
		status: string;
		moderation: string;
		category: string;
		district_ids: string[];
		events: PlaceEvent[] | null;
		schedule_rule: ScheduleRule | null;
		activity_kinds: ActivityKind[] | null;
		registered_members: Record<string, number> | null;
	}>(
		`select p.id, coalesce(p.published, p.data)->>'name' as name, p.status,
		   coalesce(p.published, p.data)->'scheduleRule' as schedule_rule,
		   coalesce(p.published, p.data)->'activityKinds' as activity_kinds,
		   p.data->'registeredMembers' as registered_members,
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
		   and (p.moderation = 'approved' or p.published is not null)
		   and (coalesce(p.published, p.data)->'categories'->>0 = any($2::text[])
		     or exists (select 1 from place_events e where e.place_id = p.id and e.field = 'category'
		                  and e.value = any($2::text[])))
		 order by name, p.id`,
		[options.packId, categories]
	);
	if (places.length === 0) return [];
	const sessions = await db.query<{ place_id: string; data: SessionRecord; deleted: boolean }>(
		`select place_id, data, deleted from session_records
		 where current and not deleted and held_on between $1::date and $2::date
		   and place_id = any($3::text[])`,
		[
			fiscalYearStart(options.fiscalYear),
			fiscalYearEnd(options.fiscalYear),
			places.map((p) => p.id)
		]
	);
	const byPlace = new Map<string, SessionRecord[]>();
	for (const s of sessions) {
		byPlace.set(s.place_id, [
			...(byPlace.get(s.place_id) ?? []),
			{ ...s.data, deleted: s.deleted }
		]);
	}
	return places.map((p) => {
		const category =
			categoryAtYearEnd(
				{
					id: p.id,
					current: {
						status: p.status,
						moderation: p.moderation,
						category: p.category,
						districtIds: p.district_ids
					},
					events: p.events ?? []
				},
				options.fiscalYear
			) ?? p.category;
		// No gaps here (no schedule rule): they are the organizer's to fill, on their device.
		const year = salonYear({
			fiscalYear: options.fiscalYear,
			today: options.today,
			category,
			scheduleRule: null,
			sessions: byPlace.get(p.id) ?? [],
			rules: options.rules
		});
		return {
			placeId: p.id,
			name: p.name,
			districtIds: p.district_ids,
			category,
			totals: year.totals,
			averages: year.averages,
			verdict: year.verdict,
			activityKinds: p.activity_kinds ?? [],
			frequency: frequencyClass(p.schedule_rule, year.sessions, year.countedThrough),
			registeredMembers: p.registered_members?.[String(options.fiscalYear)] ?? null
		};
	});
}
