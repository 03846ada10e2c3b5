/**
 * Every edit a person makes: written to the local tables and the outbox in ONE transaction, so
 * an edit is never shown without being queued, nor queued without being shown. Ids are made
 * here (UUIDv7); the server never invents them. Returns the op so callers can show its id.
 */
import { entryKey } from '#lib/domain/indicators/entries.js';
import { evaluationKey, type EvaluationInput } from '#lib/domain/indicators/evaluations.js';
import type { Actor } from '#lib/domain/policy.js';
import {
	isOwnTally,
	type Meeting,
	type SessionRecord,
	type Tally,
	type TeamRecord
} from '#lib/domain/records.js';
import { mergeFields, type StampedFields } from '#lib/domain/sync/merge-fields.js';
import { enforceContactConsent, placeView } from '#lib/domain/sync/place-fields.js';
import { afterEdit, afterModeration, mayApproveEdit } from '#lib/domain/sync/place-review.js';
import type { Entity, Op, OpOf, PlaceFields } from '#lib/domain/sync/protocol.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { deviceId as getDeviceId, nextStamp } from './device-state';
import { recordTables, type IbashoDb, type MeetingRow } from './ibasho-db';
import { guardQuota } from './storage-errors';

export interface Writer {
	db: IbashoDb;
	/** The signed-in account: owner of what it creates. */
	userId: string;
	/** Its role and districts, so an edit shows the review state the server will give it. */
	actor?: Actor;
	now?: () => number;
}

type Body<K extends Op['kind']> = Omit<OpOf<K>, 'opId' | 'deviceId' | 'at' | 'kind'>;

/**
 * A plain copy of what a form hands over. Screens pass rune state (proxies), which IndexedDB
 * cannot store (DataCloneError); ops are JSON by protocol, so a JSON copy is exact.
 */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** An op's body and the id of the record it is about. */
interface Prepared<K extends Op['kind']> {
	entityId: string;
	body: Body<K>;
}

/**
 * Writes an op and its effect in one transaction. `prepare` may be a function: it then runs
 * inside that transaction, for a body that depends on what is stored (a tally's next version:
 * read outside, two quick saves would both take the same one).
 */
async function enqueue<K extends Op['kind']>(
	w: Writer,
	kind: K,
	entity: Entity,
	prepare: Prepared<K> | (() => Promise<Prepared<K>>),
	apply: (op: OpOf<K>) => Promise<void>
): Promise<OpOf<K>> {
	const { db } = w;
	const device = await getDeviceId(db);
	return guardQuota(() =>
		db.transaction('rw', recordTables(db), async () => {
			const { entityId, body } = typeof prepare === 'function' ? await prepare() : prepare;
			const at = await nextStamp(db, device, w.now?.() ?? Date.now());
			const op = { opId: uuidv7(), deviceId: device, at, kind, ...body } as unknown as OpOf<K>;
			await apply(op);
			await db.outbox.add({
				opId: op.opId,
				op,
				entity,
				entityId,
				userId: w.userId,
				status: 'pending',
				createdAt: w.now?.() ?? Date.now()
			});
			return op;
		})
	);
}

const stamp = (fields: Record<string, unknown>, at: string): StampedFields =>
	Object.fromEntries(
		Object.entries(fields)
			.filter(([, v]) => v !== undefined)
			.map(([k, value]) => [k, { value, at }])
	);

/**
 * Registers a new place (pending until a coordinator approves it). Returns its op. `placeId`
 * is given only by an import, whose ids come from the file's rows (domain/import/import-id.ts).
 */
