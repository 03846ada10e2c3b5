/**
 * Count records. Sessions (apply-session-records.ts) and teams are append-only (a correction
 * is a new version; the highest version is the record); a tally (apply-tallies.ts) belongs to
 * one device, which alone replaces it with higher versions; a meeting's fields merge
 * last-writer-wins. Nothing here is ever a shared counter incremented remotely, so syncing
 * twice can never count twice.
 */
import { canManageMeeting, canRecordTeam, holdsCity } from '#lib/domain/policy.js';
import { fieldValues, mergeFields, type StampedFields } from '#lib/domain/sync/merge-fields.js';
import { effectiveStamp } from '#lib/domain/sync/effective-stamp.js';
import type { OpOf } from '#lib/domain/sync/protocol.js';
import { todayInJapan } from '#lib/domain/fiscal-year.js';
import type { Meeting, TeamRecord } from '#lib/domain/records.js';
import {
	knownDistrictIds,
	packOfDistricts,
	rejected,
	stampFields,
	withoutEnvelope,
	type ApplyContext,
	type Outcome
} from './apply-context';

interface MeetingRow {
	created_by: string;
	stamps: StampedFields;
	district_ids: string[];
	pack_id: string;
}

const meetingView = (id: string, fields: StampedFields): Meeting =>
	({
		meetingId: id,
		districtIds: [],
		closed: false,
		cancelled: false,
		...fieldValues(fields)
	}) as unknown as Meeting;

export async function applyMeetingUpsert(
	ctx: ApplyContext,
	op: OpOf<'meeting.upsert'>
): Promise<Outcome> {
	const known = knownDistrictIds(ctx.packs);
	const unknown = (op.fields.districtIds ?? []).filter((d) => !known.has(d));
	if (unknown.length) return rejected('unknown_district', { districtIds: unknown });
	const [row] = await ctx.tx.query<MeetingRow & Record<string, unknown>>(
		'select created_by, stamps, district_ids, pack_id from meetings where id = $1 for update',
		[op.meetingId]
	);
	// Another city's meeting is not this account's to change, whatever its role there.
	if (row && !holdsCity(ctx.actor, row.pack_id))
		return rejected('forbidden', { city: row.pack_id });
	const incoming = stampFields(op.fields, op.at);
	let fields: StampedFields;
	let superseded: string[] = [];
	if (!row) {
		const missing = (['meetingKind', 'date', 'venue', 'districtIds'] as const).filter(
			(f) => op.fields[f] === undefined
		);
		if (missing.length) return rejected('missing_fields', { fields: missing });
		if (!canManageMeeting(ctx.actor, op.fields.districtIds!)) return rejected('forbidden');
		fields = incoming;
	} else {
		// Changing a meeting needs rights over it as it is, and over any district it moves to.
		const movesTo = op.fields.districtIds;
		if (
			!canManageMeeting(ctx.actor, row.district_ids) ||
			(movesTo && !canManageMeeting(ctx.actor, movesTo))
		) {
			return rejected('forbidden');
		}
		const merge = mergeFields(row.stamps, incoming);
		fields = merge.merged;
		superseded = merge.superseded;
	}
	// The city the meeting belongs to (its indicators count it): fixed when it is created, from
	// the city the op names, else from its districts; a city-wide one is the acting account's.
	if (!row && op.packId && !ctx.packs.has(op.packId)) {
		return rejected('not_found', { packId: op.packId });
	}
	const districtIds = op.fields.districtIds ?? [];
	const packId =
		row?.pack_id ??
		op.packId ??
		packOfDistricts(ctx.packs, districtIds, ctx.actor) ??
		// A city-wide meeting from an account of several cities that names none (an app from
		// before meetings named their city): the default city, as before there were several.
		(districtIds.length === 0 && ctx.defaultPackId && holdsCity(ctx.actor, ctx.defaultPackId)
			? ctx.defaultPackId
			: null);
	if (!packId) return rejected('unknown_district', { districtIds: op.fields.districtIds ?? [] });
	if (!holdsCity(ctx.actor, packId)) return rejected('forbidden', { city: packId });
	if (
		op.fields.districtIds &&
		packOfDistricts(ctx.packs, op.fields.districtIds, { cityIds: [packId] }) !== packId
	) {
		const loaded = ctx.packs.get(packId);
		const foreign = op.fields.districtIds.filter(
			(d) => !loaded?.pack.districts.some((x) => x.id === d)
		);
		if (foreign.length) return rejected('unknown_district', { districtIds: foreign });
	}
	const meeting = meetingView(op.meetingId, fields);
	await ctx.tx.query(
		`insert into meetings (id, created_by, stamps, data, district_ids, pack_id)
		 values ($1, $2, $3, $4, $5, $6)
		 on conflict (id) do update set stamps = excluded.stamps, data = excluded.data,
		   district_ids = excluded.district_ids, updated_at = now()`,
		[
			op.meetingId,
			row?.created_by ?? ctx.actor.userId,
			JSON.stringify(fields),
			JSON.stringify(meeting),
			meeting.districtIds,
			packId
		]
	);
	const changes = [
		{
			entity: 'meeting' as const,
			entityId: op.meetingId,
			city: packId,
			// With its stamped fields: a device merges its pending edits over them.
			data: { ...meeting, fields },
			deleted: false,
			ownerId: row?.created_by ?? ctx.actor.userId,
			districtIds: meeting.districtIds,
			isPublic: false
		}
	];
	return superseded.length
		? { status: 'conflict', reason: 'field_superseded', details: { fields: superseded }, changes }
		: { status: 'applied', changes };
}

