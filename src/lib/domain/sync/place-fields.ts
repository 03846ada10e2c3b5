/**
 * A person-registered place is a set of stamped fields (merged last-writer-wins); residents
 * and lists see the Place view computed from them. The same function runs on the server and
 * on the device, so an edit shows locally exactly as it will after sync.
 */
import type { Place } from '../model';
import type { PlaceFields } from './protocol';
import type { StampedFields } from './merge-fields';
import { fieldValues } from './merge-fields';
import { describeSchedule } from '../schedule';

export interface PlaceState {
	id: string;
	ownerId: string | null;
	moderation: Place['moderation'];
	moderationNote: string | null;
	fields: StampedFields;
}

/** Contact details are kept only with the owner's consent: without it they are dropped. */
export function enforceContactConsent(fields: StampedFields): StampedFields {
	const consent = fields.contactConsent?.value === true;
	if (consent || !fields.contact || fields.contact.value === null) return fields;
	return { ...fields, contact: { value: null, at: fields.contact.at } };
}

export function placeView(state: PlaceState): Place {
	const f = fieldValues(state.fields) as Partial<PlaceFields>;
	const stamps = Object.fromEntries(Object.entries(state.fields).map(([k, v]) => [k, v.at]));
	return {
		id: state.id,
		categories: [f.category ?? 'gathering'],
		name: f.name ?? '',
		reading: f.reading ?? null,
		point: f.point ?? null,
		districtIds: f.districtId ? [f.districtId] : [],
		districtSource: f.districtId ? (f.point ? 'point' : 'manual') : 'unknown',
		address: f.address ?? null,
		areaText: null,
		scheduleText: f.scheduleRule
			? describeSchedule(f.scheduleRule, f.scheduleNote ?? null)
			: (f.scheduleNote ?? null),
		scheduleRule: f.scheduleRule ?? null,
		offDates: f.offDates ?? [],
		audience: f.audience ?? [],
		accessibility: f.accessibility ?? [],
		activityKinds: f.activityKinds ?? [],
		registeredMembers: f.registeredMembers ?? {},
		fee: f.fee ?? null,
		contact: f.contactConsent ? (f.contact ?? null) : null,
		shelter: null,
		notes: [],
		status: f.status ?? 'active',
		moderation: state.moderation,
		moderationNote: state.moderationNote,
		origin: 'user',
		sourceId: null,
		ownerId: state.ownerId,
		stamps
	};
}
