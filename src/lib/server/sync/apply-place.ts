/**
 * place.upsert (register or edit, per-field LWW) and place.moderate (approve / send back).
 * A place residents already see keeps its published version (the last approved one) beside its
 * working fields; which edits wait for review is domain/sync/place-review.ts's rule.
 */
import { anyPolygonContains } from '#lib/domain/geo.js';
import { hasDistricts, isPublicPlace, publicPlaceView, type Place } from '#lib/domain/model.js';
import {
	canChangeCategory,
	canCreatePlace,
	canEditPlace,
	canModeratePlace,
	canUseCategory,
	holdsCity
} from '#lib/domain/policy.js';
import { effectiveStamp } from '#lib/domain/sync/effective-stamp.js';
import { fieldValues, mergeFields, type StampedFields } from '#lib/domain/sync/merge-fields.js';
import { enforceContactConsent, placeView } from '#lib/domain/sync/place-fields.js';
import {
	afterEdit,
	afterModeration,
	mayApproveEdit,
	type ReviewState
} from '#lib/domain/sync/place-review.js';
import { REQUIRED_NEW_PLACE_FIELDS, type OpOf } from '#lib/domain/sync/protocol.js';
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
	published_fields: StampedFields | null;
}

/** The version residents see, from its stamped fields (null: never approved). */
const publishedPlace = (place: Place, published: StampedFields | null): Place | null =>
	published &&
	placeView({
		id: place.id,
		ownerId: place.ownerId ?? null,
		moderation: 'approved',
		moderationNote: null,
		fields: published
	});

/**
 * The feed carries the stamped fields too: a device merges its pending edits over them. The
 * place's own audience (owner, its districts' coordinators, staff) gets the working version
 * with the published fields beside it; everyone else signed in gets the published version
 * (public_data), so a change under review reaches no one outside that audience.
 */
export function placeChange(
	place: Place,
	packId: string,
	fields: StampedFields,
	published: StampedFields | null = null
): ChangeRow {
	const shown = publishedPlace(place, published);
	return {
		entity: 'place',
		entityId: place.id,
		city: packId,
		data: { ...place, packId, fields, publishedFields: published },
		publicData: shown && { ...publicPlaceView(shown), packId, fields: published },
		deleted: false,
		ownerId: place.ownerId ?? null,
		districtIds: place.districtIds,
		isPublic: shown !== null && isPublicPlace(shown)
	};
}

async function loadPlace(ctx: ApplyContext, id: string): Promise<PlaceRow | null> {
	const [row] = await ctx.tx.query<PlaceRow & Record<string, unknown>>(
		`select pack_id, origin, owner_id, moderation, stamps, district_ids, data, published_fields
		 from places where id = $1 for update`,
		[id]
	);
	return row ?? null;
}

