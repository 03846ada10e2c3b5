/**
 * The device side of a sync pass (sync-runner.ts): reading the account's outbox, recording the
 * server's answers to a push, and applying a pulled page with its cursor — each in one Dexie
 * transaction. The runner decides what to send and when; only this module touches the tables.
 *
 * Pull applies each page and advances the cursor in the same transaction, only after the page
 * is applied. Local edits not yet acknowledged are merged over what the server sent (per-field
 * clocks), so a pull never hides an edit a person just made.
 */
import { mergeFields, type StampedFields } from '#lib/domain/sync/merge-fields.js';
import { placeView } from '#lib/domain/sync/place-fields.js';
import { afterEdit } from '#lib/domain/sync/place-review.js';
import { isRetryableReason, type PullAnswer, type PushAnswer } from '#lib/domain/sync/protocol.js';
import type { Meeting, SessionRecord, Tally, TeamRecord } from '#lib/domain/records.js';
import type { Place } from '#lib/domain/model.js';
import type { IndicatorEntry } from '#lib/domain/indicators/entries.js';
import type { EvaluationEntry } from '#lib/domain/indicators/evaluations.js';
import { deviceId as getDeviceId, observeStamps } from './device-state';
import {
	recordTables,
	type IbashoDb,
	type MeetingRow,
	type OutboxRow,
	type SyncState
} from './ibasho-db';

type Change = PullAnswer['changes'][number];
type OpAnswer = PushAnswer['results'][number];

/** An account's pending ops after `afterSeq`, in the order they were made. */
export const pendingOf = (db: IbashoDb, userId: string, afterSeq: number, limit: number) =>
	db.outbox
		.where('[userId+status+seq]')
		.between([userId, 'pending', afterSeq], [userId, 'pending', Infinity], false, true)
		.limit(limit)
		.toArray();

/** The earliest retry time among the account's pending ops that wait for one. */
export async function nextRetryAt(db: IbashoDb, userId: string): Promise<number | null> {
	const first = await db.outbox
		.where('retryAt')
		.aboveOrEqual(0)
		.filter((r) => r.userId === userId && r.status === 'pending')
		.first();
	return first?.retryAt ?? null;
}

/**
 * Ops the server could never take (each alone over its body limit, `maxBytes`): refused on the
 * device.
 */
export async function refuseTooLarge(
	db: IbashoDb,
	rows: OutboxRow[],
	maxBytes: number
): Promise<number> {
	await db.transaction('rw', recordTables(db), async () => {
		for (const row of rows) {
			const details = { maxBytes };
			await db.outbox.update(row.seq!, { status: 'rejected', reason: 'op_too_large', details });
			await markEntity(db, row, 'rejected');
		}
	});
	return rows.length;
}

/**
 * Records the server's answers to a batch: applied ops leave the outbox; finally rejected and
 * conflicting ones stay, marked, for the person to see; ops answered with a retryable reason
 * stay pending and wait until `retryAt(attempts)`.
 */
export async function applyPushResults(
	db: IbashoDb,
	batch: OutboxRow[],
	results: OpAnswer[],
	retryAt: (attempts: number) => number
) {
	const byId = new Map(batch.map((b) => [b.opId, b]));
	let applied = 0;
	let rejected = 0;
	const retried: OutboxRow[] = [];
	await db.transaction('rw', recordTables(db), async () => {
		for (const result of results) {
			const row = byId.get(result.opId);
			if (!row) continue;
			if (result.status === 'rejected' && isRetryableReason(result.reason)) {
				// Not the op's fate: it stays pending (and so does its record) and goes again later.
				const attempts = (row.attempts ?? 0) + 1;
				await db.outbox.update(row.seq!, {
					reason: result.reason,
					details: result.details,
					attempts,
					retryAt: retryAt(attempts)
				});
				retried.push(row);
				continue;
			}
			if (result.status === 'applied') {
				await db.outbox.delete(row.seq!);
				applied += 1;
			} else {
				await db.outbox.update(row.seq!, {
					status: result.status,
					reason: result.reason,
					details: result.details,
					retryAt: undefined
				});
				rejected += 1;
			}
			// A session or team version is a row of its own, answered by its own op. A place,
			// meeting or tally row is shared by several ops: it stays pending while any is.
			const ownRow = row.op.kind === 'session.record' || row.op.kind === 'team.record';
			const stillPending = ownRow
				? 0
				: await db.outbox
						.where('entityId')
						.equals(row.entityId)
						.filter((o) => o.status === 'pending')
						.count();
			const state: SyncState =
				result.status === 'applied' ? (stillPending ? 'pending' : 'sent') : result.status;
			await markEntity(db, row, state);
		}
	});
	return { applied, rejected, retrying: retried.length, retried };
}

