/**
 * Review of changes to a place residents already see. A place people registered has two
 * versions: its working fields (what its owner last wrote, merged per field by clock) and its
 * published fields (what residents see: the version a coordinator last approved). This module
 * owns the rule that keeps them apart; the server applies it to every op and the device runs
 * the same functions to show an edit as it will stand after sync, offline too.
 *
 * Material fields are the ones that decide which place a resident walks to, and where: name
 * (and its ふりがな, shown with it and searched), category, point, school district and address. A change to any of them (a pin moved within
 * the same district too: the marker is where elderly residents go, and a wrong pin misleads as
 * much as a wrong address) waits for a coordinator of the place's district as it will be after
 * the change; residents keep the last approved values meanwhile. The other fields stay live:
 * schedule and fee must reach residents at once (a session moved to next week cannot wait for
 * a review), a withdrawn contact consent must take the contact down at once, and status
 * (pause, close) only ever narrows what residents are told. All text is shown escaped, so a
 * live note carries no markup risk.
 */
import type { ModerationState } from '../model';
import { canModeratePlace, type Actor } from '../policy';
import type { PlaceFields } from './protocol';
import type { StampedFields } from './merge-fields';

export const MATERIAL_PLACE_FIELDS = [
	'name',
	'reading',
	'category',
	'point',
	'districtId',
	'address'
] as const satisfies readonly (keyof PlaceFields)[];

export const isMaterialField = (field: string): boolean =>
	(MATERIAL_PLACE_FIELDS as readonly string[]).includes(field);

const materialValues = (fields: StampedFields) =>
	JSON.stringify(MATERIAL_PLACE_FIELDS.map((f) => fields[f]?.value ?? null));

/** Whether two versions differ in what residents would be sent to. */
export const materialDiffers = (a: StampedFields, b: StampedFields): boolean =>
	materialValues(a) !== materialValues(b);

/** The working fields with the material ones as last approved: what residents see. */
export function withApprovedMaterial(
	working: StampedFields,
	published: StampedFields
): StampedFields {
	const out: StampedFields = { ...working };
	for (const f of MATERIAL_PLACE_FIELDS) {
		if (published[f]) out[f] = published[f];
		else delete out[f];
	}
	return out;
}

/**
 * Whether `actor` may approve the place as it stands with `merged` fields: a coordinator of
 * its district after the edit (moving a salon out of one's districts hands it to the new
 * district's coordinators), or staff. An unknown actor (a device that has not said) may not.
 */
export function mayApproveEdit(
	actor: Actor | null | undefined,
	ownerId: string | null,
	merged: StampedFields
): boolean {
	const districtId = merged.districtId?.value;
	const districtIds = typeof districtId === 'string' ? [districtId] : [];
	return !!actor && canModeratePlace(actor, { ownerId, districtIds });
}

export interface ReviewState {
	/** The working version's state: 'pending' on a published place is a change under review. */
	moderation: ModerationState;
	/** The version residents see; null while the place was never approved. */
	publishedFields: StampedFields | null;
}

/**
 * The state after an edit. `merged` is the working fields after it, `applied` the fields it
 * changed, `mayApprove` whether its author may approve the place as it now stands (a
 * coordinator of its new district, or staff): their change is published at once, as their
 * registrations are approved at once. Anyone else's material change waits for review.
 * A change reverted to the approved values needs no review any more.
 */
export function afterEdit(
	before: ReviewState,
	merged: StampedFields,
	applied: readonly string[],
	mayApprove: boolean
): ReviewState {
	const resubmits = before.moderation === 'returned' && applied.length > 0;
	if (!before.publishedFields) {
		// A registration not yet approved: editing one that was sent back submits it again.
		return { moderation: resubmits ? 'pending' : before.moderation, publishedFields: null };
	}
	const changesMaterial = applied.some(isMaterialField);
	if (!materialDiffers(merged, before.publishedFields) || (changesMaterial && mayApprove)) {
		return { moderation: 'approved', publishedFields: merged };
	}
	return {
		moderation: changesMaterial || resubmits ? 'pending' : before.moderation,
		publishedFields: withApprovedMaterial(merged, before.publishedFields)
	};
}

/**
 * A coordinator's decision. Approving publishes the working version; sending back keeps the
 * last approved version public (a place is never taken off the list by a refused change).
 */
export function afterModeration(
	before: ReviewState,
	working: StampedFields,
	decision: 'approve' | 'return'
): ReviewState {
	return decision === 'approve'
		? { moderation: 'approved', publishedFields: working }
		: { moderation: 'returned', publishedFields: before.publishedFields };
}

/** Whether a place residents already see has a change waiting (or sent back). */
export const hasUnpublishedChange = (state: ReviewState): boolean =>
	state.publishedFields !== null && state.moderation !== 'approved';

/** The label a work screen shows for a place's review state (catalog key `moderation.<it>`). */
export function reviewLabel(
	state: ReviewState
): ModerationState | 'changePending' | 'changeReturned' {
	if (!hasUnpublishedChange(state)) return state.moderation;
	return state.moderation === 'pending' ? 'changePending' : 'changeReturned';
}
