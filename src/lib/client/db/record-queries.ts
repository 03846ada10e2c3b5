/**
 * Live views of what people recorded on this device, for the work screens: each is a Dexie
 * liveQuery, so a screen updates the moment a write or a sync lands.
 */
import { liveQuery, type Observable } from 'dexie';
import type {
	IbashoDb,
	IndicatorEntryRow,
	IndicatorEvaluationRow,
	MeetingRow,
	OutboxRow,
	PlaceRow,
	SessionRow,
	TallyRow,
	TeamRow
} from './ibasho-db';

/** An account's outbox rows, by status and in local order ([userId+status+seq]). */
export const outboxOf = (db: IbashoDb, userId: string, status?: OutboxRow['status']) =>
	db.outbox
		.where('[userId+status+seq]')
		.between(
			status ? [userId, status, -Infinity] : [userId, ''],
			status ? [userId, status, Infinity] : [userId, '\uffff'],
			true,
			true
		);

/** Outbox rows of every account but this one (and of none known). */
const otherAccountsRows = async (db: IbashoDb, userId: string) => [
	...(await db.outbox.where('[userId+status+seq]').below([userId]).toArray()),
	...(await db.outbox.where('[userId+status+seq]').above([userId, '\uffff']).toArray())
];

/**
 * The header's and the panel's counts for the account signed in: its unsent ops (also those
 * waiting for a retry), its refused ones, and the ops other accounts left on this device.
 */
export function observeOutboxCounts(
	db: IbashoDb,
	userId: string
): Observable<{ pending: number; problems: number; otherAccounts: number }> {
	return liveQuery(async () => {
		const pending = await outboxOf(db, userId, 'pending').count();
		const mine = await outboxOf(db, userId).count();
		const all = await db.outbox.count();
		return { pending, problems: mine - pending, otherAccounts: all - mine };
	});
}

export interface OutboxOverview {
	/** The account's ops the server refused or reported a conflict for, newest first. */
	problems: OutboxRow[];
	/** The account's ops waiting to go again after a retryable answer, oldest first. */
	retrying: OutboxRow[];
	/** Ops other accounts made on this device (or no longer known whose), oldest first. */
	otherAccounts: OutboxRow[];
}

/** The sync panel's lists: what needs the person's attention, and what waits, and why. */
export function observeOutbox(db: IbashoDb, userId: string): Observable<OutboxOverview> {
	return liveQuery(async () => {
		const bySeq = (a: OutboxRow, b: OutboxRow) => a.seq! - b.seq!;
		const problems = [
			...(await outboxOf(db, userId, 'rejected').toArray()),
			...(await outboxOf(db, userId, 'conflict').toArray())
		]
			.sort(bySeq)
			.reverse();
		const retrying = (
			await db.outbox
				.where('retryAt')
				.aboveOrEqual(0)
				.filter((r) => r.userId === userId && r.status === 'pending')
				.toArray()
		).sort(bySeq);
		const otherAccounts = (await otherAccountsRows(db, userId)).sort(bySeq);
		return { problems, retrying, otherAccounts };
	});
}

/** Accounts that have signed in on this device, by id (to name whose unsent ops wait). */
export function observeKnownAccounts(db: IbashoDb): Observable<Record<string, string>> {
	return liveQuery(async () => {
		const value = (await db.kv.get('knownAccounts'))?.value;
		return value && typeof value === 'object' ? (value as Record<string, string>) : {};
	});
}

/** Places this account registered (any moderation state), newest first. */
export function observeMyPlaces(db: IbashoDb, userId: string): Observable<PlaceRow[]> {
	return liveQuery(async () => {
		const rows = await db.places.where('ownerId').equals(userId).toArray();
		return rows.sort((a, b) => (a.id < b.id ? 1 : -1));
	});
}

/**
 * Every place this device knows by id — own, synced and from the public pack — with its name
 * and city: a list of records names the salon, never its id, and the work screens list only
 * their city's records (a session is its place's city's).
 */
