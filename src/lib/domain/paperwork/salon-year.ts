/**
 * A salon's fiscal year from its session records: what the 社協's yearly report asks for (the
 * sessions held, their totals and averages), the scheduled dates with no log (gaps), and the
 * verdict of the city's grant rules. Framework-free: the organizer's device computes it from
 * its own records offline, the server from canonical rows for the staff's list; the same
 * records give the same report.
 *
 * Rules, the same as the indicators' (indicators/computations.ts):
 * - The fiscal year runs April 1 – March 31 (fiscal-year.ts); "held" means dated in the year
 *   and not after today.
 * - A session counts in its latest version, whenever that version arrived; a session whose
 *   latest version deletes it drops out. Syncing twice never counts twice (one entry per id).
 * - The kind of place the grant counts is the place's category at fiscal-year end, with the
 *   90-day rule (categoryAtYearEnd: placeStateAt over effective stamps, sync/effective-stamp.ts).
 *   A device that holds no history passes the place's category as it is now.
 *
 * Words: every sum of session figures is a 延べ count (a person coming to 12 sessions counts
 * 12 times). The number of different people (実人数) is not in the session records; only the
 * registered-member count the organizer states gives anything like it.
 */
import { fiscalYearEnd, fiscalYearEndInstant, fiscalYearStart } from '../fiscal-year';
import { holidayName } from '../holidays';
import { placeStateAt, roundToTenth, type PlaceFacts } from '../indicators/computations';
import type { ActivityKind } from '../model';
import type { ScheduleRule, SessionRecord } from '../records';
import { occursOn } from '../schedule';
import type { GrantRules } from './grant-rules';
import type { FrequencyClass } from './survey';

/** One session held, as its latest version says. */
export interface HeldSession {
	sessionId: string;
	version: number;
	date: string;
	/** The national holiday on that date, if any. */
	holiday: string | null;
	participants: number;
	volunteers: number;
	firstTimers: number;
	hours: number | null;
}

/** A scheduled date with no session logged and not marked 休み. */
export interface Gap {
	date: string;
	holiday: string | null;
}

export interface YearTotals {
	sessions: number;
	/** 延べ参加者数: participants summed over sessions. */
	participantVisits: number;
	/** 延べボランティア数. */
	volunteerVisits: number;
	/** 初参加者 summed over sessions (each person is new once, so this is also a head count). */
	firstTimers: number;
	/** Hours summed over the sessions that logged them (rounded to one decimal). */
	hours: number;
}

export interface YearAverages {
	/** 延べ参加者数 ÷ 開催回数, one decimal; null with no session. */
	participantsPerSession: number | null;
	volunteersPerSession: number | null;
}

export type GrantShortfall =
	| { kind: 'category'; category: string; counted: string[] }
	/** Too few sessions; with `minParticipants`, too few sessions that had that many. */
	| { kind: 'sessions'; needed: number; counted: number; minParticipants?: number }
	| { kind: 'average'; needed: number; actual: number | null };

export interface GrantVerdict {
	met: boolean;
	/** Sessions that count towards minSessionsPerYear (all held, or those with enough people). */
	countedSessions: number;
	/** Why it is not met (empty when met). */
	shortfalls: GrantShortfall[];
}

export interface SalonYear {
	fiscalYear: number;
	/** The last day counted: the fiscal-year end, or today while the year runs. */
	countedThrough: string;
	/** The year has not ended: figures and verdict can still change. */
	partial: boolean;
	/** Oldest first. */
	sessions: HeldSession[];
	totals: YearTotals;
	averages: YearAverages;
	/** Scheduled dates with no log and not marked 休み, oldest first. */
	gaps: Gap[];
	/** Scheduled dates marked 休み (with no session logged), oldest first. */
	offDates: string[];
	/** Null when the city states no grant rules. */
	verdict: GrantVerdict | null;
}

/** One salon in the staff's list of every salon's year. */
export interface SalonYearRow {
	placeId: string;
	name: string;
	districtIds: string[];
	/** The kind of place the verdict read (at fiscal-year end). */
	category: string;
	totals: YearTotals;
	averages: YearAverages;
	verdict: GrantVerdict | null;
	/** What the 通いの場 survey reads (survey.ts). */
	activityKinds: ActivityKind[];
	frequency: FrequencyClass;
	/** 登録者数 (実人数) the organizer stated for this fiscal year, or null. */
	registeredMembers: number | null;
}

export interface SalonYearInput {
	fiscalYear: number;
	/** Today in Japan (YYYY-MM-DD). */
	today: string;
	/** The place's category the grant rules read (categoryAtYearEnd on the server). */
	category: string;
	scheduleRule: ScheduleRule | null | undefined;
	/** Every version of the place's sessions this side holds, in any order. */
	sessions: readonly SessionRecord[];
	/** Dates the organizer marked 休み (the salon did not meet). */
	offDates?: readonly string[];
	rules: GrantRules | null | undefined;
}

