/**
 * What the computations read (rows the server fetches, already scoped to one city) and what
 * they give back. Shared by every computation of the registry (computed/index.ts).
 */
import type { MeetingKind, Tally } from '../../records';
import type { IndicatorValue } from '../value';

// ---------------------------------------------------------------------------------------------
// Input rows (what the server fetches)

/** A change to one of a place's counted fields, stamped with the HLC of the edit. */
export interface PlaceEvent {
	field: 'status' | 'moderation' | 'category' | 'districtId';
	at: string;
	/** When it takes effect in the history (sync/effective-stamp.ts); `at` when absent. */
	effectiveAt?: string;
	value: string | null;
}

export interface PlaceFacts {
	id: string;
	/** The place as it is now; used for places without history (pack data, older rows). */
	current: { status: string; moderation: string; category: string; districtIds: string[] };
	events: PlaceEvent[];
}

/** Sessions of one place held in the fiscal year: latest versions, deleted ones excluded. */
export interface SessionAggregate {
	placeId: string;
	sessions: number;
	hours: number;
}

export interface MeetingFacts {
	id: string;
	kind: MeetingKind;
	date: string;
	districtIds: string[];
	/** Called off (中止): counted nowhere. */
	cancelled: boolean;
	tallies: Pick<Tally, 'counts' | 'organisations'>[];
}

/** One version of a team record, with the stamp of the edit that wrote it. */
export interface TeamVersion {
	version: number;
	districtId: string;
	formedOn: string;
	deleted: boolean;
	at: string;
	/** When it takes effect in the history (sync/effective-stamp.ts). */
	effectiveAt: string;
}

/** A team and every version of it. */
export interface TeamFacts {
	id: string;
	versions: TeamVersion[];
}

export interface ComputeInput {
	fiscalYear: number;
	/** Today in Japan (YYYY-MM-DD): nothing dated later counts as held. */
	today: string;
	/** Every school district of the city, for coverage and for zero rows. */
	districtIds: string[];
	places: PlaceFacts[];
	/** Aggregated for `fiscalYear`. */
	sessions: SessionAggregate[];
	meetings: MeetingFacts[];
	teams: TeamFacts[];
}

// ---------------------------------------------------------------------------------------------
// Output

export interface ComputedFigure {
	/** The computation's id (its file in computed/). */
	computation: string;
	value: IndicatorValue;
	/** Every district of the city, zero where nothing counted. */
	byDistrict: Record<string, IndicatorValue>;
	/** Districts with at least one counted record, out of all (子どもサロン: 7 / 8). */
	coverage?: { covered: number; total: number };
}
