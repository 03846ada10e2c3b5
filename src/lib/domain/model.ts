import type { GrantRules } from './paperwork/grant-rules';
import type { ScheduleRule } from './records';

/**
 * The shared vocabulary of places, districts and towns. Framework-free: the server, the
 * client store, the service worker and the tests all speak these types.
 * Count-level only: nothing here ever names a participant.
 */

export {
	CATEGORY_IDS,
	INTERNAL_CATEGORY_IDS,
	isInternalCategory,
	PUBLIC_CATEGORY_IDS,
	type CategoryId
} from './category-ids';
import { isInternalCategory, type CategoryId } from './category-ids';

export const HAZARD_IDS = [
	'flood',
	'landslide',
	'storm_surge',
	'earthquake',
	'tsunami',
	'large_fire',
	'inland_flooding',
	'volcano'
] as const;
export type HazardId = (typeof HAZARD_IDS)[number];

export const AUDIENCE_IDS = [
	'elderly',
	'children',
	'all-generations',
	'disabled',
	'anyone'
] as const;
export type AudienceId = (typeof AUDIENCE_IDS)[number];

export const ACCESSIBILITY_IDS = [
	'step-free',
	'wheelchair',
	'accessible-toilet',
	'parking'
] as const;
export type AccessibilityId = (typeof ACCESSIBILITY_IDS)[number];

/**
 * Kinds of activity of a gathering place, as the national 通いの場 survey counts them
 * (体操・運動, 会食, 茶話会, 趣味活動, 認知症予防, 多世代交流, その他). A place may have several.
 */
