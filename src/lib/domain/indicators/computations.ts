/**
 * Indicators computed from the app's own records, per fiscal year and per school district.
 *
 * The plan pack says which indicator a computation feeds (`computedFrom` in plan.json); the
 * computations themselves are this fixed catalogue, because each one is a definition staff
 * must be able to read and trust. The server only fetches rows (server/indicators-repo.ts);
 * every rule about what counts lives here, framework-free and tested.
 *
 * Rules shared by all computations:
 * - The fiscal year runs April 1 – March 31 in Japan's calendar (fiscal-year.ts). A record
 *   dated March 31 belongs to the year ending then; April 1 starts the next one.
 * - "Held" means dated in the fiscal year and not after today: a meeting planned for next
 *   week is not counted yet.
 * - "At fiscal-year end" is the state after every change in effect before April 1 00:00 JST
 *   of the next year (fiscalYearEndInstant). A change's time is the moment the person made it
 *   on their device (its hybrid-logical-clock stamp), so an edit made offline on March 31 and
 *   synced on April 2 still counts for the year it was made in; but an edit that reaches the
 *   server more than MAX_OFFLINE_MS after its stamp takes effect only MAX_OFFLINE_MS before
 *   it arrived (sync/effective-stamp.ts), so no clock set back can rewrite a settled year.
 *   Among the changes in effect, the latest stamp wins, as in the merge.
 * - Cancelled meetings (中止) are kept but counted nowhere.
 * - District attribution: a record counts for each of its districts; the city total counts
 *   it once. Records with no district (a city-wide training) count only in the total.
 * - Counts are built from canonical records only: the latest version of a session or team,
 *   each device's tally once (sumTallies). Syncing twice can never count twice.
 */
import { fiscalYearEnd, fiscalYearEndInstant, fiscalYearStart } from '../fiscal-year';
import { sumTallies, type MeetingKind, type Tally } from '../records';
import { decodeHlc } from '../sync/hlc';
import { foldForSearch } from '../text-fold';
import type { IndicatorValue } from './model';

export const COMPUTATIONS = [
	'area-meetings',
	'active-salons',
	'kids-salon-sites',
	'kokotsuna-teams',
	'fureai-service-hours',
	'training-meetings',
	'inclusive-support-organisations'
] as const;
export type Computation = (typeof COMPUTATIONS)[number];

/** The value kind each computation yields; an indicator fed by it must have this shape. */
export const COMPUTATION_VALUE_KIND: Record<Computation, IndicatorValue['kind']> = {
	'area-meetings': 'count-with-participants',
	'active-salons': 'number',
	'kids-salon-sites': 'number',
	'kokotsuna-teams': 'number',
	'fureai-service-hours': 'number',
	'training-meetings': 'number',
	'inclusive-support-organisations': 'number'
};

/** Machine-readable name of each computation: stored as the source of an adopted figure. */
export const COMPUTATION_QUERY: Record<Computation, string> = {
	'area-meetings': 'meetings(kind=area-meeting, not cancelled, held in FY).count + tallies.total',
	'active-salons': 'places(category=salon, approved, active at FY end).count',
	'kids-salon-sites': 'places(category=kids-salon, approved, ≥1 session in FY).count',
	'kokotsuna-teams': 'teams(version in effect at FY end, not deleted, formed by FY end).count',
	'fureai-service-hours':
		'sessions(place category=fureai-service, approved, latest version, not deleted, held in FY).sum(hours)',
	'training-meetings': 'meetings(kind in training, case-study, not cancelled, held in FY).count',
	'inclusive-support-organisations':
		'tallies(meeting kind=inclusive-support, not cancelled, held in FY).organisations.distinct'
};

