/**
 * The pull side of the protocol on both engines: resets and the purge line, who is told an
 * entity left their view (and its children followed it), views, and what a protocol 1 client
 * is still answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { purgedThrough, purgeTombstones, startDevicesOver } from '#lib/server/sync/change-feed.js';
import { handlePull, type PullQuery } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';
import { meetingOp, sessionOp, tallyOp as tally } from '../ops';

const salonOp = (device: TestDevice, placeId: string, fields: Record<string, unknown>) => ({
	...device.envelope(),
	kind: 'place.upsert',
	placeId,
	packId: 'tsurugashima',
	fields
});
const newSalon = (device: TestDevice, placeId: string, districtId: string) =>
	salonOp(device, placeId, {
		name: 'テスト用サロン（生成）',
		category: 'salon',
		districtId,
		point: null,
		status: 'active'
	});
const tallyOp = (device: TestDevice, meetingId: string, residents: number) =>
	tally(device, meetingId, { counts: { residents } });

const teamOp = (device: TestDevice, teamId: string, version: number, deleted: boolean) => ({
	...device.envelope(),
	kind: 'team.record',
	teamId,
	version,
	districtId: 'fuji',
	formedOn: '2024-05-01',
	members: 5,
	childrenTakePart: false,
	linkedToEvacuationPlan: false,
	deleted
});

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let coordinator: Account;
	let organizer: Account;
	let sakae: Account;
	let staff: Account;

	beforeAll(async () => {
		ctx = await syncContext(engine);
		[coordinator, organizer, sakae, staff] = await Promise.all([
			account(ctx, 'coordinator', ['fuji']),
			account(ctx, 'organizer'),
			account(ctx, 'coordinator', ['sakae']),
			account(ctx, 'staff')
		]);
	});
	afterAll(() => ctx.db.close());

	const pull = (who: Account, query: Partial<PullQuery> & { since: number }) =>
		handlePull(ctx.db, who, { protocol: 2, limit: 1000, ...query });
	const push = async (who: Account, device: TestDevice, ops: unknown[]) => {
		const { results } = await handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, now: Date.now() },
			{ deviceId: device.deviceId, ops }
		);
		for (const r of results) expect(r).toMatchObject({ status: 'applied' });
	};
	/** The feed's clock now: a cursor that has seen everything so far. */
	const now = async () => (await pull(staff, { since: 0 })).cursor;
	/** What `who` is told about `id` after `since`: 'live', 'gone' or nothing. */
	const told = async (who: Account, id: string, since: number, protocol: 1 | 2 = 2) => {
		const change = (await pull(who, { since, protocol })).changes.find((c) => c.id === id);
		return change ? (change.gone ? 'gone' : 'live') : undefined;
	};

	/** A team recorded and deleted, then every tombstone purged: the line moves past it. */
	async function purgeATeam(): Promise<number> {
		const device = new TestDevice();
		const teamId = uuidv7();
		const res = await handlePush(
			ctx.db,
			{ actor: coordinator, packs: ctx.packs, now: Date.now() },
			{ deviceId: device.deviceId, ops: [teamOp(device, teamId, 1, false)] }
		);
		expect(res.results[0]?.status).toBe('applied');
		await handlePush(
			ctx.db,
			{ actor: coordinator, packs: ctx.packs, now: Date.now() },
			{ deviceId: device.deviceId, ops: [teamOp(device, teamId, 2, true)] }
		);
		const [row] = await ctx.db.query<{ seq: string }>(
			`select seq from changes where entity = 'team' and entity_id = $1`,
			[teamId]
		);
		expect(await purgeTombstones(ctx.db, 0)).toBe(1);
		const line = await purgedThrough(ctx.db);
		// The rows and the line move together (one statement).
		expect(line).toBe(Number(row!.seq));
		return line;
	}

	describe('resets and the purge line', () => {
		it('tells a cursor below the purge line to start over, naming the line', async () => {
			const line = await purgeATeam();
			const page = await pull(coordinator, { since: 1 });
			expect(page).toMatchObject({ reset: true, cursor: 0, changes: [], purgedThrough: line });
			expect((await pull(coordinator, { since: line })).reset).toBe(false);
		});

		it('lets a re-pull page below the line it began at, and restarts it once the line moves', async () => {
			const first = await purgeATeam();
			const repull = { since: 1, resync: true, purgedThrough: first };
			expect((await pull(coordinator, repull)).reset).toBe(false);

			// A tombstone the re-pull has not reached may be purged now: it starts over.
			const second = await purgeATeam();
			expect(second).toBeGreaterThan(first);
			expect(await pull(coordinator, repull)).toMatchObject({
				reset: true,
				purgedThrough: second
			});
			expect((await pull(coordinator, { ...repull, purgedThrough: second })).reset).toBe(false);
		});

		it('answers a protocol 1 re-pull as it always did', async () => {
			await purgeATeam();
			const page = await pull(coordinator, { protocol: 1, since: 1, resync: true });
			expect(page).toMatchObject({ protocol: 1, reset: false });
		});
	});

	describe('audience changes', () => {
		it('tells a reader who lost sight of a salon that it is gone, once, without its data', async () => {
			const device = new TestDevice();
			const placeId = uuidv7();
			await push(organizer, device, [newSalon(device, placeId, 'sakae')]);
			const moderator = new TestDevice();
			const approve = { kind: 'place.moderate', placeId, decision: 'approve', reason: null };
			await push(sakae, moderator, [{ ...moderator.envelope(), ...approve }]);
			const before = await now();
			expect(await told(coordinator, placeId, 0)).toBe('live'); // public: fuji sees it

			await push(organizer, device, [salonOp(device, placeId, { status: 'closed' })]);
			const page = await pull(coordinator, { since: before });
			const change = page.changes.find((c) => c.id === placeId);
			expect(change).toEqual({
				seq: expect.any(Number),
				entity: 'place',
				id: placeId,
				data: null,
				deleted: true,
				gone: true
			});
			// Nobody else is told: the owner and the district's coordinators still see it.
			expect(await told(organizer, placeId, before)).toBe('live');
			expect(await told(sakae, placeId, before)).toBe('live');
			// A device pulling from 0 holds nothing to drop; a protocol 1 client is never told.
			expect(await told(coordinator, placeId, 0)).toBeUndefined();
			expect(await told(coordinator, placeId, before, 1)).toBeUndefined();

			// Later edits renumber the row, but a reader past the loss is not told again.
			const after = page.cursor;
			await push(organizer, device, [salonOp(device, placeId, { name: '改名したサロン' })]);
			expect(await told(coordinator, placeId, after)).toBeUndefined();
			expect(await told(coordinator, placeId, before)).toBe('gone');

			// Reopened: public again, so fuji gets it back, live.
			await push(organizer, device, [salonOp(device, placeId, { status: 'active' })]);
			expect(await told(coordinator, placeId, after)).toBe('live');
		});

		it('renumbers the tallies of a meeting that gains a district, and says they are gone when it loses it', async () => {
			const device = new TestDevice();
			const meetingId = uuidv7();
			const meeting = {
				meetingKind: 'area-meeting',
				districtIds: ['sakae'],
				date: '2024-07-01',
				venue: '市民センター',
				closed: false
			};
			const tally = tallyOp(device, meetingId, 10);
			await push(sakae, device, [meetingOp(device, meetingId, meeting), tally]);
			const before = await now();
			expect(await told(coordinator, tally.tallyId, 0)).toBeUndefined();

			await push(sakae, device, [meetingOp(device, meetingId, { districtIds: ['sakae', 'fuji'] })]);
			expect(await told(coordinator, meetingId, before)).toBe('live');
			expect(await told(coordinator, tally.tallyId, before)).toBe('live');

			const widened = await now();
			await push(sakae, device, [meetingOp(device, meetingId, { districtIds: ['sakae'] })]);
			expect(await told(coordinator, meetingId, widened)).toBe('gone');
			expect(await told(coordinator, tally.tallyId, widened)).toBe('gone');
			// The tally's author still sees it, as an owner.
			expect(await told(sakae, tally.tallyId, widened)).toBe('live');
		});

		it('moves a salon’s sessions with it, also when both arrive in one push', async () => {
			const device = new TestDevice();
			const placeId = uuidv7();
			const first = sessionOp(device, placeId);
			await push(organizer, device, [newSalon(device, placeId, 'sakae'), first]);
			const before = await now();
			// A second session, then the move, in one batch: the session follows the move too.
			const second = sessionOp(device, placeId);
			await push(organizer, device, [second, salonOp(device, placeId, { districtId: 'fuji' })]);
			for (const id of [placeId, first.sessionId, second.sessionId]) {
				expect(await told(coordinator, id, 0)).toBe('live');
			}
			expect(await told(sakae, placeId, before)).toBe('gone');
			expect(await told(sakae, first.sessionId, before)).toBe('gone');
			// Written after the move in effect: sakae never saw it, so it is not told of it.
			expect(await told(sakae, second.sessionId, before)).toBeUndefined();
		});
	});

	describe('views', () => {
		it('names a reader’s view, and resets a device whose account’s view changed', async () => {
			const page = await pull(coordinator, { since: 0 });
			const view = page.view!;
			expect(view).toMatch(/^[0-9a-f]{16}$/);
			expect((await pull(coordinator, { since: page.cursor, view })).reset).toBe(false);
			expect((await pull(sakae, { since: 0 })).view).not.toBe(view);

			const moved = { ...coordinator, districtIds: ['fuji', 'sakae'] };
			const answer = await pull(moved, { since: page.cursor, view });
			expect(answer).toMatchObject({ reset: true, cursor: 0 });
			expect(answer.view).not.toBe(view);
			expect((await pull(moved, { since: 0, view: answer.view })).reset).toBe(false);
			// Protocol 1 knows no views.
			expect((await pull(moved, { protocol: 1, since: page.cursor })).view).toBeUndefined();
		});
	});

	describe('a database restored from a backup', () => {
		it('tells a device whose cursor is past everything the feed has numbered to start over', async () => {
			// A phone that synced with the server before the backup was restored holds a cursor
			// the restored feed never reached: paging on from it would skip what comes next.
			const clock = await now();
			for (const protocol of [1, 2, 3] as const) {
				const ahead = await pull(coordinator, { protocol, since: clock + 500 });
				expect(ahead, `protocol ${protocol}`).toMatchObject({
					reset: true,
					cursor: 0,
					changes: []
				});
			}
			// A cursor at the clock is simply up to date.
			expect((await pull(coordinator, { since: clock })).reset).toBe(false);
		});

		it('after `npm run after-restore` no device skips a change, whatever its cursor', async () => {
			const device = new TestDevice();
			const clock = await now();
			// One phone pulled before the backup (behind the clock), one after it: its cursor
			// came from the lost stretch of the feed, ahead of the restored clock.
			const behind = clock;
			const lostStretch = clock + 3;
			const line = await startDevicesOver(ctx.db);
			// The restored server numbers new changes: with the jump, past both cursors.
			const placeId = uuidv7();
			await push(coordinator, device, [newSalon(device, placeId, 'fuji')]);
			for (const since of [behind, lostStretch]) {
				const answer = await pull(coordinator, { since });
				expect(answer).toMatchObject({ reset: true, purgedThrough: line });
				// The re-pull from 0 is not reset again and carries the new change.
				const again = await pull(coordinator, {
					since: 0,
					resync: true,
					purgedThrough: answer.purgedThrough
				});
				expect(again.reset).toBe(false);
				expect(again.changes.some((c) => c.id === placeId)).toBe(true);
			}
		});
	});
});
