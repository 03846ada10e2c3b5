/** place.upsert (register or edit, per-field LWW) and place.moderate (approve / send back). */
import { anyPolygonContains } from '$lib/domain/geo';
import { isPublicPlace, type Place } from '$lib/domain/model';
import {
	canChangeCategory,
	canCreatePlace,
	canEditPlace,
	canModeratePlace,
	canUseCategory
} from '$lib/domain/policy';
import { effectiveStamp } from '$lib/domain/sync/effective-stamp';
import { fieldValues, mergeFields, type StampedFields } from '$lib/domain/sync/merge-fields';
import { enforceContactConsent, placeView } from '$lib/domain/sync/place-fields';
import { REQUIRED_NEW_PLACE_FIELDS, type OpOf } from '$lib/domain/sync/protocol';
import type { ChangeRow } from './change-feed';
import { rejected, stampFields, type ApplyContext, type Outcome } from './apply-context';

interface PlaceRow {
	pack_id: string;
	origin: string;
	owner_id: string | null;
	moderation: Place['moderation'];
	stamps: StampedFields;
	district_ids: string[];
	data: Place;
}

/** The feed carries the stamped fields too: a device merges its pending edits over them. */
export function placeChange(place: Place, packId: string, fields: StampedFields): ChangeRow {
	return {
		entity: 'place',
		entityId: place.id,
		data: { ...place, packId, fields },
		deleted: false,
		ownerId: place.ownerId ?? null,
		districtIds: place.districtIds,
		isPublic: isPublicPlace(place)
	};
}

async function loadPlace(ctx: ApplyContext, id: string): Promise<PlaceRow | null> {
	const [row] = await ctx.tx.query<PlaceRow & Record<string, unknown>>(
		`select pack_id, origin, owner_id, moderation, stamps, district_ids, data
		 from places where id = $1 for update`,
		[id]
	);
	return row ?? null;
}

async function savePlace(ctx: ApplyContext, packId: string, place: Place, fields: StampedFields) {
	await ctx.tx.query(
		`insert into places (id, pack_id, origin, status, moderation, data, owner_id, stamps, district_ids)
		 values ($1, $2, 'user', $3, $4, $5, $6, $7, $8)
		 on conflict (id) do update set status = excluded.status, moderation = excluded.moderation,
		   data = excluded.data, stamps = excluded.stamps, district_ids = excluded.district_ids,
		   updated_at = now()`,
		[
			place.id,
			packId,
			place.status,
			place.moderation,
			JSON.stringify(place),
			place.ownerId ?? null,
			JSON.stringify(fields),
			place.districtIds
		]
	);
}

/** Fields whose history the indicators read (status at fiscal-year end and so on). */
const TRACKED_FIELDS = ['status', 'category', 'districtId'] as const;

/**
 * Keeps each stamped value of a tracked field, also one that lost to a newer edit: it was the
 * place's state from its own stamp until the newer one's. Beside the stamp goes the time it
 * takes effect in the history (effective-stamp.ts): an edit pushed months after it was made
 * cannot reach back into a year whose figures are settled.
 */
async function recordEvents(
	ctx: ApplyContext,
	placeId: string,
	at: string,
	events: { field: string; value: string | null }[]
): Promise<void> {
	if (events.length === 0) return;
	await ctx.tx.query(
		`insert into place_events (place_id, field, at, value, effective_at)
		 select $1, f, $2, v, $5 from unnest($3::text[], $4::text[]) as t(f, v)
		 on conflict do nothing`,
		[
			placeId,
			at,
			events.map((e) => e.field),
			events.map((e) => e.value),
			effectiveStamp(at, ctx.now)
		]
	);
}

const trackedEvents = (fields: Partial<Record<string, unknown>>) =>
	TRACKED_FIELDS.filter((f) => fields[f] !== undefined).map((f) => ({
		field: f,
		value: (fields[f] as string | null) ?? null
	}));

