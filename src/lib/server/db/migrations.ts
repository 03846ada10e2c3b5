/**
 * Schema history, in order. A migration is never edited once released: add a new one.
 * Each runs in its own transaction and is recorded in schema_migrations.
 */
import type { Database } from './database';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'places',
		sql: `
			create table packs (
				id text primary key,
				content_hash text not null,
				seeded_at timestamptz not null default now()
			);
			create table places (
				id text primary key,
				pack_id text not null,
				origin text not null check (origin in ('pack', 'user', 'sample')),
				status text not null check (status in ('active', 'paused', 'closed')),
				moderation text not null check (moderation in ('approved', 'pending', 'returned')),
				-- Pack order, for a stable list before any sort (user places follow)
				ordinal integer not null default 0,
				data jsonb not null,
				updated_at timestamptz not null default now()
			);
			create index places_pack_public on places (pack_id) where moderation = 'approved';
		`
	}
];

export async function migrate(db: Database): Promise<number[]> {
	await db.exec(`create table if not exists schema_migrations (
		version integer primary key,
		name text not null,
		applied_at timestamptz not null default now()
	)`);
	const done = new Set(
		(await db.query<{ version: number }>('select version from schema_migrations')).map(
			(r) => r.version
		)
	);
	const applied: number[] = [];
	for (const m of MIGRATIONS) {
		if (done.has(m.version)) continue;
		await db.transaction(async (tx) => {
			for (const statement of splitStatements(m.sql)) await tx.query(statement);
			await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
				m.version,
				m.name
			]);
		});
		applied.push(m.version);
	}
	return applied;
}

/** Our migrations hold no semicolons inside strings, comments or functions, so a plain split is exact. */
function splitStatements(sql: string): string[] {
	return sql
		.split(';')
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}
