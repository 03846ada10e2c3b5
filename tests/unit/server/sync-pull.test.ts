/**
 * The pull side of the protocol on both engines: resets and the purge line, and what a
 * protocol 1 client is still answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '$lib/server/app-context';
import type { Account } from '$lib/server/auth/accounts-repo';
import { purgedThrough, purgeTombstones } from '$lib/server/sync/change-feed';
import { handlePull, type PullQuery } from '$lib/server/sync/pull';
import { handlePush } from '$lib/server/sync/push';
import { uuidv7 } from '$lib/domain/sync/uuid';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';

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

	beforeAll(async () => {
		ctx = await syncContext(engine);
		coordinator = await account(ctx, 'coordinator', ['fuji']);
	});
	afterAll(() => ctx.db.close());

	const pull = (who: Account, query: Partial<PullQuery> & { since: number }) =>
		handlePull(ctx.db, who, { protocol: 2, limit: 1000, ...query });

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
});