export function registerPlace(
	w: Writer,
	packId: string,
	input: PlaceFields,
	placeId: string = uuidv7()
) {
	const fields = plain(input);
	const prepared = { entityId: placeId, body: { placeId, packId, fields } };
	return enqueue(w, 'place.upsert', 'place', prepared, async (op) => {
		const stamped = enforceContactConsent(stamp(fields, op.at));
		// A coordinator of the district (or staff) registering has approved it already.
		const isApproved = mayApproveEdit(w.actor, w.userId, stamped);
		const place = placeView({
			id: placeId,
			ownerId: w.userId,
			moderation: isApproved ? 'approved' : 'pending',
			moderationNote: null,
			fields: stamped
		});
		await w.db.places.put({
			...place,
			packId,
			ordinal: Number.MAX_SAFE_INTEGER,
			via: 'sync',
			fields: stamped,
			publishedFields: isApproved ? stamped : null,
			syncState: 'pending'
		});
	});
}

/** Edits some fields of a place; the rest keep their values (per-field merge). */
export async function editPlace(w: Writer, placeId: string, input: Partial<PlaceFields>) {
	const fields = plain(input);
	const row = await w.db.places.get(placeId);
	if (!row?.fields) throw new Error(`place ${placeId} is not editable on this device`);
	return enqueue(
		w,
		'place.upsert',
		'place',
		{ entityId: placeId, body: { placeId, packId: row.packId, fields } },
		async (op) => {
			const current = (await w.db.places.get(placeId))!;
			const merge = mergeFields(current.fields ?? {}, stamp(fields, op.at));
			const merged = enforceContactConsent(merge.merged);
			// The server's rule, run here: a sent-back registration is submitted again, and a
			// material change to an approved place waits for review (確認待ち) while residents
			// keep its published version.
			const review = afterEdit(
				{ moderation: current.moderation, publishedFields: current.publishedFields ?? null },
				merged,
				merge.applied,
				mayApproveEdit(w.actor, current.ownerId ?? null, merged)
			);
			const place = placeView({
				id: placeId,
				ownerId: current.ownerId ?? null,
				moderation: review.moderation,
				moderationNote: review.moderation === 'returned' ? (current.moderationNote ?? null) : null,
				fields: merged
			});
			await w.db.places.put({
				...current,
				...place,
				fields: merged,
				publishedFields: review.publishedFields,
				syncState: 'pending'
			});
		}
	);
}

export function moderatePlace(
	w: Writer,
	placeId: string,
	decision: 'approve' | 'return',
	reason: string | null
) {
	const prepared = { entityId: placeId, body: { placeId, decision, reason } };
	return enqueue(w, 'place.moderate', 'place', prepared, async () => {
		const row = await w.db.places.get(placeId);
		if (!row) return;
		const review = afterModeration(
			{ moderation: row.moderation, publishedFields: row.publishedFields ?? null },
			row.fields ?? {},
			decision
		);
		await w.db.places.put({
			...row,
			moderation: review.moderation,
			moderationNote: decision === 'return' ? reason : null,
			// A place from the pack download (no field state) is not one people review.
			...(row.fields ? { publishedFields: review.publishedFields } : {})
		});
	});
}

export type SessionInput = Omit<SessionRecord, 'sessionId' | 'version' | 'deleted'>;

/** Logs a session, or corrects one as a new version (the old version stays). */
export function recordSession(
	w: Writer,
	sessionInput: SessionInput,
	correcting?: { sessionId: string; version: number },
	deleted = false
) {
	const sessionId = correcting?.sessionId ?? uuidv7();
	const version = (correcting?.version ?? 0) + 1;
	const body: Body<'session.record'> = plain({ sessionId, version, ...sessionInput, deleted });
	return enqueue(w, 'session.record', 'session', { entityId: sessionId, body }, async () => {
		await w.db.sessions.put({ ...body, syncState: 'pending', savedAt: w.now?.() ?? Date.now() });
	});
}

export type MeetingFields = Omit<Meeting, 'meetingId'>;