export function observePlaceIndex(
	db: IbashoDb
): Observable<Map<string, { name: string; packId: string }>> {
	return liveQuery(async () => {
		const index = new Map<string, { name: string; packId: string }>();
		await db.places.each((p) => index.set(p.id, { name: p.name ?? '', packId: p.packId }));
		return index;
	});
}

/**
 * Registrations, and changes to approved places, waiting for a coordinator of these districts
 * (staff: all). A place moved into another district waits for that district's coordinators:
 * its districts here are the ones it will have.
 */
export function observePendingPlaces(
	db: IbashoDb,
	districtIds: string[] | 'all'
): Observable<PlaceRow[]> {
	return liveQuery(async () => {
		const rows = await db.places
			.filter((p) => p.via === 'sync' && p.moderation === 'pending')
			.toArray();
		return districtIds === 'all'
			? rows
			: rows.filter((p) => p.districtIds.some((d) => districtIds.includes(d)));
	});
}

/** The latest version of each session (the record as corrected), newest date first. */
export function observeRecentSessions(db: IbashoDb, limit = 50): Observable<SessionRow[]> {
	return liveQuery(async () => {
		const all = await db.sessions.toArray();
		const latest = new Map<string, SessionRow>();
		for (const s of all) {
			const seen = latest.get(s.sessionId);
			if (!seen || seen.version < s.version) latest.set(s.sessionId, s);
		}
		return [...latest.values()]
			.filter((s) => !s.deleted)
			.sort((a, b) => (a.date === b.date ? b.savedAt - a.savedAt : a.date < b.date ? 1 : -1))
			.slice(0, limit);
	});
}

/** Why an entity's latest op was refused, if it was. */
export function observeEntityProblems(db: IbashoDb): Observable<Map<string, OutboxRow>> {
	return liveQuery(async () => {
		const rows = await db.outbox.where('status').anyOf('rejected', 'conflict').toArray();
		return new Map(rows.map((r) => [r.entityId, r]));
	});
}

export function observeMeetings(db: IbashoDb): Observable<MeetingRow[]> {
	return liveQuery(async () =>
		(await db.meetings.toArray()).sort((a, b) => (a.date < b.date ? 1 : -1))
	);
}

export function observeMeeting(
	db: IbashoDb,
	meetingId: string
): Observable<{ meeting: MeetingRow | undefined; tallies: TallyRow[] }> {
	return liveQuery(async () => ({
		meeting: await db.meetings.get(meetingId),
		tallies: await db.tallies.where('meetingId').equals(meetingId).toArray()
	}));
}

export function observeTeams(db: IbashoDb): Observable<TeamRow[]> {
	return liveQuery(async () => {
		const all = await db.teams.toArray();
		const latest = new Map<string, TeamRow>();
		for (const t of all) {
			const seen = latest.get(t.teamId);
			if (!seen || seen.version < t.version) latest.set(t.teamId, t);
		}
		return [...latest.values()]
			.filter((t) => !t.deleted)
			.sort((a, b) => (a.formedOn < b.formedOn ? 1 : -1));
	});
}

/** One place as this device holds it (undefined until known, null when absent). */
export function observePlace(db: IbashoDb, placeId: string): Observable<PlaceRow | null> {
	return liveQuery(async () => (await db.places.get(placeId)) ?? null);
}

/** The standing entries of a plan on this device (pulled and not yet sent). */
export function observeIndicatorEntries(
	db: IbashoDb,
	planId: string
): Observable<IndicatorEntryRow[]> {
	return liveQuery(() => db.indicatorEntries.where('planId').equals(planId).toArray());
}

/** The standing evaluations of a plan on this device (pulled and not yet sent). */
export function observeIndicatorEvaluations(
	db: IbashoDb,
	planId: string
): Observable<IndicatorEvaluationRow[]> {
	return liveQuery(() => db.indicatorEvaluations.where('planId').equals(planId).toArray());
}
