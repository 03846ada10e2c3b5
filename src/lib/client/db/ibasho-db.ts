/**
 * The browser's database: the one Dexie class, with every schema version in order.
 * A version, once released, is never edited: add the next one (Dexie upgrades in place and
 * keeps every row; tests/unit/client/db-migration.test.ts proves it from version 1 up).
 * Only modules in src/lib/client/db import Dexie.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { ClientConfig } from '#lib/config.js';
import type { PackGeometry, Place, PlacePack } from '#lib/domain/model.js';
import type { Meeting, SessionRecord, Tally, TeamRecord } from '#lib/domain/records.js';
import type { IndicatorEntry } from '#lib/domain/indicators/entries.js';
import type { EvaluationEntry } from '#lib/domain/indicators/evaluations.js';
import type { StampedFields } from '#lib/domain/sync/merge-fields.js';
import type { Entity, Op, OpStatus } from '#lib/domain/sync/protocol.js';
import { isRetryableReason, type Reason } from '#lib/domain/sync/reasons.js';

/** Where a local record stands with the server: the state "my recent sessions" shows. */
export type SyncState = 'pending' | 'sent' | 'rejected' | 'conflict';

export type PackMeta = Omit<PlacePack, 'places'>;

export interface PlaceRow extends Place {
	packId: string;
	/** Position in the server's list, so the device shows the same order as the server. */
	ordinal: number;
	/** 'pack': from the public pack download; 'sync': from the signed-in sync (has field state). */
	via?: 'pack' | 'sync';
	fields?: StampedFields;
	/**
	 * What residents see of the place (the version last approved, sync/place-review.ts), as
	 * the server sent it to the place's own audience; null while never approved.
	 */
	publishedFields?: StampedFields | null;
	syncState?: SyncState;
}

/** Refusals the device makes itself, before the server sees the op. */
export const LOCAL_REASONS = ['op_too_large'] as const;
export type LocalReason = (typeof LOCAL_REASONS)[number];

export interface OutboxRow {
	/** Local order: ops go out in the order they were made. */
	seq?: number;
	opId: string;
	op: Op;
	entity: Entity;
	entityId: string;
	/**
	 * The account that made the op: only that account sends it (the server records who did
	 * what by the session that pushes). Empty only on rows made before version 7 by a device
	 * that had no account recorded any more: those are kept and exported, never sent.
	 */
	userId: string;
	status: 'pending' | Exclude<OpStatus, 'applied'>;
	/**
	 * Why the server refused it (a final answer), or — on a pending row — why the last attempt
	 * must be repeated (a retryable answer, see RETRYABLE_REASONS). A newer server may send a
	 * code this app does not know: it is kept as text.
	 */
	reason?: Reason | LocalReason | (string & {});
	details?: unknown;
	createdAt: number;
	/**
	 * Only on a pending row after a retryable answer: attempts so far, and not sent again before
	 * `retryAt` (unless the person asks to send now). Removed when the answer is final.
	 */
	attempts?: number;
	retryAt?: number;
}

export interface SessionRow extends SessionRecord {
	syncState: SyncState;
	savedAt: number;
}
export interface MeetingRow extends Meeting {
	fields: StampedFields;
	/** Its city: set when created here, and from the feed (absent on copies pulled before). */
	packId?: string;
	syncState: SyncState;
}
export interface TallyRow extends Tally {
	syncState: SyncState;
}
export interface TeamRow extends TeamRecord {
	syncState: SyncState;
}
/** The standing entry of one plan indicator and year (the latest one this device knows). */
export interface IndicatorEntryRow extends IndicatorEntry {
	/** entryKey(): plan/indicator/year. */
	key: string;
	syncState: SyncState;
}
/** The standing evaluation of one plan indicator and year (the latest one this device knows). */
export interface IndicatorEvaluationRow extends EvaluationEntry {
	/** evaluationKey(): plan/indicator/year/evaluation. */
	key: string;
	syncState: SyncState;
}
export interface PackRow {
	id: string;
	meta: PackMeta;
	config: ClientConfig;
	/** When this snapshot was last confirmed by the server (ms since epoch). */
	savedAt: number;
	/** The server's revision of the pack's content: an unchanged pack is not written again. */
	revision?: string;
}
export interface GeometryRow {
	packId: string;
	geometry: PackGeometry;
}
export interface KeyValueRow {
	key: string;
	value: unknown;
}

/** Each step lists only the tables it adds or changes (Dexie carries the rest forward). */
export interface SchemaStep {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void>;
}

export const PACK_CHUNK_SIZE = 1000;

export interface PackChunkRow {
	packId: string;
	index: number;
	places: Place[];
}

