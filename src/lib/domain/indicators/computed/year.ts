/**
 * The year a computation counts in, prepared once for all of them (the rules shared by every
 * computation are at the top of computations.ts), and the helpers they share.
 */
import { fiscalYearEnd, fiscalYearEndInstant, fiscalYearStart } from '../../fiscal-year';
import type { MeetingKind } from '../../records';
import { decodeHlc } from '../../sync/hlc';
import type { IndicatorValue } from '../value';
import type {
	ComputeInput,
	ComputedFigure,
	MeetingFacts,
	PlaceEvent,
	PlaceFacts,
	SessionAggregate,
	TeamFacts,
	TeamVersion
} from './types';

/** One fiscal year's rows with what every computation needs worked out once. */
export interface CountingYear {
	input: ComputeInput;
	fiscalYear: number;
	districtIds: readonly string[];
	/** First and last day of the fiscal year (YYYY-MM-DD). */
	start: string;
	end: string;
	/** The last day counted: the fiscal-year end, or today while the year runs. */
	countedThrough: string;
	/** April 1 00:00 JST of the next year: "at year end" means before this instant. */
	endInstant: number;
	placeById: ReadonlyMap<string, PlaceFacts>;
	sessionsByPlace: ReadonlyMap<string, SessionAggregate>;
	/** Meetings held in the year (not cancelled, dated in it and not after today), by kind. */
	heldOfKind: (...kinds: MeetingKind[]) => MeetingFacts[];
}

export function countingYear(input: ComputeInput): CountingYear {
	const { fiscalYear } = input;
	const start = fiscalYearStart(fiscalYear);
	const end = fiscalYearEnd(fiscalYear);
	const countedThrough = input.today < end ? input.today : end;
	const held = input.meetings.filter(
		(m) => !m.cancelled && m.date >= start && m.date <= countedThrough
	);
	return {
		input,
		fiscalYear,
		districtIds: input.districtIds,
		start,
		end,
		countedThrough,
		endInstant: fiscalYearEndInstant(fiscalYear),
		placeById: new Map(input.places.map((p) => [p.id, p])),
		sessionsByPlace: new Map(input.sessions.map((s) => [s.placeId, s])),
		heldOfKind: (...kinds) => held.filter((m) => kinds.includes(m.kind))
	};
}

export type PlaceState = {
	status: string;
	moderation: string;
	category: string;
	districtIds: string[];
};

const wallOf = (stamp: string): number | undefined => decodeHlc(stamp)?.wall;

/**
 * A place's counted fields as they stood just before `instant`: for each field, the value of
 * the latest-stamped change in effect by then. A field with no history at all (pack places,
 * rows from before the history) keeps its current value. A field whose history begins after
 * the instant had, before it: no category → the place was not registered yet (null); no
 * moderation decision → not approved ('pending'); no status → 'active' (the form's default);
 * no district → its current one.
 */
export function placeStateAt(place: PlaceFacts, instant: number): PlaceState | null {
	const inEffect = new Map<PlaceEvent['field'], PlaceEvent>();
	const recorded = new Set<PlaceEvent['field']>();
	for (const e of place.events) {
		recorded.add(e.field);
		const wall = wallOf(e.effectiveAt ?? e.at);
		if (wall === undefined || wall >= instant) continue;
		const seen = inEffect.get(e.field);
		if (!seen || e.at > seen.at) inEffect.set(e.field, e);
	}
	const value = (f: PlaceEvent['field'], current: string, beforeHistory: string | null) =>
		inEffect.has(f) ? inEffect.get(f)!.value : recorded.has(f) ? beforeHistory : current;
	const category = value('category', place.current.category, null);
	if (category === null) return null;
	const district = inEffect.get('districtId');
	return {
		category,
		moderation: value('moderation', place.current.moderation, 'pending') ?? 'pending',
		status: value('status', place.current.status, 'active') ?? 'active',
		districtIds: district ? (district.value ? [district.value] : []) : place.current.districtIds
	};
}

/**
 * The version of a team that stood just before `instant`: the highest version in effect by
 * then. A team first recorded later stands as it was first recorded: its formation date says
 * since when it existed (teams formed on paper before the app are entered that way).
 */
export function teamStateAt(team: TeamFacts, instant: number): TeamVersion | null {
	let standing: TeamVersion | null = null;
	let first: TeamVersion | null = null;
	for (const v of team.versions) {
		if (!first || v.version < first.version) first = v;
		const wall = wallOf(v.effectiveAt);
		if (wall === undefined || wall >= instant) continue;
		if (!standing || v.version > standing.version) standing = v;
	}
	return standing ?? first;
}

export const emptyByDistrict = (ids: readonly string[], zero: () => IndicatorValue) =>
	Object.fromEntries(ids.map((d) => [d, zero()]));
export const num = (value: number): IndicatorValue => ({ kind: 'number', value });

/** A count per district plus the total (each item once), as number values. */
export function countFigure(
	computation: string,
	districtIds: readonly string[],
	items: readonly { districtIds: readonly string[] }[],
	withCoverage = false
): ComputedFigure {
	const per = new Map<string, number>(districtIds.map((d) => [d, 0]));
	for (const item of items) {
		for (const d of new Set(item.districtIds)) if (per.has(d)) per.set(d, per.get(d)! + 1);
	}
	const figure: ComputedFigure = {
		computation,
		value: num(items.length),
		byDistrict: Object.fromEntries([...per].map(([d, n]) => [d, num(n)]))
	};
	if (withCoverage) {
		figure.coverage = {
			covered: [...per.values()].filter((n) => n > 0).length,
			total: districtIds.length
		};
	}
	return figure;
}

/** Rounds to one decimal, halves away from zero, without binary-float surprises (0.05 → 0.1). */
export function roundToTenth(n: number): number {
	return Math.round((n + Number.EPSILON) * 10) / 10;
}
