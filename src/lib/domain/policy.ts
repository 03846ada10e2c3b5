/**
 * Who may do what, as pure functions the server applies to every op and the UI uses to show
 * only possible actions. Residents are anonymous and read-only: they never reach these.
 */

export const ROLES = ['organizer', 'coordinator', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (v: unknown): v is Role => ROLES.includes(v as Role);

export interface Actor {
	userId: string;
	role: Role;
	/** A coordinator's assigned school districts. */
	districtIds: string[];
}

export interface OwnedThing {
	ownerId: string | null;
	districtIds: string[];
}

/**
 * The cities (pack ids) an account belongs to; an admin may hold several. Every right below is
 * a right within these cities only: the server checks `holdsCity` against the record's own
 * city before any other rule, so a staff member of one city is nobody in another.
 */
export interface CityScope {
	cityIds: readonly string[];
}

export const holdsCity = (actor: CityScope, cityId: string): boolean =>
	actor.cityIds.includes(cityId);

const isStaff = (a: Actor) => a.role === 'staff' || a.role === 'admin';
const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/**
 * Creating a place: any signed-in role (organizers register their own salons; coordinators
 * and staff register on someone's behalf). It stays pending until a coordinator approves it.
 */
export const canCreatePlace = (_actor: Actor): boolean => true;

/**
 * Registering a place of a category. ふれあいサービス (the 社会福祉協議会's mutual help, whose
 * hours feed indicator No. 10) is registered by a coordinator or staff, never by a salon
 * organiser: its hours are the 社協's record, not a salon's.
 */
export const canUseCategory = (actor: Actor, category: string): boolean =>
	category !== 'fureai-service' || actor.role !== 'organizer';

/**
 * Whether a place's category may change from one to the other. A ふれあいサービス record stays
 * one and nothing becomes one: its logged hours count toward No. 10 and a salon's never do,
 * so moving a place across that line would move its whole history in or out of the figure.
 */
export const canChangeCategory = (from: string, to: string): boolean =>
	from === to || (from !== 'fureai-service' && to !== 'fureai-service');

/** Editing, pausing or closing a place: its owner, or staff. */
export const canEditPlace = (actor: Actor, place: OwnedThing): boolean =>
	isStaff(actor) || (place.ownerId !== null && place.ownerId === actor.userId);

/** Approving or sending back a registration: a coordinator of its district, or staff. */
export const canModeratePlace = (actor: Actor, place: OwnedThing): boolean =>
	isStaff(actor) ||
	(actor.role === 'coordinator' && overlaps(actor.districtIds, place.districtIds));

/** Logging a session: the place's owner, or staff. */
export const canRecordSession = (actor: Actor, place: OwnedThing): boolean =>
	isStaff(actor) || (place.ownerId !== null && place.ownerId === actor.userId);

/**
 * Meetings and their tallies (creating, editing, cancelling, closing, moving, tallying into):
 * coordinators of one of its districts, or staff. A city-wide meeting (no district) is the
 * 社会福祉協議会's and the city's own: only staff run it, count at it and move it. A
 * coordinator's feed carries the meetings of their districts only, so a coordinator could not
 * even see a city-wide meeting they were allowed to change; nor may they make one, or turn a
 * district meeting into one (the district it leaves would lose sight of it).
 */
export const canManageMeeting = (actor: Actor, meetingDistrictIds: readonly string[]): boolean =>
	isStaff(actor) ||
	(actor.role === 'coordinator' && overlaps(actor.districtIds, meetingDistrictIds));

/** ここつなネット team records: coordinators of the district, or staff. */
export const canRecordTeam = (actor: Actor, districtId: string): boolean =>
	isStaff(actor) || (actor.role === 'coordinator' && actor.districtIds.includes(districtId));

/**
 * The record whose history (its accepted ops: who, when, from which device) is asked for, with
 * what its rule needs. Ids are unique only within a kind, so the history of a place is read by
 * the place's scope and holds the place's ops only, never another kind's under the same id.
 */
export type AuditSubject = { cityId: string } & (
	| { kind: 'place'; ownerId: string | null; districtIds: string[]; fromPack: boolean }
	| { kind: 'session' | 'meeting' | 'tally' | 'team' | 'indicator' | 'evaluation' }
);

/**
 * Reading a record's history: staff, any record. A place's history also its owner and the
 * coordinators of its district (it shows them who changed their salon, and moderation); a
 * place from the pack (open data) has no owner and is staff's. Every other record's history
 * names the coordinators and staff who made it: staff only.
 */
export const canReadAuditOf = (actor: Actor & CityScope, subject: AuditSubject): boolean =>
	holdsCity(actor, subject.cityId) &&
	(isStaff(actor) ||
		(subject.kind === 'place' &&
			!subject.fromPack &&
			(subject.ownerId === actor.userId || canModeratePlace(actor, subject))));
/** Entering and adopting the plan's yearly figures: city and 社協 staff. */
export const canEnterIndicators = isStaff;
/** Evaluating an indicator's year (成果, 課題, mark, direction): the same staff. */
export const canEvaluateIndicators = isStaff;
export const canManageAccounts = (actor: Actor): boolean => actor.role === 'admin';
/**
 * Creating or changing an account of these cities: an admin holding every one of them (an
 * admin of one city cannot make, or take over, an account of another). An account belongs to
 * at least one city.
 */
export const canManageAccountOf = (actor: Actor & CityScope, cityIds: readonly string[]): boolean =>
	canManageAccounts(actor) && cityIds.length > 0 && cityIds.every((c) => holdsCity(actor, c));
/** Seeing an account in the list: an admin sharing one of its cities. */
export const canSeeAccountOf = (actor: Actor & CityScope, cityIds: readonly string[]): boolean =>
	canManageAccounts(actor) && cityIds.some((c) => holdsCity(actor, c));
export const canSeeAllRecords = isStaff;
