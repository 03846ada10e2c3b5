/**
 * What a salon's yearly report reads on this device: every version of the place's sessions
 * (salon-year.ts picks the latest), the dates marked 休み, and when this device last finished
 * a sync pass. All local, so the report works offline.
 *
 * 休み marks are this device's own (kv `offDates:<placeId>`): they only take dates off the
 * organizer's list of gaps before printing, and no figure or verdict reads them. They are not
 * synced: another device of the same organizer lists those dates again. (Dates off set on the
 * place itself, the synced place field `offDates`, are added by the report page.)
 */
import { liveQuery, type Observable } from 'dexie';
import type { IbashoDb, SessionRow } from './ibasho-db';

const offKey = (placeId: string) => `offDates:${placeId}`;
const SYNCED_KEY = 'lastSyncedAt';

export interface SalonRecordsOnDevice {
	sessions: SessionRow[];
	offDates: string[];
	/** When a sync pass last finished on this device (ms), null when never. */
	lastSyncedAt: number | null;
}

export function observeSalonRecords(
	db: IbashoDb,
	placeId: string
): Observable<SalonRecordsOnDevice> {
	return liveQuery(async () => {
		const sessions = await db.sessions.where('placeId').equals(placeId).toArray();
		// A session moved to another place keeps its older versions here: fetch by id too, so
		// the latest version (elsewhere) decides, not a stale one at this place.
		const ids = [...new Set(sessions.map((s) => s.sessionId))];
		const all = ids.length ? await db.sessions.where('sessionId').anyOf(ids).toArray() : [];
		const off = (await db.kv.get(offKey(placeId)))?.value;
		const synced = (await db.kv.get(SYNCED_KEY))?.value;
		return {
			sessions: all,
			offDates: Array.isArray(off) ? off.filter((d): d is string => typeof d === 'string') : [],
			lastSyncedAt: typeof synced === 'number' ? synced : null
		};
	});
}

/** Marks a scheduled date 休み (or takes the mark back). */
export async function setOffDate(db: IbashoDb, placeId: string, date: string, off: boolean) {
	await db.transaction('rw', db.kv, async () => {
		const value = (await db.kv.get(offKey(placeId)))?.value;
		const dates = new Set(Array.isArray(value) ? (value as string[]) : []);
		if (off) dates.add(date);
		else dates.delete(date);
		await db.kv.put({ key: offKey(placeId), value: [...dates].sort() });
	});
}

/** Called when a sync pass has finished: the report says since when it is in step. */
export async function recordSynced(db: IbashoDb, now = Date.now()) {
	await db.kv.put({ key: SYNCED_KEY, value: now });
}
