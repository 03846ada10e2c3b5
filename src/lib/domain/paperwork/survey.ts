/**
 * The municipality's figures for MHLW's yearly survey of 通いの場 (介護予防に資する住民主体の通い
 * の場), from the app's records: places by kind of activity and by how often they meet, with
 * their participants. Framework-free; the server feeds it the salons' years (paperwork-repo).
 *
 * Rules:
 * - A place counts in a fiscal year when it held at least one session in it (its sessions'
 *   latest versions, deleted ones out: salon-year.ts).
 * - Frequency (週1回以上 / 月2回以上 / 月1回以上 / それ以外) comes from the place's schedule
 *   rule when it has one: a weekly rule meets at least weekly, a monthly rule with two or more
 *   weeks twice a month, with one week monthly. Holidays and a summer break do not move a
 *   salon down: the survey asks how often it is held, and its rule says so. Without a rule,
 *   from its sessions per month over the months from its first session of the year to the
 *   year's last counted day, with the same allowance (a year's worth: 44 for weekly, 22 for
 *   twice a month, 11 for monthly, scaled to those months).
 * - A place of several kinds counts under each kind (the kinds' rows may add up to more
 *   places than the total); a place that stated none counts under 未回答.
 * - 参加者 are 延べ (sums over sessions). 実人数 is the registered members the organizers
 *   stated for that year, with how many places stated one: never derived from sessions.
 */
import { ACTIVITY_KINDS, type ActivityKind } from '../model';
import type { ScheduleRule } from '../records';

export const FREQUENCY_CLASSES = ['weekly', 'twice-monthly', 'monthly', 'other'] as const;
export type FrequencyClass = (typeof FREQUENCY_CLASSES)[number];

/** Sessions a year that make each class without a rule (an allowance for holidays and breaks). */
const PER_YEAR = { weekly: 44, 'twice-monthly': 22, monthly: 11 } as const;

export function frequencyFromRule(rule: ScheduleRule): FrequencyClass {
	if (rule.kind === 'weekly') return 'weekly';
	return rule.nths.length >= 2 ? 'twice-monthly' : 'monthly';
}

/** Months (as a fraction of a year) from `from` to `to`, both YYYY-MM-DD, at least one month. */
function yearsBetween(from: string, to: string): number {
	const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
	return Math.max(days, 365 / 12) / 365;
}

export function frequencyClass(
	rule: ScheduleRule | null | undefined,
	sessions: readonly { date: string }[],
	countedThrough: string
): FrequencyClass {
	if (rule) return frequencyFromRule(rule);
	if (sessions.length === 0) return 'other';
	const first = sessions.reduce((m, s) => (s.date < m ? s.date : m), sessions[0]!.date);
	const perYear = sessions.length / yearsBetween(first, countedThrough);
	if (perYear >= PER_YEAR.weekly) return 'weekly';
	if (perYear >= PER_YEAR['twice-monthly']) return 'twice-monthly';
	if (perYear >= PER_YEAR.monthly) return 'monthly';
	return 'other';
}

/** One place's year as the survey reads it. */
export interface SurveyPlace {
	placeId: string;
	name: string;
	activityKinds: readonly ActivityKind[];
	frequency: FrequencyClass;
	sessions: number;
	/** 延べ. */
	participantVisits: number;
	/** 登録者数 stated for the year, or null. */
	registeredMembers: number | null;
}

export interface SurveyRow {
	places: number;
	participantVisits: number;
	/** Sum of the 登録者数 stated (実人数), over `membersStated` places. */
	registeredMembers: number;
	membersStated: number;
	/** The places behind the figures, by id. */
	placeIds: string[];
}

export interface SurveySheet {
	fiscalYear: number;
	total: SurveyRow;
	byKind: Record<ActivityKind | 'unstated', SurveyRow>;
	byFrequency: Record<FrequencyClass, SurveyRow>;
}

const emptyRow = (): SurveyRow => ({
	places: 0,
	participantVisits: 0,
	registeredMembers: 0,
	membersStated: 0,
	placeIds: []
});

function add(row: SurveyRow, p: SurveyPlace) {
	row.places += 1;
	row.participantVisits += p.participantVisits;
	if (p.registeredMembers !== null) {
		row.registeredMembers += p.registeredMembers;
		row.membersStated += 1;
	}
	row.placeIds.push(p.placeId);
}

export function surveySheet(fiscalYear: number, places: readonly SurveyPlace[]): SurveySheet {
	const sheet: SurveySheet = {
		fiscalYear,
		total: emptyRow(),
		byKind: Object.fromEntries(
			[...ACTIVITY_KINDS, 'unstated'].map((k) => [k, emptyRow()])
		) as SurveySheet['byKind'],
		byFrequency: Object.fromEntries(
			FREQUENCY_CLASSES.map((f) => [f, emptyRow()])
		) as SurveySheet['byFrequency']
	};
	for (const p of places) {
		if (p.sessions === 0) continue;
		add(sheet.total, p);
		const kinds = p.activityKinds.length ? [...new Set(p.activityKinds)] : ['unstated' as const];
		for (const k of kinds) add(sheet.byKind[k], p);
		add(sheet.byFrequency[p.frequency], p);
	}
	return sheet;
}
