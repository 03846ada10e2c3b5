/**
 * The place registration form: what a person typed (a draft, kept as typed whatever happens)
 * and the rules that turn it into PlaceFields for the outbox. Same limits as the server.
 */
import { anyPolygonContains } from '../geo';
import { fiscalYearOf, todayInJapan } from '../fiscal-year';
import type { AccessibilityId, ActivityKind, AudienceId, LngLat, PolygonCoords } from '../model';
import { LIMITS, type ScheduleRule } from '../records';
import { canUseCategory, type Role } from '../policy';
import type { PlaceFields } from '../sync/protocol';
import type { FieldErrors, FormResult } from './field-errors';

export type PlaceCategoryChoice = PlaceFields['category'];

/**
 * The categories a person may pick (policy.ts: canUseCategory, canChangeCategory): a salon
 * organiser registers salons and gathering places; a coordinator or staff may also register
 * a ふれあいサービス activity, whose hours feed indicator No. 10. A place being edited keeps
 * to its side of that line.
 */
export function placeCategoryChoices(
	role: Role,
	current: PlaceCategoryChoice | null = null
): PlaceCategoryChoice[] {
	const places: PlaceCategoryChoice[] = ['salon', 'kids-salon', 'gathering'];
	if (current === 'fureai-service') return ['fureai-service'];
	if (current !== null) return places;
	return canUseCategory({ userId: '', role, districtIds: [] }, 'fureai-service')
		? [...places, 'fureai-service']
		: places;
}

export interface PlaceDraft {
	name: string;
	category: PlaceCategoryChoice;
	point: LngLat | null;
	/**
	 * '' until chosen or derived (from the point, or the address's town in a town-list city);
	 * stays '' in a city without districts.
	 */
	districtId: string;
	address: string;
	reading: string;
	scheduleKind: 'none' | 'weekly' | 'monthly';
	weekdays: number[];
	nths: number[];
	weekday: number;
	start: string;
	end: string;
	scheduleNote: string;
	/** Single scheduled dates marked off (休み), YYYY-MM-DD: see toggleOffDate. */
	offDates: string[];
	audience: AudienceId[];
	accessibility: AccessibilityId[];
	activityKinds: ActivityKind[];
	/** The fiscal year whose 登録者数 the form asks for (the year it is opened in). */
	membersYear: number;
	/** 登録者数 of membersYear as typed ('' when not stated). */
	members: string;
	/** Every year stated before, kept as it was. */
	membersByYear: Record<string, number>;
	fee: string;
	contact: string;
	contactConsent: boolean;
	status: PlaceFields['status'];
}

export type PlaceDraftField = keyof PlaceDraft;

export const emptyPlaceDraft = (today: string = todayInJapan()): PlaceDraft => ({
	name: '',
	category: 'salon',
	point: null,
	districtId: '',
	address: '',
	reading: '',
	scheduleKind: 'monthly',
	weekdays: [],
	nths: [],
	weekday: 2,
	start: '10:00',
	end: '12:00',
	scheduleNote: '',
	offDates: [],
	audience: [],
	accessibility: [],
	activityKinds: [],
	membersYear: fiscalYearOf(today),
	members: '',
	membersByYear: {},
	fee: '',
	contact: '',
	contactConsent: false,
	status: 'active'
});

export function draftFromFields(
	f: Partial<PlaceFields>,
	today: string = todayInJapan()
): PlaceDraft {
	const base = emptyPlaceDraft(today);
	const members = f.registeredMembers?.[String(base.membersYear)];
	const rule = f.scheduleRule ?? null;
	return {
		...base,
		name: f.name ?? '',
		category: f.category ?? 'salon',
		point: f.point ?? null,
		districtId: f.districtId ?? '',
		address: f.address ?? '',
		reading: f.reading ?? '',
		scheduleKind: rule ? rule.kind : 'none',
		weekdays: rule?.kind === 'weekly' ? rule.weekdays : [],
		nths: rule?.kind === 'monthly' ? rule.nths : [],
		weekday: rule?.kind === 'monthly' ? rule.weekday : base.weekday,
		start: rule?.start ?? base.start,
		end: rule?.end ?? base.end,
		scheduleNote: f.scheduleNote ?? '',
		offDates: f.offDates ?? [],
		audience: f.audience ?? [],
		accessibility: f.accessibility ?? [],
		activityKinds: f.activityKinds ?? [],
		members: members === undefined ? '' : String(members),
		membersByYear: f.registeredMembers ?? {},
		fee: f.fee ?? '',
		contact: f.contact ?? '',
		contactConsent: f.contactConsent ?? false,
		status: f.status ?? 'active'
	};
}