export const ACTIVITY_KINDS = [
	'exercise',
	'meals',
	'tea-and-talk',
	'hobbies',
	'dementia-prevention',
	'intergenerational',
	'other'
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type PlaceStatus = 'active' | 'paused' | 'closed';
export type ModerationState = 'approved' | 'pending' | 'returned';
/** Where a place record came from: the municipality's open data, a person, or a labelled demo set. */
export type PlaceOrigin = 'pack' | 'user' | 'sample';
/**
 * How the place's district was decided: its point in a district polygon, the town names of its
 * published area, its address's town (town-list districts), picked by a person, or not at all.
 */
export type DistrictSource = 'point' | 'area-text' | 'town' | 'manual' | 'unknown';

/** What a city calls its districts (小学校区, 中学校区, 地区…), from its pack, in both languages. */
export interface DistrictLevel {
	ja: string;
	en: string;
}
/** Where a city's districts come from (pack.json `districts.from`; see pack/sources.ts). */
export type DistrictsFrom = 'school-polygons' | 'town-list' | 'none';

export interface LngLat {
	lng: number;
	lat: number;
}

export interface ShelterDesignation {
	/** 指定避難所: a building where people can stay. */
	evacuationShelter: boolean;
	/** 指定緊急避難場所: where to flee to, per hazard. */
	emergencySite: boolean;
	hazards: HazardId[];
}

export interface Place {
	id: string;
	/** First entry is the primary category (icon, colour); a place may be in several. */
	categories: CategoryId[];
	name: string;
	/** ふりがな of the name where someone wrote it (an organizer, or a source that has 名称_カナ). */
	reading?: string | null;
	/** Known only for points: some places (councils, welfare facilities) have no public location. */
	point: LngLat | null;
	districtIds: string[];
	districtSource: DistrictSource;
	address: string | null;
	/** Published description of the area a place serves (支え合い協議会の対象地域). */
	areaText: string | null;
	scheduleText: string | null;
	audience: AudienceId[];
	accessibility: AccessibilityId[];
	/** Public contact, present only when its owner consented to publish it. */
	contact: string | null;
	shelter: ShelterDesignation | null;
	/** Free text facts from the source (e.g. the operating corporation), as published. */
	notes: string[];
	/** When the organisation began, as the source writes it (e.g. 平成23年7月); the UI labels it. */
	established?: string | null;
	status: PlaceStatus;
	moderation: ModerationState;
	origin: PlaceOrigin;
	/** Key into the pack's attribution list. */
	sourceId: string | null;
	/** People's places: who registered it (account id), never shown to residents. */
	ownerId?: string | null;
	/** Why a coordinator sent a registration back (shown to its owner). */
	moderationNote?: string | null;
	scheduleRule?: ScheduleRule | null;
	/** Single scheduled dates its organizer marked off (休み on 12月9日), YYYY-MM-DD, sorted. */
	offDates?: string[];
	fee?: string | null;
	/** What the place does (its organizer says; several allowed). */
	activityKinds?: ActivityKind[];
	/**
	 * 登録者数 (how many different people are registered: 実人数) per fiscal year, as its
	 * organizer states it once a year: a number, never names. Not shown to residents.
	 */
	registeredMembers?: Record<string, number>;
	/** Field stamps (hybrid logical clock) of a place people edit: the merge state. */
	stamps?: Record<string, string>;
}

export interface District {
	id: string;
	/** e.g. 鶴ヶ島第一小学校区 */
	name: string;
	/** School-district polygons only: the school, its address and the polygon's area. */
	schoolName: string | null;
	schoolAddress: string | null;
	areaKm2: number | null;
	/** Town-list districts only: the towns (町丁目/大字) that make it up. */
	towns?: string[];
}

export interface Town {
	name: string;
	point: LngLat;
	districtId: string | null;
}

export interface Attribution {
	id: string;
	/** The credit line the licence asks for, verbatim. */
	credit: string;
	licence: string;
	url: string | null;
}

/** Polygon geometry as RFC 7946 rings: [lng, lat] pairs, outer ring first. */
export type Ring = [number, number][];
export type PolygonCoords = Ring[];

export interface DistrictShape {
	districtId: string;
	polygons: PolygonCoords[];
}

/** Places and geography of one municipality: data, not code. */
export interface PlacePack {
	id: string;
	municipality: string;
	/** The city's English name when its pack.json gives one (the English UI's header). */
	municipalityEn?: string;
	municipalityCode: string;
	/** [west, south, east, north] */
	bbox: [number, number, number, number];
	center: LngLat;
	/**
	 * Where the districts come from; `none`: no districts, everything is city-wide. Optional
	 * like the level below: a pack cached on a device by an older version has neither.
	 */
	districtsFrom?: DistrictsFrom;
	/** What the city calls a district (null with no districts): shown wherever a district is. */
	districtLevel?: DistrictLevel | null;
	districts: District[];
	towns: Town[];
	places: Place[];
	attributions: Attribution[];
	/** The 社協's published grant thresholds for salons; absent where none is published. */
	grantRules?: GrantRules;
}

/** Geometry is shipped apart from the list data: the list renders first, the map needs shapes. */
export interface PackGeometry {
	packId: string;
	boundary: PolygonCoords[];
	districts: DistrictShape[];
}

/** Whether a city has districts at all: without them, nothing asks for one. */
export const hasDistricts = (pack: Pick<PlacePack, 'districts'>): boolean =>
	pack.districts.length > 0;

/**
 * The level's name in a language (小学校区 / Elementary school district). A pack cached by an
 * older version has no level: its districts were Tsurugashima's, named in the catalog then.
 */
export const districtLevelName = (
	pack: Pick<PlacePack, 'districtLevel'>,
	lang: 'ja' | 'en'
): string => pack.districtLevel?.[lang] ?? (lang === 'ja' ? '地区' : 'District');

/**
 * A district's name without the level (藤小学校区 → 藤) where space is short (map labels,
 * table columns); a name that does not end in the level stays whole.
 */
export function shortDistrictName(name: string, pack: Pick<PlacePack, 'districtLevel'>): string {
	const level = pack.districtLevel?.ja;
	return level && name.endsWith(level) && name.length > level.length
		? name.slice(0, -level.length)
		: name;
}

export const isPublicPlace = (place: Place): boolean =>
	place.moderation === 'approved' &&
	place.status !== 'closed' &&
	!place.categories.some(isInternalCategory);

/**
 * A place as residents and open data see it: without its owner's account id or the merge
 * state of its fields (internal to sync, of no use to the public).
 */
export function publicPlaceView(place: Place): Place {
	const { ownerId: _owner, stamps: _stamps, moderationNote: _note, ...rest } = place;
	const extra = rest as Place & { fields?: unknown; syncState?: unknown; packId?: unknown };
	delete extra.fields;
	delete extra.syncState;
	delete extra.packId;
	// The organizer's yearly head count is for the 社協's paperwork, not for residents.
	delete extra.registeredMembers;
	return extra;
}
