/**
 * Migration 7 (indicator-history) on a database as migrations 1–6 left it, on PGlite and on
 * PostgreSQL: places from before the history get theirs, team versions get their stamps from
 * the op ledger (or their arrival time), meetings and teams get the deployment's pack, and the
 * computed indicators read them as they stood.
 *
 * Every row here is generated test data (テスト用, 生成), not a real salon, meeting or team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/server/db/database.js';
import { migrate, MIGRATIONS } from '#lib/server/db/migrations.js';
import { loadComputeInput } from '#lib/server/indicators-repo.js';
import { computeIndicators } from '#lib/domain/indicators/computations.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { ENGINES, openUnmigratedTestDatabase } from './test-database';

const jst = (local: string) => Date.parse(`${local}:00+09:00`);
const stamp = (local: string, node = '00000000-0000-7000-8000-000000000001') =>
	encodeHlc({ wall: jst(local), counter: 0, node });
const user = '00000000-0000-7000-8000-0000000000aa';
const device = '00000000-0000-7000-8000-0000000000bb';

describe.each(ENGINES)('%s', (engine) => {
	let db: Database;
	const untouched = uuidv7();
	const partial = uuidv7();
	const team = uuidv7();
	const meeting = uuidv7();

	async function insertPlace(id: string, stamps: Record<string, string>, status: string) {
		const fields = Object.fromEntries(
			Object.entries(stamps).map(([field, at]) => [
				field,
				{ value: field === 'status' ? status : field === 'category' ? 'salon' : 'fuji', at }
			])
		);
		const data = {
			id,
			categories: ['salon'],
			name: `テスト用サロン（生成）${id.slice(-4)}`,
			districtIds: ['fuji'],
			status,
			moderation: 'approved'
		};
		await db.query(
			`insert into places (id, pack_id, origin, status, moderation, data, owner_id, stamps, district_ids)
			 values ($1, 'tsurugashima', 'user', $2, 'approved', $3, $4, $5, '{fuji}')`,
			[id, status, JSON.stringify(data), user, JSON.stringify(fields)]
		);
	}

	beforeAll(async () => {
		db = await openUnmigratedTestDatabase(engine);
		await migrate(
			db,
			MIGRATIONS.filter((m) => m.version <= 6)
		);
		await db.query(`insert into packs (id, content_hash) values ('tsurugashima', 'test')`);
		const registered = stamp('2022-06-01T10:00');
		const fields = { category: registered, status: registered, districtId: registered };
		// Registered before migration 4 and never edited since: no history at all.
		await insertPlace(untouched, fields, 'active');
		// Registered before migration 4, paused and resumed since: history of its status only.
		await insertPlace(partial, { ...fields, status: stamp('2023-12-01T10:00') }, 'active');
		await db.query(
			`insert into place_events (place_id, field, at, value) values
			 ($1, 'status', $2, 'paused'), ($1, 'status', $3, 'active')`,
			[partial, stamp('2023-09-01T10:00'), stamp('2023-12-01T10:00')]
		);
		// A team formed in FY 2023 (its op in the ledger), dissolved in April 2024 (no ledger row).
		const formed = { teamId: team, districtId: 'fuji', formedOn: '2023-05-01', members: 4 };
		await db.query(
			`insert into team_records (id, version, recorded_by, district_id, data, deleted, created_at)
			 values ($1, 1, $2, 'fuji', $3, false, '2023-05-01T10:05:00+09:00'),
			        ($1, 2, $2, 'fuji', $4, true, '2024-04-20T10:00:00+09:00')`,
			[
				team,
				user,
				JSON.stringify({ ...formed, version: 1, deleted: false }),
				JSON.stringify({ ...formed, version: 2, deleted: true })
			]
		);
		await db.query(
			`insert into ops (op_id, body_hash, kind, entity_id, user_id, device_id, status, body)
			 values ($1, 'h', 'team.record', $2, $3, $4, 'applied', $5)`,
			[
				uuidv7(),
				team,
				user,
				device,
				JSON.stringify({ ...formed, version: 1, at: stamp('2023-05-01T10:00') })
			]
		);
		const data = {
			meetingId: meeting,
			meetingKind: 'area-meeting',
			districtIds: ['fuji'],
			date: '2023-07-01',
			venue: 'テスト会場（生成）',
			closed: false
		};
		await db.query(
			`insert into meetings (id, created_by, stamps, data, district_ids)
			 values ($1, $2, '{}', $3, '{fuji}')`,
			[meeting, user, JSON.stringify(data)]
		);
		await migrate(db);
	});
	afterAll(() => db.close());

	const figures = async (fiscalYear: number) =>
		computeIndicators(
			await loadComputeInput(db, {
				packId: 'tsurugashima',
				fiscalYear,
				districtIds: ['fuji', 'minami'],
				today: '2026-11-23'
			})
		).figures;

	it('records the current value of each field a place has no history for, since its registration', async () => {
		const rows = await db.query<{ field: string; at: string; value: string }>(
			`select field, at, value from place_events where place_id = $1 order by field`,
			[untouched]
		);
		const registered = stamp('2022-06-01T10:00');
		expect(rows).toEqual([
			{ field: 'category', at: registered, value: 'salon' },
			{ field: 'districtId', at: registered, value: 'fuji' },
			{ field: 'moderation', at: registered, value: 'approved' },
			{ field: 'status', at: registered, value: 'active' }
		]);
		const partialFields = await db.query<{ field: string; n: number }>(
			`select field, count(*)::int as n from place_events where place_id = $1
			 group by field order by field`,
			[partial]
		);
		// Its status history is kept as it was, not doubled.
		expect(partialFields).toEqual([
			{ field: 'category', n: 1 },
			{ field: 'districtId', n: 1 },
			{ field: 'moderation', n: 1 },
			{ field: 'status', n: 2 }
		]);
	});

	it('counts both salons from their registration on, the one with partial history too', async () => {
		expect((await figures(2021))['active-salons'].value).toEqual({ kind: 'number', value: 0 });
		expect((await figures(2023))['active-salons'].value).toEqual({ kind: 'number', value: 2 });
	});

	it('stamps team versions from the ledger or their arrival, and counts the team in FY 2023 only', async () => {
		const rows = await db.query<{ version: number; at: string; effective_at: string }>(
			'select version, at, effective_at from team_records where id = $1 order by version',
			[team]
		);
		expect(rows[0]).toEqual({
			version: 1,
			at: stamp('2023-05-01T10:00'),
			effective_at: stamp('2023-05-01T10:00')
		});
		expect(rows[1]!.at).toBe(encodeHlc({ wall: jst('2024-04-20T10:00'), counter: 0, node: team }));
		expect((await figures(2023))['kokotsuna-teams'].value).toEqual({ kind: 'number', value: 1 });
		expect((await figures(2024))['kokotsuna-teams'].value).toEqual({ kind: 'number', value: 0 });
	});

	it('gives existing meetings and teams the deployment’s pack', async () => {
		const [m] = await db.query<{ pack_id: string }>('select pack_id from meetings');
		expect(m!.pack_id).toBe('tsurugashima');
		const teams = await db.query<{ pack_id: string }>('select distinct pack_id from team_records');
		expect(teams).toEqual([{ pack_id: 'tsurugashima' }]);
		expect((await figures(2023))['area-meetings'].value).toMatchObject({ count: 1 });
	});
});