/** What each computation counts, for the people reading the figure. */
export const COMPUTATION_DEFINITIONS: Record<'ja' | 'en', Record<Computation, string>> = {
	ja: {
		'area-meetings':
			'その年度に開催した地域別懇談会の回数（中止した会議は除く）と、各端末の集計（重複なし）を合計した参加人数。',
		'active-salons':
			'年度末（3月31日の終わり）時点で承認済み・活動中のふれあい・いきいきサロンの数。休止・終了したサロンは含みません。',
		'kids-salon-sites':
			'その年度に1回以上開催を記録した承認済みの子どもサロンの数。地区別の設置状況（何地区中何地区）も示します。',
		'kokotsuna-teams':
			'年度末（3月31日の終わり）時点で結成済みで、解散していないここつなネット個別チームの数。年度末より後に記録した解散は、その年度の数を変えません。',
		'fureai-service-hours':
			'その年度に「ふれあいサービス」として登録した活動（社会福祉協議会の利用会員・協力会員による住民同士の生活支援）に記録した活動時間の合計（訂正は最新の版のみ、削除分は除く）。サロンなどの活動時間は含みません。小数第1位に四捨五入。',
		'training-meetings': 'その年度に開催した研修会・事例検討会の回数（中止した会議は除く）。',
		'inclusive-support-organisations':
			'その年度の包括的支援体制の会議に参加した部署・機関の数（同じ名前は1つとして数えます）。'
	},
	en: {
		'area-meetings':
			'Area meetings (地域別懇談会) held in the fiscal year (cancelled ones excluded), and their attendance summed over every device’s tally, each counted once.',
		'active-salons':
			'Salons approved and active at the end of the fiscal year (end of March 31). Paused and closed salons are not counted.',
		'kids-salon-sites':
			'Approved children’s salons that logged at least one session in the fiscal year, with district coverage (districts with a site / all districts).',
		'kokotsuna-teams':
			'ここつなネット teams formed and not dissolved at the end of the fiscal year (end of March 31). A dissolution recorded after the year ended does not change that year’s count.',
		'fureai-service-hours':
			'Sum of the hours logged in the fiscal year on activities registered as ふれあいサービス (the social welfare council’s mutual help between member residents), latest correction only, deleted ones excluded. Salon hours are not included. Rounded to one decimal.',
		'training-meetings':
			'Training sessions and case-study meetings held in the fiscal year (cancelled ones excluded).',
		'inclusive-support-organisations':
			'Departments and organisations that took part in the inclusive-support meetings of the fiscal year (the same name counts once).'
	}
};

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
	computation: Computation;
	value: IndicatorValue;
	/** Every district of the city, zero where nothing counted. */
	byDistrict: Record<string, IndicatorValue>;
	/** Districts with at least one counted record, out of all (子どもサロン: 7 / 8). */
	coverage?: { covered: number; total: number };
}

export interface ComputedYear {
	fiscalYear: number;
	/** The last day counted: the fiscal-year end, or today while the year runs. */
	countedThrough: string;
	/** True while the fiscal year has not ended: figures will still grow. */
	partial: boolean;
	figures: Record<Computation, ComputedFigure>;
}

type PlaceState = { status: string; moderation: string; category: string; districtIds: string[] };

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

const emptyByDistrict = (ids: readonly string[], zero: () => IndicatorValue) =>
	Object.fromEntries(ids.map((d) => [d, zero()]));
const num = (value: number): IndicatorValue => ({ kind: 'number', value });

