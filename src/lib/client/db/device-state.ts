/**
 * This device's identity, clock and place in the pull feed, kept in the kv table: a device id
 * made once (it names the device in the audit log and owns its meeting tallies), the hybrid
 * logical clock, the pull cursor, the view its pages came with and, while re-pulling after a
 * reset, that reset's purge line.
 */
import { encodeHlc, decodeHlc, receive, tick, type HlcState } from '#lib/domain/sync/hlc.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import type { IbashoDb } from './ibasho-db';

export async function deviceId(db: IbashoDb): Promise<string> {
	return db.transaction('rw', db.kv, async () => {
		const row = await db.kv.get('deviceId');
		if (typeof row?.value === 'string') return row.value;
		const id = uuidv7();
		await db.kv.put({ key: 'deviceId', value: id });
		return id;
	});
}

/** Issues the next clock stamp; call inside the write's transaction (kv must be in scope). */
export async function nextStamp(db: IbashoDb, node: string, now = Date.now()): Promise<string> {
	const saved = (await db.kv.get('hlc'))?.value as HlcState | undefined;
	const next = tick(saved ?? { wall: 0, counter: 0, node }, now);
	await db.kv.put({ key: 'hlc', value: { ...next, node } });
	return encodeHlc({ ...next, node });
}

/** Moves the clock past stamps seen from the server, so later local edits order after them. */
export async function observeStamps(
	db: IbashoDb,
	node: string,
	stamps: string[],
	now = Date.now()
) {
	if (stamps.length === 0) return;
	let state = ((await db.kv.get('hlc'))?.value as HlcState | undefined) ?? {
		wall: 0,
		counter: 0,
		node
	};
	for (const s of stamps) if (decodeHlc(s)) state = receive(state, s, now);
	await db.kv.put({ key: 'hlc', value: { ...state, node } });
}

export async function readCursor(db: IbashoDb): Promise<number> {
	const v = (await db.kv.get('cursor'))?.value;
	return typeof v === 'number' ? v : 0;
}

/**
 * Where the next pull starts, the view of the pages applied so far, and — while re-pulling
 * after a reset — the purge line of that reset.
 */
export async function readPullState(
	db: IbashoDb
): Promise<{ cursor: number; view: string | undefined; resyncFrom: number | null }> {
	const resyncing = (await db.kv.get('resyncing'))?.value;
	const view = (await db.kv.get('view'))?.value;
	return {
		cursor: await readCursor(db),
		view: typeof view === 'string' ? view : undefined,
		// `true`: a re-pull begun before resets named their line. 0 makes it start over if any
		// purge has happened — safe, and it happens once.
		resyncFrom: typeof resyncing === 'number' ? resyncing : resyncing === true ? 0 : null
	};
}
