/**
 * This device's database for everything outside client/db: pages, components and the client's
 * services call these, never clientDb() or a table. The modules beside this one take the
 * database as an argument (so the tests run them on a fake IndexedDB of their own); here each
 * is bound to the one the app opens.
 *
 * A live view is followed with a callback and stopped with the function it returns: callers
 * never hold a Dexie observable. Loaded dynamically where Dexie must stay off a page's
 * start-up (resident pages), statically by the work screens.
 */
import type { Observable } from 'dexie';
import type { PlaceDate } from '#lib/domain/due-sessions.js';
import type { AccountInfo } from '#lib/client/account-state.svelte.js';
import type { ComputedSnapshot } from './computed-cache';
import { readComputed, saveComputed } from './computed-cache';
import { deviceId } from './device-state';
import {
	clientDb,
	type IndicatorEntryRow,
	type IndicatorEvaluationRow,
	type MeetingRow,
	type PlaceRow,
	type SessionRow,
	type TallyRow,
	type TeamRow
} from './ibasho-db';
import type { Place } from '#lib/domain/model.js';
import { observePlaces, readPackBundle, readPlace } from './pack-store';
import {
	observeSalonRecords,
	recordSynced,
	setOffDate,
	type SalonRecordsOnDevice
} from './paperwork-store';
import { lastPlanCity, readPlanCopy, savePlanCopy } from './plan-cache';
import {
	observeKnownAccounts,
	observeMeeting,
	observeMeetings,
	observeMyPlaces,
	observeOutbox,
	observeOutboxCounts,
	observePendingPlaces,
	observePlace,
	observeIndicatorEntries,
	observeIndicatorEvaluations,
	observePlaceIndex,
	observeRecentSessions,
	observeTeams,
	type OutboxOverview
} from './record-queries';
import {
	markSessionSkipped,
	observeLoggedSince,
	observeSkippedSessions
} from './session-reminders';

export type Stop = () => void;
type Next<T> = (value: T) => void;
type Failed = (error: unknown) => void;

/** Follows a live view: `next` gets each answer until the returned function is called. */
function follow<T>(view: Observable<T>, next: Next<T>, error?: Failed): Stop {
	const sub = error ? view.subscribe({ next, error }) : view.subscribe(next);
	return () => sub.unsubscribe();
}

// Live views of the work screens (record-queries.ts, session-reminders.ts, paperwork-store.ts).

export const followPlace = (placeId: string, next: Next<PlaceRow | null>) =>
	follow(observePlace(clientDb(), placeId), next);
export const followMyPlaces = (userId: string, next: Next<PlaceRow[]>) =>
	follow(observeMyPlaces(clientDb(), userId), next);
export const followPlaceIndex = (next: Next<Map<string, { name: string; packId: string }>>) =>
	follow(observePlaceIndex(clientDb()), next);
export const followPendingPlaces = (districtIds: string[] | 'all', next: Next<PlaceRow[]>) =>
	follow(observePendingPlaces(clientDb(), districtIds), next);
export const followRecentSessions = (limit: number, next: Next<SessionRow[]>) =>
	follow(observeRecentSessions(clientDb(), limit), next);
export const followMeetings = (next: Next<MeetingRow[]>) =>
	follow(observeMeetings(clientDb()), next);
export const followMeeting = (
	meetingId: string,
	next: Next<{ meeting: MeetingRow | undefined; tallies: TallyRow[] }>
) => follow(observeMeeting(clientDb(), meetingId), next);
export const followTeams = (next: Next<TeamRow[]>) => follow(observeTeams(clientDb()), next);
export const followOutbox = (userId: string, next: Next<OutboxOverview>) =>
	follow(observeOutbox(clientDb(), userId), next);
export const followOutboxCounts = (
	userId: string,
	next: Next<{ pending: number; problems: number; otherAccounts: number }>,
	error: Failed
) => follow(observeOutboxCounts(clientDb(), userId), next, error);
export const followKnownAccounts = (next: Next<Record<string, string>>) =>
	follow(observeKnownAccounts(clientDb()), next);
export const followLoggedSince = (from: string, next: Next<(PlaceDate & { deleted: boolean })[]>) =>
	follow(observeLoggedSince(clientDb(), from), next);
export const followSkippedSessions = (userId: string, next: Next<PlaceDate[]>) =>
	follow(observeSkippedSessions(clientDb(), userId), next);
export const followSalonRecords = (placeId: string, next: Next<SalonRecordsOnDevice>) =>
	follow(observeSalonRecords(clientDb(), placeId), next);
export const followIndicatorEntries = (
	planId: string,
	next: Next<IndicatorEntryRow[]>,
	error: Failed
) => follow(observeIndicatorEntries(clientDb(), planId), next, error);
export const followIndicatorEvaluations = (
	planId: string,
	next: Next<IndicatorEvaluationRow[]>,
	error: Failed
) => follow(observeIndicatorEvaluations(clientDb(), planId), next, error);
export const followPackPlaces = (packId: string, next: Next<Place[]>, error: Failed) =>
	follow(observePlaces(clientDb(), packId), next, error);

// Reads and small writes.

/** This device's id (made on first use). */
export const thisDeviceId = () => deviceId(clientDb());
export const readSavedPlace = (id: string) => readPlace(clientDb(), id);
export const readSavedPackBundle = () => readPackBundle(clientDb());
export const skipSession = (userId: string, mark: PlaceDate, today: string) =>
	markSessionSkipped(clientDb(), userId, mark, today);
export const setSessionOff = (placeId: string, date: string, off: boolean) =>
	setOffDate(clientDb(), placeId, date, off);
export const noteSynced = (now?: number) => recordSynced(clientDb(), now);

/** The places an account registered (the session form's choices). */
export const placesOwnedBy = (userId: string): Promise<PlaceRow[]> =>
	clientDb().places.where('ownerId').equals(userId).toArray();

/** Every version of a session on this device (the one being corrected). */
export const sessionVersions = (sessionId: string): Promise<SessionRow[]> =>
	clientDb().sessions.where('sessionId').equals(sessionId).toArray();

// The plan and computed figures of the indicator screens (plan-cache.ts, computed-cache.ts).

export const savePlan = (city: string, json: unknown) => savePlanCopy(clientDb(), city, json);
export const lastSavedPlanCity = () => lastPlanCity(clientDb());
export const readSavedPlan = (city: string) => readPlanCopy(clientDb(), city);
export const saveComputedFigures = (snapshot: ComputedSnapshot) =>
	saveComputed(clientDb(), snapshot);
export const readSavedComputed = (planId: string, fiscalYear: number) =>
	readComputed(clientDb(), planId, fiscalYear);

// The signed-in account, cached so a volunteer keeps working offline for days.

/** Saves the account, and remembers its email by id (the sync panel names unsent ops' owners). */
export async function rememberAccount(account: AccountInfo): Promise<void> {
	const db = clientDb();
	await db.transaction('rw', db.kv, async () => {
		await db.kv.put({ key: 'account', value: account });
		const known = ((await db.kv.get('knownAccounts'))?.value ?? {}) as Record<string, string>;
		if (known[account.userId] !== account.email) {
			await db.kv.put({
				key: 'knownAccounts',
				value: { ...known, [account.userId]: account.email }
			});
		}
	});
}

export const cachedAccount = async (): Promise<AccountInfo | undefined> =>
	(await clientDb().kv.get('account'))?.value as AccountInfo | undefined;

export const forgetAccount = async (): Promise<void> => {
	await clientDb().kv.delete('account');
};