export async function applyPlaceUpsert(
	ctx: ApplyContext,
	op: OpOf<'place.upsert'>
): Promise<Outcome> {
	const row = await loadPlace(ctx, op.placeId);
	// A stored place keeps its city: its district and point are checked against that city's
	// pack, whatever pack the op names.
	const packId = row?.pack_id ?? op.packId;
	const loaded = ctx.packs.get(packId);
	if (!loaded) return rejected('not_found', { packId });
	const { districtId, point } = op.fields;
	if (districtId && !loaded.pack.districts.some((d) => d.id === districtId)) {
		return rejected('unknown_district', { districtId });
	}
	if (point && !anyPolygonContains(loaded.geometry.boundary, point)) {
		return rejected('outside_city', { point });
	}
	const incoming = stampFields(op.fields, op.at);

	if (!row) {
		if (!canCreatePlace(ctx.actor)) return rejected('forbidden');
		if (op.fields.category && !canUseCategory(ctx.actor, op.fields.category)) {
			return rejected('forbidden', { field: 'category' });
		}
		const missing = REQUIRED_NEW_PLACE_FIELDS.filter((f) => op.fields[f] == null);
		if (missing.length) return rejected('missing_fields', { fields: missing });
		const fields = enforceContactConsent(incoming);
		const draft = { ownerId: ctx.actor.userId, districtIds: [districtId!] };
		// A coordinator of the district (or staff) registering a place has approved it already.
		const moderation = canModeratePlace(ctx.actor, draft) ? 'approved' : 'pending';
		const place = placeView({
			id: op.placeId,
			ownerId: ctx.actor.userId,
			moderation,
			moderationNote: null,
			fields
		});
		await savePlace(ctx, op.packId, place, fields);
		await recordEvents(ctx, op.placeId, op.at, [
			...trackedEvents(op.fields),
			{ field: 'moderation', value: moderation }
		]);
		return { status: 'applied', changes: [placeChange(place, op.packId, fields)] };
	}

	if (row.origin !== 'user') return rejected('forbidden', { origin: row.origin });
	if (!canEditPlace(ctx.actor, { ownerId: row.owner_id, districtIds: row.district_ids })) {
		return rejected('forbidden');
	}
	const category = op.fields.category;
	const was = row.data.categories[0] ?? '';
	if (category && (!canChangeCategory(was, category) || !canUseCategory(ctx.actor, category))) {
		return rejected('forbidden', { field: 'category' });
	}
	const merge = mergeFields(row.stamps, incoming);
	const fields = enforceContactConsent(merge.merged);
	// Editing a registration that was sent back submits it again for approval.
	const moderation =
		row.moderation === 'returned' && merge.applied.length > 0 ? 'pending' : row.moderation;
	const place = placeView({
		id: op.placeId,
		ownerId: row.owner_id,
		moderation,
		moderationNote: moderation === 'returned' ? (row.data.moderationNote ?? null) : null,
		fields
	});
	await savePlace(ctx, row.pack_id, place, fields);
	await recordEvents(ctx, op.placeId, op.at, [
		...trackedEvents(op.fields),
		...(moderation !== row.moderation ? [{ field: 'moderation', value: moderation }] : [])
	]);
	const changes = [placeChange(place, row.pack_id, fields)];
	if (merge.superseded.length > 0) {
		// The person's edit lost to a newer one on these fields: say so, with what is kept.
		const kept = fieldValues(
			Object.fromEntries(merge.superseded.map((f) => [f, merge.merged[f]!]))
		);
		return {
			status: 'conflict',
			reason: 'field_superseded',
			details: { fields: merge.superseded, kept },
			changes
		};
	}
	return { status: 'applied', changes };
}

export async function applyPlaceModerate(
	ctx: ApplyContext,
	op: OpOf<'place.moderate'>
): Promise<Outcome> {
	const row = await loadPlace(ctx, op.placeId);
	if (!row || row.origin !== 'user') return rejected('not_found', { placeId: op.placeId });
	if (!canModeratePlace(ctx.actor, { ownerId: row.owner_id, districtIds: row.district_ids })) {
		return rejected('forbidden');
	}
	const place: Place = {
		...row.data,
		moderation: op.decision === 'approve' ? 'approved' : 'returned',
		moderationNote: op.decision === 'return' ? (op.reason ?? null) : null
	};
	await savePlace(ctx, row.pack_id, place, row.stamps);
	await recordEvents(ctx, op.placeId, op.at, [{ field: 'moderation', value: place.moderation }]);
	return { status: 'applied', changes: [placeChange(place, row.pack_id, row.stamps)] };
}
