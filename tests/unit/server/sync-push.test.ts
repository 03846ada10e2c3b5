import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '#lib/server/db/database.js';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { handlePush } from '#lib/server/sync/push.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';
import { sessionOp as session } from '../ops';

function newSalon(device: TestDevice, placeId = uuidv7()) {
	return {
		...device.envelope(),
		kind: 'place.upsert' as const,
		placeId,
		packId: 'tsurugashima',
		fields: {
			name: 'テスト用サロン（生成）',
			category: 'salon' as const,
			districtId: 'fuji',
			point: null
		}
	};
}

const sessionOp = (
	device: TestDevice,
	placeId: string,
	overrides: Parameters<typeof session>[2] = {}
) => session(device, placeId, { participants: { total: 12, men: 3, women: 9 }, ...overrides });

// Every test runs on PGlite and on PostgreSQL, each against a fresh database.
describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let organizer: Account;
	let coordinator: Account;
	let otherCoordinator: Account;

	beforeAll(async () => {
		ctx = await syncContext(engine);
		organizer = await account(ctx, 'organizer');
		coordinator = await account(ctx, 'coordinator', ['fuji']);
		otherCoordinator = await account(ctx, 'coordinator', ['minami']);
	});
	afterAll(() => ctx.db.close());

	const push = (who: Account, device: TestDevice, ops: unknown[], now = Date.now()) =>
		handlePush(ctx.db, { actor: who, packs: ctx.packs, now }, { deviceId: device.deviceId, ops });

	describe('push: exactly once', () => {
		it('applies an op once; the same op again is a no-op with the same answer', async () => {
			const device = new TestDevice();
			const op = newSalon(device);
			const first = await push(organizer, device, [op]);
			const again = await push(organizer, device, [op]);
			expect(first.results).toEqual([{ opId: op.opId, status: 'applied' }]);
			expect(again.results).toEqual(first.results);
			const [{ n }] = (await ctx.db.query<{ n: number }>(
				'select count(*)::int as n from places where id = $1',
				[op.placeId]
			)) as [{ n: number }];
			expect(n).toBe(1);
		});

		it('reports the same op id with a different body as a conflict and changes nothing', async () => {
			const device = new TestDevice();
			const op = newSalon(device);
			await push(organizer, device, [op]);
			const tampered = { ...op, fields: { ...op.fields, name: '別の名前' } };
			const res = await push(organizer, device, [tampered]);
			expect(res.results[0]).toMatchObject({ status: 'conflict', reason: 'op_id_reused' });
			const [row] = await ctx.db.query<{ data: { name: string } }>(
				'select data from places where id = $1',
				[op.placeId]
			);
			expect(row!.data.name).toBe('テスト用サロン（生成）');
		});

		it('answers per op: one bad op does not block the others', async () => {
			const device = new TestDevice();
			const good = newSalon(device);
			const bad = { ...newSalon(device), fields: { name: '', category: 'casino' } };
			const outside = {
				...newSalon(device),
				fields: { ...good.fields, point: { lng: 139.7671, lat: 35.6812 } }
			};
			const res = await push(organizer, device, [bad, good, outside]);
			expect(res.results.map((r) => [r.status, r.reason])).toEqual([
				['rejected', 'invalid_op'],
				['applied', undefined],
				['rejected', 'outside_city']
			]);
		});

		it('refuses stamps from a device clock far ahead of the server', async () => {
			const device = new TestDevice(() => Date.now() + 3 * 3600_000);
			const res = await push(organizer, device, [newSalon(device)]);
			expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'clock_ahead' });
		});

		it('a clock_ahead answer is not final: the same op is applied once time has caught up', async () => {
			const ahead = Date.now() + 3 * 3600_000;
			const device = new TestDevice(() => ahead);
			const op = newSalon(device);
			const early = await push(organizer, device, [op]);
			expect(early.results[0]).toMatchObject({ status: 'rejected', reason: 'clock_ahead' });
			const ledger = await ctx.db.query('select 1 from ops where op_id = $1', [op.opId]);
			expect(ledger).toHaveLength(0);
			// Three hours later (the server's clock), the same op goes through, once.
			const later = await push(organizer, device, [op], ahead);
			expect(later.results).toEqual([{ opId: op.opId, status: 'applied' }]);
			const again = await push(organizer, device, [op], ahead);
			expect(again.results).toEqual(later.results);
			const places = await ctx.db.query('select 1 from places where id = $1', [op.placeId]);
			expect(places).toHaveLength(1);
		});

		it('when a salon’s registration fails on the server, its sessions wait with it', async () => {
			// The batch fails, and so does the registration on its own (a fault while writing
			// the place). Applied alone, the session would be refused for good (`not_found`):
			// it is answered as retryable too, and both go through when sent again.
			vi.spyOn(console, 'error').mockImplementation(() => {});
			const device = new TestDevice();
			const salon = newSalon(device);
			const session = sessionOp(device, salon.placeId);
			const broken: Database = {
				...ctx.db,
				transaction: (fn) =>
					ctx.db.transaction((tx) =>
						fn({
							query: (sql, params = []) =>
								/insert into places/.test(sql)
									? Promise.reject(new Error('injected fault'))
									: tx.query(sql, params)
						})
					)
			};
			const failed = await handlePush(
				broken,
				{ actor: organizer, packs: ctx.packs, now: Date.now() },
				{ deviceId: device.deviceId, ops: [salon, session] }
			);
			vi.restoreAllMocks();
			expect(failed.results.map((r) => [r.status, r.reason])).toEqual([
				['rejected', 'server_error'],
				['rejected', 'server_error']
			]);
			const ledger = await ctx.db.query('select 1 from ops where op_id = any($1::uuid[])', [
				[salon.opId, session.opId]
			]);
			expect(ledger).toHaveLength(0);
			const again = await push(organizer, device, [salon, session]);
			expect(again.results.map((r) => r.status)).toEqual(['applied', 'applied']);
		});
	});

	describe('places: ownership and moderation', () => {
		it('a new registration is pending; only a coordinator of its district may approve it', async () => {
			const device = new TestDevice();
			const op = newSalon(device);
			await push(organizer, device, [op]);
			const moderate = (who: Account, d: TestDevice) =>
				push(who, d, [
					{
						...d.envelope(),
						kind: 'place.moderate',
						placeId: op.placeId,
						decision: 'approve',
						reason: null
					}
				]);
			expect((await moderate(otherCoordinator, new TestDevice())).results[0]).toMatchObject({
				reason: 'forbidden'
			});
			expect((await moderate(coordinator, new TestDevice())).results[0]).toMatchObject({
				status: 'applied'
			});
			const [row] = await ctx.db.query<{ moderation: string }>(
				'select moderation from places where id = $1',
				[op.placeId]
			);
			expect(row!.moderation).toBe('approved');
		});

		it('an organizer cannot edit or log sessions for a place they do not own', async () => {
			const mine = new TestDevice();
			const op = newSalon(mine);
			await push(organizer, mine, [op]);
			const intruder = await account(ctx, 'organizer');
			const theirs = new TestDevice();
			const edit = {
				...theirs.envelope(),
				kind: 'place.upsert',
				placeId: op.placeId,
				packId: 'tsurugashima',
				fields: { name: '乗っ取り' }
			};
			const session = sessionOp(theirs, op.placeId);
			const res = await push(intruder, theirs, [edit, session]);
			expect(res.results.map((r) => r.reason)).toEqual(['forbidden', 'forbidden']);
		});

		it('concurrent edits merge per field; the older edit to the same field is reported', async () => {
			const a = new TestDevice(() => 1_000_000);
			const b = new TestDevice(() => 2_000_000);
			const op = newSalon(a);
			await push(organizer, a, [op]);
			const newer = {
				...b.envelope(),
				kind: 'place.upsert',
				placeId: op.placeId,
				packId: 'tsurugashima',
				fields: { name: '新しい名前' }
			};
			const older = {
				...a.envelope(),
				kind: 'place.upsert',
				placeId: op.placeId,
				packId: 'tsurugashima',
				fields: { name: '古い名前', fee: '100円' }
			};
			await push(organizer, b, [newer]);
			const res = await push(organizer, a, [older]);
			expect(res.results[0]).toMatchObject({
				status: 'conflict',
				reason: 'field_superseded',
				details: { fields: ['name'], kept: { name: '新しい名前' } }
			});
			const [row] = await ctx.db.query<{ data: { name: string; fee: string } }>(
				'select data from places where id = $1',
				[op.placeId]
			);
			expect(row!.data).toMatchObject({ name: '新しい名前', fee: '100円' });
		});
	});

	describe('session records', () => {
		it('validates counts and dates with reason codes', async () => {
			const device = new TestDevice();
			const place = newSalon(device);
			await push(organizer, device, [place]);
			const res = await push(organizer, device, [
				sessionOp(device, place.placeId, { participants: { total: 5, men: 4, women: 4 } }),
				sessionOp(device, place.placeId, { firstTimers: 6, participants: { total: 5 } }),
				sessionOp(device, place.placeId, { date: '2099-01-01' }),
				sessionOp(device, place.placeId, { date: '2024-02-30' }),
				sessionOp(device, place.placeId, { participants: { total: 100000 } })
			]);
			expect(res.results.map((r) => r.reason)).toEqual([
				'breakdown_exceeds_total',
				'first_timers_exceed_total',
				'future_date',
				'invalid_op',
				'invalid_op'
			]);
		});

		it('a session stays with its place: no one else may move it to their salon or delete it', async () => {
			const device = new TestDevice();
			const salon = newSalon(device);
			const v1 = sessionOp(device, salon.placeId);
			await push(organizer, device, [salon, v1]);
			// Another organizer with a salon of their own, and a coordinator of the district who
			// registered one (so may record sessions there).
			const intruders = [await account(ctx, 'organizer'), coordinator];
			for (const intruder of intruders) {
				const theirs = new TestDevice();
				const ownSalon = newSalon(theirs);
				expect((await push(intruder, theirs, [ownSalon])).results[0]!.status).toBe('applied');
				const next = (version: number, deleted: boolean) => ({
					...sessionOp(theirs, ownSalon.placeId),
					sessionId: v1.sessionId,
					version,
					deleted
				});
				const res = await push(intruder, theirs, [next(2, false), next(3, true)]);
				expect(res.results.map((r) => [r.status, r.reason])).toEqual([
					['rejected', 'forbidden'],
					['rejected', 'forbidden']
				]);
			}
			const rows = await ctx.db.query<{ version: number; place_id: string; deleted: boolean }>(
				'select version, place_id, deleted from session_records where id = $1',
				[v1.sessionId]
			);
			expect(rows).toEqual([{ version: 1, place_id: salon.placeId, deleted: false }]);
			// The owner may still correct it, also moving it to another salon of theirs.
			const second = newSalon(device);
			const move = {
				...sessionOp(device, second.placeId),
				sessionId: v1.sessionId,
				version: 2
			};
			const res = await push(organizer, device, [second, move]);
			expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
			// ...and the feed now shows the session where its latest version is.
			const pulled = await handlePull(ctx.db, organizer, { protocol: 2, since: 0, limit: 1000 });
			expect(pulled.changes.find((c) => c.id === v1.sessionId)?.data).toMatchObject({
				version: 2,
				placeId: second.placeId
			});
		});

		it('a correction is a new version; the pull feed carries the latest', async () => {
			const device = new TestDevice();
			const place = newSalon(device);
			const v1 = sessionOp(device, place.placeId);
			const v2 = {
				...sessionOp(device, place.placeId),
				sessionId: v1.sessionId,
				version: 2,
				participants: { total: 14 }
			};
			await push(organizer, device, [place, v1, v2]);
			const rows = await ctx.db.query(
				'select version from session_records where id = $1 order by version',
				[v1.sessionId]
			);
			expect(rows.map((r) => r.version)).toEqual([1, 2]);
			const pulled = await handlePull(ctx.db, organizer, { protocol: 2, since: 0, limit: 1000 });
			const change = pulled.changes.find((c) => c.id === v1.sessionId);
			expect(change?.data).toMatchObject({ version: 2, participants: { total: 14 } });
		});
	});

	describe('team records', () => {
		const teamOp = (device: TestDevice, teamId: string, version: number, districtId: string) => ({
			...device.envelope(),
			kind: 'team.record',
			teamId,
			version,
			districtId,
			formedOn: '2024-05-01',
			members: 6,
			childrenTakePart: false,
			linkedToEvacuationPlan: true,
			deleted: false
		});

		it('a coordinator cannot move another district’s team into theirs, nor delete it', async () => {
			const device = new TestDevice();
			const teamId = uuidv7();
			expect(
				(await push(coordinator, device, [teamOp(device, teamId, 1, 'fuji')])).results[0]
			).toMatchObject({ status: 'applied' });
			const theirs = new TestDevice();
			const res = await push(otherCoordinator, theirs, [
				teamOp(theirs, teamId, 2, 'minami'),
				{ ...teamOp(theirs, teamId, 3, 'minami'), deleted: true }
			]);
			expect(res.results.map((r) => r.reason)).toEqual(['forbidden', 'forbidden']);
			const rows = await ctx.db.query(
				'select version, district_id from team_records where id = $1',
				[teamId]
			);
			expect(rows).toEqual([{ version: 1, district_id: 'fuji' }]);
			// Staff may move it; after that its new district's coordinator may correct it.
			const staff = await account(ctx, 'staff');
			const office = new TestDevice();
			expect(
				(await push(staff, office, [teamOp(office, teamId, 2, 'minami')])).results[0]
			).toMatchObject({ status: 'applied' });
			expect(
				(await push(otherCoordinator, theirs, [teamOp(theirs, teamId, 3, 'minami')])).results[0]
			).toMatchObject({ status: 'applied' });
			expect(
				(await push(coordinator, device, [teamOp(device, teamId, 4, 'fuji')])).results[0]
			).toMatchObject({ status: 'rejected', reason: 'forbidden' });
		});
	});

	describe('pull', () => {
		it('pages in commit order and never repeats or skips', async () => {
			const staff = await account(ctx, 'staff');
			const seen: number[] = [];
			let cursor = 0;
			for (let page = 0; page < 100; page++) {
				const res = await handlePull(ctx.db, staff, { protocol: 2, since: cursor, limit: 3 });
				seen.push(...res.changes.map((c) => c.seq));
				cursor = res.cursor;
				if (!res.hasMore) break;
			}
			expect(seen).toEqual([...seen].sort((a, b) => a - b));
			expect(new Set(seen).size).toBe(seen.length);
			const [{ n }] = (await ctx.db.query<{ n: number }>(
				'select count(*)::int as n from changes'
			)) as [{ n: number }];
			expect(seen.length).toBe(n);
		});

		it('shows an organizer their own pending place but not another organizer’s', async () => {
			const device = new TestDevice();
			const mine = newSalon(device);
			await push(organizer, device, [mine]);
			const stranger = await account(ctx, 'organizer');
			const ids = (who: Account) =>
				handlePull(ctx.db, who, { protocol: 2, since: 0, limit: 1000 }).then((r) =>
					r.changes.map((c) => c.id)
				);
			expect(await ids(organizer)).toContain(mine.placeId);
			expect(await ids(stranger)).not.toContain(mine.placeId);
		});
	});
});