/** A count per district plus the total (each item once), as number values. */
function countFigure(
	computation: Computation,
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

/** Every computation for one fiscal year. Pure: the same rows always give the same figures. */
export function computeIndicators(input: ComputeInput): ComputedYear {
	const { fiscalYear, districtIds } = input;
	const start = fiscalYearStart(fiscalYear);
	const end = fiscalYearEnd(fiscalYear);
	const countedThrough = input.today < end ? input.today : end;
	const heldInYear = (date: string) => date >= start && date <= countedThrough;
	const endInstant = fiscalYearEndInstant(fiscalYear);

	const placeById = new Map(input.places.map((p) => [p.id, p]));
	const districtsOf = (placeId: string) => placeById.get(placeId)?.current.districtIds ?? [];

	// Meetings held in the year, by kind; a cancelled meeting was not held.
	const held = input.meetings.filter((m) => !m.cancelled && heldInYear(m.date));
	const ofKind = (...kinds: MeetingKind[]) => held.filter((m) => kinds.includes(m.kind));

	// No. 2: area meetings with their attendance.
	const area = ofKind('area-meeting');
	const attendance = (m: MeetingFacts) => sumTallies(m.tallies as Tally[]).total;
	const areaPer = new Map<string, { count: number; participants: number }>(
		districtIds.map((d) => [d, { count: 0, participants: 0 }])
	);
	for (const m of area) {
		for (const d of new Set(m.districtIds)) {
			const slot = areaPer.get(d);
			if (slot) {
				slot.count += 1;
				slot.participants += attendance(m);
			}
		}
	}
	const cwp = (count: number, participants: number): IndicatorValue => ({
		kind: 'count-with-participants',
		count,
		participants
	});
	const areaMeetings: ComputedFigure = {
		computation: 'area-meetings',
		value: cwp(
			area.length,
			area.reduce((s, m) => s + attendance(m), 0)
		),
		byDistrict: Object.fromEntries([...areaPer].map(([d, v]) => [d, cwp(v.count, v.participants)]))
	};

	// No. 5: salons approved and active at the year's end.
	const activeSalons = input.places
		.map((p) => placeStateAt(p, endInstant))
		.filter(
			(s): s is NonNullable<typeof s> =>
				s !== null && s.category === 'salon' && s.moderation === 'approved' && s.status === 'active'
		);

	// No. 6: approved children's salons that held at least one session in the year.
	const sessionsByPlace = new Map(input.sessions.map((s) => [s.placeId, s]));
	const kidsSites = input.places
		.filter(
			(p) =>
				p.current.category === 'kids-salon' &&
				p.current.moderation === 'approved' &&
				(sessionsByPlace.get(p.id)?.sessions ?? 0) > 0
		)
		.map((p) => ({ districtIds: p.current.districtIds }));

	// No. 9: teams standing at the year's end.
	const teams = input.teams
		.map((t) => teamStateAt(t, endInstant))
		.filter((v): v is TeamVersion => v !== null && !v.deleted && v.formedOn <= end)
		.map((v) => ({ districtIds: [v.districtId] }));

	// No. 10: hours logged on ふれあいサービス activities in the year; a salon's never count.
	const hoursPer = new Map<string, number>(districtIds.map((d) => [d, 0]));
	let hoursTotal = 0;
	for (const s of input.sessions) {
		const place = placeById.get(s.placeId);
		if (place?.current.category !== 'fureai-service') continue;
		if (place.current.moderation !== 'approved') continue;
		hoursTotal += s.hours;
		for (const d of new Set(districtsOf(s.placeId))) {
			if (hoursPer.has(d)) hoursPer.set(d, hoursPer.get(d)! + s.hours);
		}
	}

	// No. 16: distinct organisations at inclusive-support meetings (名前の表記ゆれは畳む).
	const inclusive = ofKind('inclusive-support');
	const orgKey = (name: string) => foldForSearch(name).replace(/\s+/g, '');
	const orgsTotal = new Set<string>();
	const orgsPer = new Map<string, Set<string>>(districtIds.map((d) => [d, new Set()]));
	for (const m of inclusive) {
		for (const t of m.tallies) {
			for (const name of t.organisations) {
				const key = orgKey(name);
				if (!key) continue;
				orgsTotal.add(key);
				for (const d of m.districtIds) orgsPer.get(d)?.add(key);
			}
		}
	}

	return {
		fiscalYear,
		countedThrough,
		partial: input.today < end,
		figures: {
			'area-meetings': areaMeetings,
			'active-salons': countFigure('active-salons', districtIds, activeSalons),
			'kids-salon-sites': countFigure('kids-salon-sites', districtIds, kidsSites, true),
			'kokotsuna-teams': countFigure('kokotsuna-teams', districtIds, teams),
			'fureai-service-hours': {
				computation: 'fureai-service-hours',
				value: num(roundToTenth(hoursTotal)),
				byDistrict: Object.fromEntries([...hoursPer].map(([d, h]) => [d, num(roundToTenth(h))]))
			},
			'training-meetings': countFigure(
				'training-meetings',
				districtIds,
				ofKind('training', 'case-study')
			),
			'inclusive-support-organisations': {
				computation: 'inclusive-support-organisations',
				value: num(orgsTotal.size),
				byDistrict: {
					...emptyByDistrict(districtIds, () => num(0)),
					...Object.fromEntries([...orgsPer].map(([d, s]) => [d, num(s.size)]))
				}
			}
		}
	};
}