async function markEntity(db: IbashoDb, row: OutboxRow, state: SyncState) {
	const op = row.op;
	switch (op.kind) {
		case 'place.upsert':
		case 'place.moderate':
			await db.places.update(op.placeId, { syncState: state });
			break;
		case 'session.record':
			await db.sessions.update([op.sessionId, op.version], { syncState: state });
			break;
		case 'meeting.upsert':
			await db.meetings.update(op.meetingId, { syncState: state });
			break;
		case 'tally.set':
			await db.tallies
				.where('tallyId')
				.equals(op.tallyId)
				.modify((t) => {
					if (t.version === op.version) t.syncState = state;
				});
			break;
		case 'team.record':
			await db.teams.update([op.teamId, op.version], { syncState: state });
			break;
		case 'indicator.record':
			// Only if the row still shows this entry (a newer one may have replaced it).
			await db.indicatorEntries
				.where('key')
				.equals(row.entityId)
				.modify((e) => {
					if (e.entryId === op.entryId) e.syncState = state;
				});
			break;
		case 'indicator.evaluate':
			await db.indicatorEvaluations
				.where('key')
				.equals(row.entityId)
				.modify((e) => {
					if (e.evaluationId === op.evaluationId) e.syncState = state;
				});
			break;
	}
}

/** Stamped fields of this entity's ops that the server has not acknowledged yet. */
async function pendingFields(db: IbashoDb, entityId: string): Promise<StampedFields> {
	const pending = await db.outbox
		.where('entityId')
		.equals(entityId)
		.filter((o) => o.status === 'pending')
		.sortBy('seq');
	let fields: StampedFields = {};
	for (const { op } of pending) {
		if (op.kind !== 'place.upsert' && op.kind !== 'meeting.upsert') continue;
		const stamped = Object.fromEntries(
			Object.entries(op.fields)
				.filter(([, v]) => v !== undefined)
				.map(([k, value]) => [k, { value, at: op.at }])
		);
		fields = mergeFields(fields, stamped).merged;
	}
	return fields;
}

export async function applyPullPage(db: IbashoDb, device: string, page: PullAnswer) {
	await db.transaction('rw', recordTables(db), async () => {
		// The pages that follow are of this view (a reset may be the answer to a new one).
		if (page.view !== undefined) await db.kv.put({ key: 'view', value: page.view });
		if (page.reset) {
			await db.kv.put({ key: 'resyncing', value: page.purgedThrough ?? 0 });
			await resetSyncedTables(db);
			await db.kv.put({ key: 'cursor', value: 0 });
			return;
		}
		const stamps: string[] = [];
		for (const change of page.changes) {
			if (change.gone) await dropGone(db, device, change);
			else stamps.push(...(await applyChange(db, change)));
		}
		await observeStamps(db, device, stamps);
		await db.kv.put({ key: 'cursor', value: page.cursor });
		if (!page.hasMore) await db.kv.delete('resyncing');
	});
}

