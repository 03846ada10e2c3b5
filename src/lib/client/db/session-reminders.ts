/**
 * What the /work reminder (開催日で未記録, domain/due-sessions.ts) reads from this device: the
 * sessions logged at the account's places, and the dates the person marked 休み.
 *
 * 休み stays on this device. No synced record fits it: a session record counts a meeting that
 * was held (a "held, zero people" record would be counted as a session in the indicators), and
 * a place's fields are public or reviewed. So it is kept per account in the device's key-value
 * table, the screen says so, and another phone of the same person still reminds of that date.
 */
import { liveQuery, type Observable } from 'dexie';
import type { PlaceDate } from '#lib/domain/due-sessions.js';
import type { IbashoDb, SessionRow } from './ibasho-db';

const skippedKey = (userId: string) => `skipped-sessions:${userId}`;

/** Marks kept this long after their date (past the reminder's four weeks), then dropped. */
const KEEP_DAYS = 60;

interface SkippedMark extends PlaceDate {
	/** When it was marked (ms since epoch). */
	at: number;
}

async function readMarks(db: IbashoDb, userId: string): Promise<SkippedMark[]> {
	const row = await db.kv.get(skippedKey(userId));
	return Array.isArray(row?.value) ? (row.value as SkippedMark[]) : [];
}

/** Marks a scheduled date of a place as not held (休み) for this account on this device. */
export async function markSessionSkipped(
	db: IbashoDb,
	userId: string,
	mark: PlaceDate,
	today: string
): Promise<void> {
	const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - KEEP_DAYS * 86_400_000)
		.toISOString()
		.slice(0, 10);
	await db.transaction('rw', db.kv, async () => {
		const marks = (await readMarks(db, userId)).filter(
			(m) => m.date >= oldest && !(m.placeId === mark.placeId && m.date === mark.date)
		);
		marks.push({ ...mark, at: Date.now() });
		await db.kv.put({ key: skippedKey(userId), value: marks });
	});
}

export function observeSkippedSessions(db: IbashoDb, userId: string): Observable<PlaceDate[]> {
	return liveQuery(async () =>
		(await readMarks(db, userId)).map(({ placeId, date }) => ({ placeId, date }))
	);
}

/** Sessions dated `from` or later (the latest version of each, deleted ones flagged). */
export function observeLoggedSince(
	db: IbashoDb,
	from: string
): Observable<(PlaceDate & { deleted: boolean })[]> {
	return liveQuery(async () => {
		const recent = await db.sessions.where('date').aboveOrEqual(from).toArray();
		// Every version of those sessions: a correction may have moved one out of the window.
		const ids = [...new Set(recent.map((s) => s.sessionId))];
		const rows = await db.sessions.where('sessionId').anyOf(ids).toArray();
		const latest = new Map<string, SessionRow>();
		for (const s of rows) {
			const seen = latest.get(s.sessionId);
			if (!seen || seen.version < s.version) latest.set(s.sessionId, s);
		}
		return [...latest.values()]
			.filter((s) => s.date >= from)
			.map((s) => ({
				placeId: s.placeId,
				date: s.date,
				deleted: s.deleted
			}));
	});
}