async function savePlace(
	ctx: ApplyContext,
	packId: string,
	place: Place,
	fields: StampedFields,
	published: StampedFields | null
) {
	const shown = publishedPlace(place, published);
	await ctx.tx.query(
		`insert into places (id, pack_id, origin, status, moderation, data, owner_id, stamps,
		   district_ids, published, published_fields)
		 values ($1, $2, 'user', $3, $4, $5, $6, $7, $8, $9, $10)
		 on conflict (id) do update set status = excluded.status, moderation = excluded.moderation,
		   data = excluded.data, stamps = excluded.stamps, district_ids = excluded.district_ids,
		   published = excluded.published, published_fields = excluded.published_fields,
		   updated_at = now()`,
		[
			place.id,
			packId,
			place.status,
			place.moderation,
			JSON.stringify(place),
			place.ownerId ?? null,
			JSON.stringify(fields),
			place.districtIds,
			shown && JSON.stringify(shown),
			published && JSON.stringify(published)
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
	events: { field: string; value: string | null; at?: string }[]
): Promise<void> {
	if (events.length === 0) return;
	const stamps = events.map((e) => e.at ?? at);
	await ctx.tx.query(
		`insert into place_events (place_id, field, at, value, effective_at)
		 select $1, f, a, v, e from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as t(f, a, v, e)
		 on conflict do nothing`,
		[
			placeId,
			events.map((e) => e.field),
			stamps,
			events.map((e) => e.value),
			stamps.map((s) => effectiveStamp(s, ctx.now))
		]
	);
}

const trackedEvents = (fields: Partial<Record<string, unknown>>) =>
	TRACKED_FIELDS.filter((f) => fields[f] !== undefined).map((f) => ({
		field: f,
		value: (fields[f] as string | null) ?? null
	}));

/**
 * History of a published place: its status is live, so every stamped status is kept as
 * before; its category and district count from the edit that set them, but only once that
 * edit is published (a move under review is not yet the place's district), and its moderation
 * stays 'approved' throughout — residents see it all along.
 */
function publishedEvents(
	opFields: Partial<Record<string, unknown>>,
	before: StampedFields | null,
	after: StampedFields | null
) {
	const moved = (['category', 'districtId'] as const)
		.filter((f) => after?.[f] && after[f].at !== before?.[f]?.at)
		.map((f) => ({
			field: f,
			value: (after![f]!.value as string | null) ?? null,
			at: after![f]!.at
		}));
	return [...trackedEvents(opFields).filter((e) => e.field === 'status'), ...moved];
}

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
	// Another city's place, or a registration in another city: not this account's to touch.
	if (!holdsCity(ctx.actor, packId)) return rejected('forbidden', { city: packId });
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
		// A city without districts asks for none: its places are city-wide.
		const missing = REQUIRED_NEW_PLACE_FIELDS.filter(
			(f) => op.fields[f] == null && (f !== 'districtId' || hasDistricts(loaded.pack))
		);
		if (missing.length) return rejected('missing_fields', { fields: missing });
		const fields = enforceContactConsent(incoming);
		const draft = { ownerId: ctx.actor.userId, districtIds: districtId ? [districtId] : [] };
		// A coordinator of the district (or staff) registering a place has approved it already.
		const moderation = canModeratePlace(ctx.actor, draft) ? 'approved' : 'pending';
		const place = placeView({
			id: op.placeId,
			ownerId: ctx.actor.userId,
			moderation,
			moderationNote: null,
			fields
		});
		const published = moderation === 'approved' ? fields : null;
		await savePlace(ctx, op.packId, place, fields, published);
		await recordEvents(ctx, op.placeId, op.at, [
			...trackedEvents(op.fields),
			{ field: 'moderation', value: moderation }
		]);
		return { status: 'applied', changes: [placeChange(place, op.packId, fields, published)] };
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
	const before: ReviewState = { moderation: row.moderation, publishedFields: row.published_fields };
	const mayApprove = mayApproveEdit(ctx.actor, row.owner_id, fields);
	const review = afterEdit(before, fields, merge.applied, mayApprove);
	const { moderation } = review;
	const place = placeView({
		id: op.placeId,
		ownerId: row.owner_id,
		moderation,
		moderationNote: moderation === 'returned' ? (row.data.moderationNote ?? null) : null,
		fields
	});
	await savePlace(ctx, row.pack_id, place, fields, review.publishedFields);
	await recordEvents(
		ctx,
		op.placeId,
		op.at,
		before.publishedFields
			? publishedEvents(op.fields, before.publishedFields, review.publishedFields)
			: [
					...trackedEvents(op.fields),
					...(moderation !== row.moderation ? [{ field: 'moderation', value: moderation }] : [])
				]
	);
	const changes = [placeChange(place, row.pack_id, fields, review.publishedFields)];
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
	if (!holdsCity(ctx.actor, row.pack_id)) return rejected('forbidden', { city: row.pack_id });
	if (!canModeratePlace(ctx.actor, { ownerId: row.owner_id, districtIds: row.district_ids })) {
		return rejected('forbidden');
	}
	const before: ReviewState = { moderation: row.moderation, publishedFields: row.published_fields };
	const review = afterModeration(before, row.stamps, op.decision);
	const place: Place = {
		...row.data,
		moderation: review.moderation,
		moderationNote: op.decision === 'return' ? (op.reason ?? null) : null
	};
	await savePlace(ctx, row.pack_id, place, row.stamps, review.publishedFields);
	// A published place stays published whatever the decision: only what it publishes moves.
	await recordEvents(
		ctx,
		op.placeId,
		op.at,
		before.publishedFields
			? publishedEvents({}, before.publishedFields, review.publishedFields)
			: [{ field: 'moderation', value: place.moderation }]
	);
	return {
		status: 'applied',
		changes: [placeChange(place, row.pack_id, row.stamps, review.publishedFields)]
	};
}