async function applyChange(db: IbashoDb, change: Change): Promise<string[]> {
	switch (change.entity) {
		case 'place': {
			const data = change.data as Place & {
				packId: string;
				fields: StampedFields;
				publishedFields?: StampedFields | null;
			};
			const local = await pendingFields(db, change.id);
			const hasPending = Object.keys(local).length > 0;
			const merge = mergeFields(data.fields, local);
			const fields = hasPending ? merge.merged : data.fields;
			const { fields: _f, packId, publishedFields: _p, ...serverPlace } = data;
			// The place's own audience gets the published fields beside the working ones; anyone
			// else gets the published version itself (its fields are the published ones).
			const published =
				data.publishedFields !== undefined
					? data.publishedFields
					: serverPlace.moderation === 'approved'
						? data.fields
						: null;
			// Unsent edits over it take the review state the server will give them; whether this
			// account may publish directly is the server's to say, so until then a material edit
			// shows as waiting (確認待ち).
			const review = hasPending
				? afterEdit(
						{ moderation: serverPlace.moderation, publishedFields: published },
						fields,
						merge.applied,
						false
					)
				: { moderation: serverPlace.moderation, publishedFields: published };
			const place = hasPending
				? placeView({
						id: change.id,
						ownerId: serverPlace.ownerId ?? null,
						moderation: review.moderation,
						moderationNote: serverPlace.moderationNote ?? null,
						fields
					})
				: serverPlace;
			await db.places.put({
				...place,
				packId,
				ordinal: Number.MAX_SAFE_INTEGER,
				via: 'sync',
				fields,
				publishedFields: review.publishedFields,
				syncState: hasPending ? 'pending' : 'sent'
			});
			return Object.values(data.fields).map((f) => f.at);
		}
		case 'session': {
			const record = change.data as SessionRecord;
			const local = await db.sessions.get([record.sessionId, record.version]);
			if (!local || local.syncState !== 'pending') {
				await db.sessions.put({
					...record,
					syncState: 'sent',
					savedAt: local?.savedAt ?? Date.now()
				});
			}
			return [];
		}
		case 'meeting': {
			const data = change.data as Meeting & { fields: StampedFields };
			const local = await pendingFields(db, change.id);
			const fields = mergeFields(data.fields, local).merged;
			const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.value]));
			const row = {
				...data,
				...values,
				fields,
				...(change.city ? { packId: change.city } : {}),
				syncState: Object.keys(local).length ? 'pending' : 'sent'
			} as MeetingRow;
			await db.meetings.put(row);
			return Object.values(data.fields).map((f) => f.at);
		}
		case 'tally': {
			const tally = change.data as Tally;
			const local = await db.tallies.get(tally.tallyId);
			// A tally is single-writer: this device's own newer version is never replaced.
			if (!local || local.version <= tally.version)
				await db.tallies.put({ ...tally, syncState: 'sent' });
			return [];
		}
		case 'team': {
			const record = change.data as TeamRecord;
			const local = await db.teams.get([record.teamId, record.version]);
			if (!local || local.syncState !== 'pending')
				await db.teams.put({ ...record, syncState: 'sent' });
			return [];
		}
		case 'indicator': {
			const entry = change.data as IndicatorEntry;
			const local = await db.indicatorEntries.get(change.id);
			// The latest stamp stands: an entry made here after the server's is kept.
			if (!local || local.at <= entry.at) {
				await db.indicatorEntries.put({ ...entry, key: change.id, syncState: 'sent' });
			}
			return [entry.at];
		}
		case 'evaluation': {
			const evaluation = change.data as EvaluationEntry;
			const local = await db.indicatorEvaluations.get(change.id);
			// The latest stamp stands: an evaluation made here after the server's is kept.
			if (!local || local.at <= evaluation.at) {
				await db.indicatorEvaluations.put({ ...evaluation, key: change.id, syncState: 'sent' });
			}
			return [evaluation.at];
		}
	}
}

/**
 * The entity left this account's view: its copy goes, even with edits still unsent — whoever
 * may not see a record may not change it either, so the server will refuse them and the
 * outbox shows why. This device's own tallies stay, as in a reset.
 */
async function dropGone(db: IbashoDb, device: string, change: Change): Promise<void> {
	await DROP_GONE[change.entity](db, change.id, device);
}

/** By entity (a Record, so a new entity cannot be forgotten here). */
const DROP_GONE: Record<
	Change['entity'],
	(db: IbashoDb, id: string, device: string) => Promise<unknown>
> = {
	place: (db, id) => db.places.delete(id),
	session: (db, id) => db.sessions.where('sessionId').equals(id).delete(),
	meeting: (db, id) => db.meetings.delete(id),
	tally: (db, id, device) =>
		db.tallies
			.where('tallyId')
			.equals(id)
			.filter((t) => t.deviceId !== device)
			.delete(),
	team: (db, id) => db.teams.where('teamId').equals(id).delete(),
	indicator: (db, id) => db.indicatorEntries.delete(id),
	evaluation: (db, id) => db.indicatorEvaluations.delete(id)
};

/** After a server reset: drop synced copies, keeping anything with edits still unsent. */
async function resetSyncedTables(db: IbashoDb) {
	const pendingIds = new Set(
		(await db.outbox.where('status').equals('pending').toArray()).map((o) => o.entityId)
	);
	await db.places.filter((p) => p.via === 'sync' && !pendingIds.has(p.id)).delete();
	await db.sessions.filter((s) => !pendingIds.has(s.sessionId)).delete();
	await db.meetings.filter((m) => !pendingIds.has(m.meetingId)).delete();
	// This device's own tallies stay: they are the only place its tally id and version live, and
	// a new save must continue them, not start a second tally of the same phone.
	const device = await getDeviceId(db);
	await db.tallies.filter((t) => !pendingIds.has(t.tallyId) && t.deviceId !== device).delete();
	await db.teams.filter((t) => !pendingIds.has(t.teamId)).delete();
	await db.indicatorEntries.filter((e) => !pendingIds.has(e.key)).delete();
	await db.indicatorEvaluations.filter((e) => !pendingIds.has(e.key)).delete();
}

/**
 * Everything not yet applied on the server — pending, waiting for a retry, refused, in
 * conflict, of every account that used this device — for "save to a file" when it cannot be
 * sent. Each op names the account that made it.
 */
export async function exportUnsent(
	db: IbashoDb
): Promise<{ exportedAt: string; deviceId: string; ops: OutboxRow[] }> {
	return {
		exportedAt: new Date().toISOString(),
		deviceId: await getDeviceId(db),
		ops: await db.outbox.orderBy('seq').toArray()
	};
}
