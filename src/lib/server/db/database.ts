/**
 * The one place that talks SQL. Two engines behind one small interface:
 * - PGlite (embedded PostgreSQL in WASM) in DATA_DIR, so `npm start` needs no setup;
 * - a real PostgreSQL server when DATABASE_URL is set.
 * Both run the same SQL and the same migrations; repositories only see `Database`.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

export type Row = Record<string, unknown>;

export interface Queryable {
	query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
	readonly engine: 'pglite' | 'postgres';
	/** Runs several statements; used by migrations only. */
	exec(sql: string): Promise<void>;
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export function pgliteDatabase(
	db: PGlite,
	onClose: () => void | Promise<void> = () => {}
): Database {
	return {
		engine: 'pglite',
		async query<T extends Row>(sql: string, params: unknown[] = []) {
			return (await db.query<T>(sql, params)).rows;
		},
		async exec(sql: string) {
			await db.exec(sql);
		},
		transaction<T>(fn: (tx: Queryable) => Promise<T>) {
			return db.transaction((tx) =>
				fn({
					async query<R extends Row>(sql: string, params: unknown[] = []) {
						return (await tx.query<R>(sql, params)).rows;
					}
				})
			);
		},
		async close() {
			await db.close();
			await onClose();
		}
	};
}

export function postgresDatabase(pool: Pool): Database {
	return {
		engine: 'postgres',
		async query<T extends Row>(sql: string, params: unknown[] = []) {
			return (await pool.query(sql, params)).rows as T[];
		},
		async exec(sql: string) {
			await pool.query(sql);
		},
		async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				const result = await fn({
					async query<R extends Row>(sql: string, params: unknown[] = []) {
						return (await client.query(sql, params)).rows as R[];
					}
				});
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch(() => {});
				throw error;
			} finally {
				client.release();
			}
		},
		async close() {
			await pool.end();
		}
	};
}
