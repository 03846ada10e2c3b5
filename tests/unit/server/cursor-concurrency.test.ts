/**
 * The pull cursor never skips a change, even with concurrent writers (change-feed.ts header).
 *
 * Eight writers commit transactions that pause at random *inside* the transaction before
 * appending their changes, while a reader pulls with `readChanges` and moves its cursor to the
 * last seq it saw. Once the writers are done and the reader has drained the feed, it must have
 * seen every row exactly once, in strictly increasing seq order. Every entity is written once,
 * so no row is renumbered and the set seen must equal the set written.
 *
 * Real concurrency exists only on PostgreSQL (PGlite has one connection and runs transactions
 * one at a time), so a negative control runs there: seqs taken from a SEQUENCE at the *start*
 * of the transaction must make the same reader miss rows — proof the check can fail.
 */
import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '#lib/server/db/database.js';
import {
	appendChanges,
	readChanges,
	type ChangeRow,
	type Reader
} from '#lib/server/sync/change-feed.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { ENGINES, openTestDatabase } from './test-database';

const WRITERS = 8;
const TRANSACTIONS = 40;
const ROWS_PER_TRANSACTION = 3;
const PAGE = 50;
// Concurrency tests on a shared two-core machine: generous, they normally take a few seconds.
const TIMEOUT = 120_000;

/** How one transaction writes its rows; `pause` is the random in-transaction delay. */
type WriteStrategy = (
	tx: Queryable,
	rows: ChangeRow[],
	pause: () => Promise<void>
) => Promise<void>;

/** The production path: pause first, then appendChanges last, just before commit. */
const appendAtEnd: WriteStrategy = async (tx, rows, pause) => {
	await pause();
	await appendChanges(tx, rows);
};

/**
 * The broken design the change feed warns against: seqs taken from a SEQUENCE when the
 * transaction starts, so a transaction with lower seqs can commit after one with higher seqs.
 */
const sequenceAtStart: WriteStrategy = async (tx, rows, pause) => {
	const seqs = await tx.query<{ seq: number }>(
		`select nextval('early_seq') as seq from generate_series(1, $1)`,
		[rows.length]
	);
	await pause();
	await tx.query(
		`insert into changes (seq, entity, entity_id, data, city)
		 select * from unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[], $5::text[])`,
		[
			seqs.map((s) => s.seq),
			rows.map((r) => r.entity),
			rows.map((r) => r.entityId),
			rows.map((r) => JSON.stringify(r.data)),
			rows.map((r) => r.city)
		]
	);
};

interface Outcome {
	written: Set<string>;
	/** `entity:entityId` of every row the reader received, in the order received. */
	seen: string[];
	seqs: number[];
	/** Non-empty pages the reader got while writers were still running. */
	pagesDuringWrites: number;
}

async function runWorkload(
	db: Database,
	write: WriteStrategy,
	maxPauseSeconds: number
): Promise<Outcome> {
	const reader: Reader = {
		userId: uuidv7(),
		cityIds: ['tsurugashima'],
		districtIds: [],
		seesAll: true
	};
	const written = new Set<string>();
	const seen: string[] = [];
	const seqs: number[] = [];
	let writersDone = false;
	let pagesDuringWrites = 0;

	const writer = async (w: number) => {
		for (let t = 0; t < TRANSACTIONS; t++) {
			const rows: ChangeRow[] = Array.from({ length: ROWS_PER_TRANSACTION }, (_, r) => ({
				entity: 'place',
				entityId: `w${w}-t${t}-r${r}`,
				city: 'tsurugashima',
				data: { w, t, r },
				deleted: false,
				ownerId: null,
				districtIds: [],
				isPublic: false
			}));
			await db.transaction((tx) =>
				write(tx, rows, async () => {
					await tx.query('select pg_sleep($1)', [Math.random() * maxPauseSeconds]);
				})
			);
			for (const row of rows) written.add(`${row.entity}:${row.entityId}`);
		}
	};

	const pull = async () => {
		let cursor = 0;
		for (;;) {
			// Read the flag before the page: an empty page read after every commit means drained.
			const finished = writersDone;
			const page = await readChanges(db, reader, cursor, PAGE);
			for (const change of page) {
				seen.push(`${change.entity}:${change.entity_id}`);
				seqs.push(change.seq);
				cursor = change.seq;
			}
			if (page.length > 0 && !finished) pagesDuringWrites += 1;
			// No timer between polls: PGlite runs transactions as one chain of microtasks, so a
			// timer would not fire until the writers are done. Each poll queues behind PGlite's
			// transaction lock (or is a round trip to PostgreSQL), so this loop does not spin.
			if (page.length === 0 && finished) return;
		}
	};

	const reading = pull();
	await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).finally(() => {
		writersDone = true;
	});
	await reading;
	return { written, seen, seqs, pagesDuringWrites };
}

describe.each(ENGINES)('%s', (engine) => {
	it(
		'a reader pulling during concurrent writes sees every change exactly once, in seq order',
		async () => {
			const db = await openTestDatabase(engine);
			try {
				const { written, seen, seqs, pagesDuringWrites } = await runWorkload(
					db,
					appendAtEnd,
					0.005
				);
				expect(written.size).toBe(WRITERS * TRANSACTIONS * ROWS_PER_TRANSACTION);
				// The reader really raced the writers, or the check below proves nothing.
				expect(pagesDuringWrites).toBeGreaterThan(1);
				expect(seen.length).toBe(new Set(seen).size);
				expect(new Set(seen)).toEqual(written);
				for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
			} finally {
				await db.close();
			}
		},
		TIMEOUT
	);
});

describe('postgres negative control', () => {
	it(
		'seqs from a SEQUENCE taken at transaction start make the same reader skip rows',
		async () => {
			const missed: number[] = [];
			for (let attempt = 0; attempt < 3 && !missed.some((n) => n > 0); attempt++) {
				const db = await openTestDatabase('postgres');
				try {
					await db.query('create sequence early_seq');
					const { written, seen } = await runWorkload(db, sequenceAtStart, 0.01);
					expect(written.size).toBe(WRITERS * TRANSACTIONS * ROWS_PER_TRANSACTION);
					missed.push(written.size - new Set(seen).size);
				} finally {
					await db.close();
				}
			}
			console.log(`negative control: rows missed per attempt ${JSON.stringify(missed)}`);
			expect(missed.some((n) => n > 0)).toBe(true);
		},
		TIMEOUT
	);
});