/** v4 upgrade: the pack's places move from one row each into chunks, in server order. */
async function movePackPlacesIntoChunks(tx: Transaction) {
	const places = tx.table<PlaceRow, string>('places');
	const fromPack = await places.filter((p) => p.via !== 'sync').toArray();
	const byPack = new Map<string, PlaceRow[]>();
	for (const row of fromPack) byPack.set(row.packId, [...(byPack.get(row.packId) ?? []), row]);
	const chunks: PackChunkRow[] = [];
	for (const [packId, rows] of byPack) {
		rows.sort((a, b) => a.ordinal - b.ordinal);
		const list: Place[] = rows.map(
			({ packId: _p, ordinal: _o, via: _v, fields: _f, ...place }) => place
		);
		for (let i = 0; i * PACK_CHUNK_SIZE < list.length; i++) {
			chunks.push({
				packId,
				index: i,
				places: list.slice(i * PACK_CHUNK_SIZE, (i + 1) * PACK_CHUNK_SIZE)
			});
		}
	}
	await tx.table<PackChunkRow, [string, number]>('packChunks').bulkPut(chunks);
	await places.bulkDelete(fromPack.map((r) => r.id));
}

/** The `userId` of an op whose account is not known (made before ops named their account). */
export const UNKNOWN_ACCOUNT = '';

/**
 * v6 upgrade: rows made before ops named their account belong to the account the device has
 * recorded (the one signed in, or whose sign-in expired); with none recorded they stay
 * unowned — kept and exportable, never sent under someone else's name. Rows an earlier app
 * marked refused for a passing reason (a server failure, a clock ahead) are pending again.
 */
async function ownOutboxRows(tx: Transaction) {
	const account = (await tx.table<KeyValueRow, string>('kv').get('account'))?.value as
		{ userId?: unknown } | undefined;
	const userId = typeof account?.userId === 'string' ? account.userId : UNKNOWN_ACCOUNT;
	await tx
		.table<OutboxRow, number>('outbox')
		.toCollection()
		.modify((row) => {
			row.userId ??= userId;
			if (row.status === 'rejected' && isRetryableReason(row.reason)) {
				row.status = 'pending';
				row.attempts = 1;
				row.retryAt = 0; // due now: it goes with the next sync
			}
		});
}

export const SCHEMA_HISTORY: readonly SchemaStep[] = [
	// 1: the pack snapshot a resident reads offline.
	{ version: 1, stores: { places: 'id, packId', packs: 'id' } },
	// 2: district index on places; district outlines kept apart (large, rarely change);
	//    a key-value table for device state (persistence asked, last refresh).
	{
		version: 2,
		stores: { places: 'id, packId, *districtIds', geometry: 'packId', kv: 'key' }
	},
	// 3: sync. The outbox (ops not yet acknowledged) and the records people make. Sessions and
	//    teams keep every version (a correction never overwrites); places gain an owner index.
	{
		version: 3,
		stores: {
			places: 'id, packId, *districtIds, ownerId',
			outbox: '++seq, &opId, status, entityId',
			sessions: '[sessionId+version], sessionId, placeId, date',
			meetings: 'meetingId, date',
			tallies: 'tallyId, meetingId',
			teams: '[teamId+version], teamId, districtId'
		}
	},
	// 4: the pack download is stored in chunks of 1,000 places a row. One row per place cost
	//    Chromium ~24 s for 150,000 places; chunks write them in about a second. The places
	//    table keeps only what came through the signed-in sync (edited, per-row, indexed).
	{
		version: 4,
		stores: { packChunks: '[packId+index], packId' },
		upgrade: movePackPlacesIntoChunks
	},
	{ version: 5, stores: { indicatorEntries: 'key, planId' } },
	// 6: staff evaluations of the plan's indicators (the standing one per indicator and year).
	{ version: 6, stores: { indicatorEvaluations: 'key, planId' } },
	// 7: each op names the account that made it (only that account sends it), indexed with its
	//    status in local order; ops refused for a passing reason go back to the queue, and
	//    wait until `retryAt` (indexed: only rows waiting for a retry have one).
	{
		version: 7,
		stores: { outbox: '++seq, &opId, status, entityId, retryAt, [userId+status+seq]' },
		upgrade: ownOutboxRows
	}
];

export const DB_NAME = 'ibasho';

export class IbashoDb extends Dexie {
	places!: Table<PlaceRow, string>;
	packs!: Table<PackRow, string>;
	geometry!: Table<GeometryRow, string>;
	kv!: Table<KeyValueRow, string>;
	outbox!: Table<OutboxRow, number>;
	sessions!: Table<SessionRow, [string, number]>;
	meetings!: Table<MeetingRow, string>;
	tallies!: Table<TallyRow, string>;
	teams!: Table<TeamRow, [string, number]>;
	packChunks!: Table<PackChunkRow, [string, number]>;
	indicatorEntries!: Table<IndicatorEntryRow, string>;
	indicatorEvaluations!: Table<IndicatorEvaluationRow, string>;

	constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		for (const step of SCHEMA_HISTORY) {
			const version = this.version(step.version).stores(step.stores);
			if (step.upgrade) version.upgrade(step.upgrade);
		}
	}
}

/**
 * The tables an edit or a sync writes, plus the outbox: a write and its op, or a pulled page
 * and the cursor, commit together only inside one transaction over all of them.
 */
export const recordTables = (db: IbashoDb) => [
	db.kv,
	db.outbox,
	db.places,
	db.sessions,
	db.meetings,
	db.tallies,
	db.teams,
	db.indicatorEntries,
	db.indicatorEvaluations
];

let instance: IbashoDb | null = null;

/** The page's one database connection, created on first use (browser only). */
export function clientDb(): IbashoDb {
	instance ??= new IbashoDb();
	return instance;
}
