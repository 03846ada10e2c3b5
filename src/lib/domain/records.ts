/**
 * What organizers and coordinators record: counts only, never a person's name. Limits are the
 * bounds of plausibility a form and the server both enforce ("absurd counts" are refused).
 */

export const MEETING_KINDS = [
	'area-meeting', // 地域別懇談会
	'training', // 研修会
	'case-study', // 事例検討会
	'inclusive-support', // 包括的支援体制の会議
	'kokotsuna-exchange', // ここつなネット交流会
	'salon-representatives', // サロン代表者会議
	'other' // その他
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const TALLY_GROUPS = [
	'support-council', // 地域支え合い協議会
	'welfare-commissioner', // 民生委員・児童委員
	'community-support-center', // 地域包括支援センター
	'social-welfare-council', // 社会福祉協議会
	'city-staff', // 市職員
	'residents', // 住民
	'other' // その他
] as const;
export type TallyGroup = (typeof TALLY_GROUPS)[number];

export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const; // Sunday = 0, as Date.getDay()

/** A recurring schedule: 毎週○曜 or 毎月第N・第M○曜, with a time range. */
export type ScheduleRule =
	| { kind: 'weekly'; weekdays: number[]; start: string; end: string }
	| { kind: 'monthly'; nths: number[]; weekday: number; start: string; end: string };

export const LIMITS = {
	/** People at one salon session; beyond this the number is a typing slip. */
	participants: 500,
	volunteers: 200,
	hours: 200,
	/** Attendance of one group at one meeting. */
	tallyGroup: 1000,
	teamMembers: 200,
	/** People registered with one salon (登録者数, stated once a year). */
	registeredMembers: 1000,
	/** Single dates off one place keeps: two fiscal years and more of a weekly salon's. */
	offDates: 250,
	text: 200,
	longText: 1000,
	organisations: 50
} as const;

export interface SessionRecord {
	sessionId: string;
	version: number;
	placeId: string;
	date: string; // YYYY-MM-DD, local (Asia/Tokyo) calendar date
	participants: { total: number; men?: number; women?: number; children?: number };
	volunteers: number;
	firstTimers: number;
	hours: number | null;
	deleted: boolean;
}

export interface Meeting {
	meetingId: string;
	meetingKind: MeetingKind;
	districtIds: string[];
	date: string;
	venue: string;
	/** Tallying is over (締め済み): no device adds to it any more. */
	closed: boolean;
	/**
	 * Called off or created by mistake (中止): kept, shown as such, counted by no indicator.
	 * Absent on meetings stored before it existed, which were not cancelled.
	 */
	cancelled?: boolean;
}

export interface Tally {
	tallyId: string;
	meetingId: string;
	deviceId: string;
	/**
	 * The account that first set it: only that account, on that device, sets later versions.
	 * Filled in by the server; absent on tallies stored before it was (they stay their device's).
	 */
	userId?: string;
	version: number;
	counts: Partial<Record<TallyGroup, number>>;
	organisations: string[];
}

/**
 * Whether `tally` is the one a person keeps on this device: two coordinators sharing a phone
 * each count with a tally of their own, so neither overwrites (or adds to) the other's.
 */
export const isOwnTally = (
	tally: Pick<Tally, 'deviceId' | 'userId'>,
	deviceId: string | null,
	userId: string | null
): boolean =>
	tally.deviceId === deviceId && (tally.userId === undefined || tally.userId === userId);

export interface TeamRecord {
	teamId: string;
	version: number;
	districtId: string;
	formedOn: string;
	members: number;
	childrenTakePart: boolean;
	linkedToEvacuationPlan: boolean;
	deleted: boolean;
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isCalendarDate(value: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return (
		y >= 2000 &&
		y <= 2100 &&
		date.getUTCFullYear() === y &&
		date.getUTCMonth() === mo - 1 &&
		date.getUTCDate() === d
	);
}

/** Sum of the meeting's tallies: each device's tally counted once, whatever was synced twice. */
export function sumTallies(
	tallies: readonly Pick<Tally, 'counts'>[]
): Record<TallyGroup, number> & { total: number } {
	const sum = Object.fromEntries(TALLY_GROUPS.map((g) => [g, 0])) as Record<TallyGroup, number>;
	let total = 0;
	for (const t of tallies) {
		for (const g of TALLY_GROUPS) {
			const n = t.counts[g] ?? 0;
			sum[g] += n;
			total += n;
		}
	}
	return { ...sum, total };
}