const optional = (s: string) => (s.trim() === '' ? null : s.trim());

export function scheduleFromDraft(d: PlaceDraft): ScheduleRule | null {
	if (d.scheduleKind === 'weekly')
		return { kind: 'weekly', weekdays: [...d.weekdays].sort(), start: d.start, end: d.end };
	if (d.scheduleKind === 'monthly') {
		return {
			kind: 'monthly',
			nths: [...d.nths].sort(),
			weekday: d.weekday,
			start: d.start,
			end: d.end
		};
	}
	return null;
}

/** The years stated before, with this year's as typed (left out when blank). */
function membersByYear(d: PlaceDraft): Record<string, number> {
	const out = { ...d.membersByYear };
	const year = String(d.membersYear);
	if (d.members.trim() === '') delete out[year];
	else out[year] = Number(d.members.trim());
	return out;
}

export function validatePlaceDraft(
	d: PlaceDraft,
	/**
	 * boundary null: the outlines are not loaded yet; the server checks the point anyway.
	 * districtIds empty: the city has no districts, so none is asked for (city-wide).
	 */
	city: { boundary: PolygonCoords[] | null; districtIds: readonly string[] }
): FormResult<PlaceFields, PlaceDraftField> {
	const errors: FieldErrors<PlaceDraftField> = {};
	if (d.name.trim() === '') errors.name = { key: 'error.required' };
	else if (d.name.trim().length > LIMITS.text)
		errors.name = { key: 'error.tooLong', params: { max: LIMITS.text } };
	if (d.point && city.boundary && !anyPolygonContains(city.boundary, d.point)) {
		errors.point = { key: 'error.outsideCity' };
	}
	if (city.districtIds.length > 0 && !city.districtIds.includes(d.districtId)) {
		errors.districtId = { key: 'error.required' };
	}
	for (const f of ['reading', 'address', 'scheduleNote', 'fee', 'contact'] as const) {
		if (d[f].trim().length > LIMITS.text)
			errors[f] = { key: 'error.tooLong', params: { max: LIMITS.text } };
	}
	if (d.scheduleKind === 'weekly' && d.weekdays.length === 0)
		errors.weekdays = { key: 'error.chooseOne' };
	if (d.scheduleKind === 'monthly' && d.nths.length === 0) errors.nths = { key: 'error.chooseOne' };
	if (d.scheduleKind !== 'none' && d.end <= d.start) errors.end = { key: 'error.endBeforeStart' };
	const members = d.members.trim();
	if (members !== '' && !/^\d+$/.test(members)) errors.members = { key: 'error.notANumber' };
	else if (Number(members) > LIMITS.registeredMembers) {
		errors.members = { key: 'error.tooMany', params: { max: LIMITS.registeredMembers } };
	}
	if (d.contact.trim() !== '' && !d.contactConsent)
		errors.contactConsent = { key: 'form.contactNeedsConsent' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			name: d.name.trim(),
			reading: optional(d.reading),
			category: d.category,
			point: d.point,
			districtId: city.districtIds.length > 0 ? d.districtId : null,
			address: optional(d.address),
			scheduleRule: scheduleFromDraft(d),
			scheduleNote: optional(d.scheduleNote),
			// Without a rule there is no scheduled date to be off.
			offDates: d.scheduleKind === 'none' ? [] : (d.offDates ?? []),
			audience: d.audience,
			accessibility: d.accessibility,
			activityKinds: d.activityKinds,
			registeredMembers: membersByYear(d),
			fee: optional(d.fee),
			contact: d.contactConsent ? optional(d.contact) : null,
			contactConsent: d.contactConsent,
			status: d.status
		}
	};
}
