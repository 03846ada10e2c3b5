/**
 * Migration 11 (cities-apart) on a database as migrations 1–10 left it, on PGlite and on
 * PostgreSQL: existing accounts become accounts of the one city the deployment held, and every
 * existing feed row names the city its record stores (a meeting, its tally and a team here
 * are of a second, generated city, to tell the lookup from the fallback), so the accounts keep
 * pulling their city's rows. Every account and record here is generated test data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { findAccountByEmail, hashPassword } from '#lib/server/auth/accounts-repo.js';
import type { Database } from '#lib/server/db/database.js';
import { migrate, MIGRATIONS } from '#lib/server/db/migrations.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { ENGINES, openUnmigratedTestDatabase } from './test-database';

const CITIES_VERSION = MIGRATIONS.find((m) => m.name === 'cities-apart')!.version;

describe.each(ENGINES)('%s', (engine) => {
	let db: Database;
	const ids = {
		place: 'generated-salon-1',
		session: uuidv7(),
		meeting: uuidv7(),
		tally: uuidv7(),
		team: uuidv7(),
		indicator: uuidv7(),
		orphan: uuidv7()
	};

	beforeAll(async () => {
		db = await openUnmigratedTestDatabase(engine);
		await migrate(
			db,
			MIGRATIONS.filter((m) => m.version < CITIES_VERSION)
		);
		const user = uuidv7();
		const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
		await q(`insert into packs (id, content_hash) values ('tsurugashima', 'x')`);
		await q(
			`insert into users (id, email, password_hash, role, district_ids)
			 values ($1, 'staff@example.test', $2, 'staff', '{}')`,
			[user, await hashPassword('correct horse battery')]
		);
		await q(
			`insert into places (id, pack_id, origin, status, moderation, data, owner_id)
			 values ($1, 'tsurugashima', 'user', 'active', 'approved', '{}', $2)`,
			[ids.place, user]
		);
		await q(
			`insert into session_records (id, version, place_id, recorded_by, held_on, data, deleted)
			 values ($1, 1, $2, $3, '2024-06-01', '{}', false)`,
			[ids.session, ids.place, user]
		);
		await q(
			`insert into meetings (id, created_by, stamps, data, pack_id)
			 values ($1, $2, '{}', '{}', 'generated-city')`,
			[ids.meeting, user]
		);
		await q(
			`insert into tallies (id, meeting_id, device_id, user_id, version, data)
			 values ($1, $2, $3, $3, 1, '{}')`,
			[ids.tally, ids.meeting, user]
		);
		await q(
			`insert into team_records (id, version, recorded_by, district_id, data, deleted, at, effective_at, pack_id)
			 values ($1, 1, $2, 'generated-north', '{}', false, 'x', 'x', 'generated-city')`,
			[ids.team, user]
		);
		const feed: [string, string, unknown][] = [
			['place', ids.place, {}],
			['session', ids.session, {}],
			['meeting', ids.meeting, {}],
			['tally', ids.tally, {}],
			['team', ids.team, {}],
			['indicator', ids.indicator, { planId: 'tsurugashima' }],
			['evaluation', ids.orphan, {}]
		];
		for (const [i, [entity, id, data]] of feed.entries()) {
			await q(
				`insert into changes (seq, entity, entity_id, data, is_public) values ($1, $2, $3, $4, true)`,
				[i + 1, entity, id, JSON.stringify(data)]
			);
		}
		await q('update sync_clock set seq = $1', [feed.length]);
		await migrate(db);
	});
	afterAll(() => db.close());

	it("makes existing accounts the deployment's city's", async () => {
		const found = await findAccountByEmail(db, 'staff@example.test');
		expect(found?.account.cityIds).toEqual(['tsurugashima']);
		// From now on an account without a city cannot be written.
		await expect(
			db.query(
				`insert into users (id, email, password_hash, role) values ($1, 'x@example.test', 'x', 'staff')`,
				[uuidv7()]
			)
		).rejects.toThrow();
	});

	it("gives every feed row its record's city; the account pulls its city's", async () => {
		const rows = await db.query<{ entity: string; city: string }>(
			'select entity, city from changes order by seq'
		);
		expect(rows.map((r) => [r.entity, r.city])).toEqual([
			['place', 'tsurugashima'],
			['session', 'tsurugashima'],
			['meeting', 'generated-city'],
			['tally', 'generated-city'],
			['team', 'generated-city'],
			['indicator', 'tsurugashima'],
			// A row whose record is gone: the deployment's one city.
			['evaluation', 'tsurugashima']
		]);
		const { account } = (await findAccountByEmail(db, 'staff@example.test'))!;
		const page = await handlePull(db, account, { protocol: 3, since: 0, limit: 100 });
		expect(page.changes.map((c) => c.entity)).toEqual([
			'place',
			'session',
			'indicator',
			'evaluation'
		]);
	});
});