/** The latest version of each session, deleted ones dropped. */
export function latestSessions(records: readonly SessionRecord[]): SessionRecord[] {
	const latest = new Map<string, SessionRecord>();
	for (const r of records) {
		const seen = latest.get(r.sessionId);
		if (!seen || seen.version < r.version) latest.set(r.sessionId, r);
	}
	return [...latest.values()].filter((r) => !r.deleted);
}

/** The place's category at the end of the fiscal year, as the indicators read it (90-day rule). */
export function categoryAtYearEnd(place: PlaceFacts, fiscalYear: number): string | null {
	return placeStateAt(place, fiscalYearEndInstant(fiscalYear))?.category ?? null;
}

const DAY_MS = 86_400_000;
const datesBetween = (from: string, to: string): string[] => {
	const out: string[] = [];
	for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
		out.push(new Date(t).toISOString().slice(0, 10));
	}
	return out;
};

const perSession = (sum: number, n: number) => (n === 0 ? null : roundToTenth(sum / n));

export function judgeGrant(
	rules: GrantRules,
	category: string,
	sessions: readonly HeldSession[],
	averages: YearAverages
): GrantVerdict {
	const shortfalls: GrantShortfall[] = [];
	if (!(rules.countedCategories as string[]).includes(category)) {
		shortfalls.push({ kind: 'category', category, counted: [...rules.countedCategories] });
	}
	const min = rules.minParticipantsPerSession;
	const countedSessions =
		min === undefined ? sessions.length : sessions.filter((s) => s.participants >= min).length;
	if (countedSessions < rules.minSessionsPerYear) {
		shortfalls.push({
			kind: 'sessions',
			needed: rules.minSessionsPerYear,
			counted: countedSessions,
			...(min === undefined ? {} : { minParticipants: min })
		});
	}
	const avg = rules.minAverageParticipants;
	if (avg !== undefined) {
		// Compared unrounded: 9.96 on average does not reach 10 because it prints as 10.0.
		const exact = sessions.length
			? sessions.reduce((s, x) => s + x.participants, 0) / sessions.length
			: null;
		if (exact === null || exact < avg) {
			shortfalls.push({ kind: 'average', needed: avg, actual: averages.participantsPerSession });
		}
	}
	return { met: shortfalls.length === 0, countedSessions, shortfalls };
}

/** The salon's fiscal year. Pure: the same records always give the same report. */
export function salonYear(input: SalonYearInput): SalonYear {
	const start = fiscalYearStart(input.fiscalYear);
	const end = fiscalYearEnd(input.fiscalYear);
	const countedThrough = input.today < end ? input.today : end;

	const all = latestSessions(input.sessions);
	const sessions: HeldSession[] = all
		.filter((s) => s.date >= start && s.date <= countedThrough)
		.sort((a, b) =>
			a.date === b.date ? (a.sessionId < b.sessionId ? -1 : 1) : a.date < b.date ? -1 : 1
		)
		.map((s) => ({
			sessionId: s.sessionId,
			version: s.version,
			date: s.date,
			holiday: holidayName(s.date),
			participants: s.participants.total,
			volunteers: s.volunteers,
			firstTimers: s.firstTimers,
			hours: s.hours
		}));

	const sum = (f: (s: HeldSession) => number) => sessions.reduce((n, s) => n + f(s), 0);
	const totals: YearTotals = {
		sessions: sessions.length,
		participantVisits: sum((s) => s.participants),
		volunteerVisits: sum((s) => s.volunteers),
		firstTimers: sum((s) => s.firstTimers),
		hours: roundToTenth(sum((s) => s.hours ?? 0))
	};
	const averages: YearAverages = {
		participantsPerSession: perSession(totals.participantVisits, totals.sessions),
		volunteersPerSession: perSession(totals.volunteerVisits, totals.sessions)
	};

	// Gaps run from the salon's first logged session (ever, not only this year): before it the
	// salon was not in the app, and its schedule says nothing of those months. Today is not a
	// gap yet: a log is written on the day or after it.
	const held = new Set(all.map((s) => s.date));
	const off = new Set(input.offDates ?? []);
	const first = all.reduce<string | null>((m, s) => (m === null || s.date < m ? s.date : m), null);
	const gaps: Gap[] = [];
	const offDates: string[] = [];
	const rule = input.scheduleRule;
	if (rule && first !== null) {
		const from = first > start ? first : start;
		const to = countedThrough;
		for (const date of from <= to ? datesBetween(from, to) : []) {
			if (!occursOn(rule, date) || held.has(date)) continue;
			if (off.has(date)) offDates.push(date);
			else if (date < input.today) gaps.push({ date, holiday: holidayName(date) });
		}
	}

	return {
		fiscalYear: input.fiscalYear,
		countedThrough,
		partial: input.today < end,
		sessions,
		totals,
		averages,
		gaps,
		offDates,
		verdict: input.rules ? judgeGrant(input.rules, input.category, sessions, averages) : null
	};
}