/** `packId`: the city of a new meeting (a city-wide one names no district to tell it by). */
export function saveMeeting(
	w: Writer,
	meetingId: string | null,
	input: Partial<MeetingFields>,
	packId?: string
) {
	const fields = plain(input);
	const id = meetingId ?? uuidv7();
	const prepared = {
		entityId: id,
		body: { meetingId: id, ...(packId ? { packId } : {}), fields }
	};
	return enqueue(w, 'meeting.upsert', 'meeting', prepared, async (op) => {
		const current = await w.db.meetings.get(id);
		const merged = mergeFields(current?.fields ?? {}, stamp(fields, op.at)).merged;
		const values = Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, v.value]));
		const row = {
			meetingId: id,
			districtIds: [],
			closed: false,
			...(packId ? { packId } : current?.packId ? { packId: current.packId } : {}),
			...values,
			fields: merged,
			syncState: 'pending'
		} as unknown as MeetingRow;
		await w.db.meetings.put(row);
	});
}

/**
 * This device's tally of a meeting: one record per device, replaced by higher versions. The
 * version is read and the new one written in one transaction, so two saves in quick
 * succession make two versions, the later one the higher.
 */
export async function saveTally(
	w: Writer,
	meetingId: string,
	countsInput: Tally['counts'],
	organisationsInput: string[]
) {
	const counts = plain(countsInput);
	const organisations = plain(organisationsInput);
	const device = await getDeviceId(w.db);
	const prepare = async () => {
		const mine = (await w.db.tallies.where('meetingId').equals(meetingId).toArray()).find((t) =>
			isOwnTally(t, device, w.userId)
		);
		const tallyId = mine?.tallyId ?? uuidv7();
		const version = (mine?.version ?? 0) + 1;
		return { entityId: tallyId, body: { tallyId, meetingId, version, counts, organisations } };
	};
	return enqueue(w, 'tally.set', 'tally', prepare, async (op) => {
		await w.db.tallies.put({
			tallyId: op.tallyId,
			meetingId,
			deviceId: device,
			userId: w.userId,
			version: op.version,
			counts,
			organisations,
			syncState: 'pending'
		});
	});
}

export type TeamInput = Omit<TeamRecord, 'teamId' | 'version' | 'deleted'>;

export function recordTeam(
	w: Writer,
	input: TeamInput,
	correcting?: { teamId: string; version: number },
	deleted = false
) {
	const teamId = correcting?.teamId ?? uuidv7();
	const version = (correcting?.version ?? 0) + 1;
	const body: Body<'team.record'> = plain({ teamId, version, ...input, deleted });
	return enqueue(w, 'team.record', 'team', { entityId: teamId, body }, async () => {
		await w.db.teams.put({ ...body, syncState: 'pending' });
	});
}

export type IndicatorInput = Omit<Body<'indicator.record'>, 'entryId'>;

/**
 * Enters a plan indicator's figure for a year (or adopts a computed one). It stands at once on
 * this device; the server keeps every entry and the latest stamp wins everywhere.
 */
export function recordIndicator(w: Writer, input: IndicatorInput, recordedBy: string) {
	const entryId = uuidv7();
	const body: Body<'indicator.record'> = plain({ entryId, ...input });
	const key = entryKey(body);
	return enqueue(w, 'indicator.record', 'indicator', { entityId: key, body }, async (op) => {
		await w.db.indicatorEntries.put({
			...body,
			note: body.note ?? null,
			at: op.at,
			recordedBy,
			key,
			syncState: 'pending'
		});
	});
}

/**
 * Evaluates a plan indicator's year (成果, 課題, mark, direction, reason). It stands at once on
 * this device; the server keeps every evaluation and the latest stamp wins everywhere.
 */
export function evaluateIndicator(w: Writer, input: EvaluationInput, recordedBy: string) {
	const evaluationId = uuidv7();
	const body: Body<'indicator.evaluate'> = plain({ evaluationId, ...input });
	const key = evaluationKey(body);
	return enqueue(w, 'indicator.evaluate', 'evaluation', { entityId: key, body }, async (op) => {
		await w.db.indicatorEvaluations.put({
			...body,
			at: op.at,
			recordedBy,
			key,
			syncState: 'pending'
		});
	});
}