export async function applyTeamRecord(
	ctx: ApplyContext,
	op: OpOf<'team.record'>
): Promise<Outcome> {
	const packId = packOfDistricts(ctx.packs, [op.districtId], ctx.actor);
	if (!packId) return rejected('unknown_district', { districtId: op.districtId });
	if (!holdsCity(ctx.actor, packId)) return rejected('forbidden', { city: packId });
	if (!canRecordTeam(ctx.actor, op.districtId)) return rejected('forbidden');
	if (op.formedOn > todayInJapan(ctx.now)) return rejected('future_date', { date: op.formedOn });
	const stored = await ctx.tx.query<{ version: number; district_id: string; pack_id: string }>(
		'select version, district_id, pack_id from team_records where id = $1 order by version desc',
		[op.teamId]
	);
	// A team of another city keeps its city: not this account's, and never moved across.
	if (stored[0] && stored[0].pack_id !== packId) return rejected('forbidden');
	// A new version of a stored team needs the right over the district it is in, as well as
	// over the one the op names: otherwise a coordinator could move another district's team
	// into their own, or delete it.
	if (stored[0] && !canRecordTeam(ctx.actor, stored[0].district_id)) return rejected('forbidden');
	if (stored.some((r) => r.version === op.version))
		return {
			status: 'conflict',
			reason: 'version_exists',
			details: { version: op.version },
			changes: []
		};
	const record = withoutEnvelope(op) as TeamRecord;
	// Stamped and with its effective time (effective-stamp.ts): the count at a fiscal year's
	// end reads the versions made before it.
	await ctx.tx.query(
		`insert into team_records (id, version, recorded_by, district_id, data, deleted, at, effective_at, pack_id)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		[
			op.teamId,
			op.version,
			ctx.actor.userId,
			op.districtId,
			JSON.stringify(record),
			op.deleted,
			op.at,
			effectiveStamp(op.at, ctx.now),
			packId
		]
	);
	const [latest] = await ctx.tx.query<{ data: TeamRecord; deleted: boolean; district_id: string }>(
		'select data, deleted, district_id from team_records where id = $1 order by version desc limit 1',
		[op.teamId]
	);
	return {
		status: 'applied',
		changes: [
			{
				entity: 'team',
				entityId: op.teamId,
				city: packId,
				data: latest!.data,
				deleted: latest!.deleted,
				ownerId: ctx.actor.userId,
				districtIds: [latest!.district_id],
				isPublic: false
			}
		]
	};
}
