/**
 * Live notices of the change feed on both engines: a device is told a seq exactly when its
 * pull would return something newer (the same view as pull), never of what it may not read,
 * by a push's nudge or by the clock poll, and every response ends when the server stops.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { LiveFeed } from '#lib/server/sync/live-feed.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import { latestVisibleSeq } from '#lib/server/sync/visible-seq.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';

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

/** A sink that records what its listener was told. */
function sink() {
	const told: number[] = [];
	let ended = false;
	return {
		told,
		get ended() {
			return ended;
		},
		notify: (seq: number) => void told.push(seq),
		end: () => void (ended = true)
	};
}

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let fuji: Account;
	let sakae: Account;
	let organizer: Account;
	let staff: Account;

	beforeAll(async () => {
		ctx = await syncContext(engine);
		[fuji, sakae, organizer, staff] = await Promise.all([
			account(ctx, 'coordinator', ['fuji']),
			account(ctx, 'coordinator', ['sakae']),
			account(ctx, 'organizer'),
			account(ctx, 'staff')
		]);
	});
	afterAll(() => ctx.db.close());

	const pull = (who: Account, since: number) =>
		handlePull(ctx.db, who, { protocol: 3, since, limit: 1000 });
	const push = async (who: Account, device: TestDevice, ops: unknown[]) => {
		const { results } = await handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, plans: ctx.plans, now: Date.now() },
			{ deviceId: device.deviceId, ops }
		);
		for (const r of results) expect(r).toMatchObject({ status: 'applied' });
	};
	const clock = async () => (await pull(staff, 0)).cursor;
	/** The newest seq `who`'s pull from `since` returns, or `since` when it returns nothing. */
	const newestPulled = async (who: Account, since: number) =>
		Math.max(since, ...(await pull(who, since)).changes.map((c) => c.seq));

	it('names the newest change each account may read, as its pull returns it', async () => {
		const device = new TestDevice();
		const moderator = new TestDevice();
		const since = await clock();
		const placeId = uuidv7();
		// Registered in sakae, not yet approved: its owner, sakae's coordinator and staff see it.
		await push(organizer, device, [newSalon(device, placeId, 'sakae')]);
		for (const who of [fuji, sakae, organizer, staff])
			expect(await latestVisibleSeq(ctx.db, who, since)).toBe(await newestPulled(who, since));
		expect(await latestVisibleSeq(ctx.db, fuji, since)).toBe(since);
		expect(await latestVisibleSeq(ctx.db, sakae, since)).toBeGreaterThan(since);

		// Approved: public, so fuji's coordinator reads it too.
		const approved = await clock();
		await push(sakae, moderator, [
			{
				...moderator.envelope(),
				kind: 'place.moderate',
				placeId,
				decision: 'approve',
				reason: null
			}
		]);
		expect(await latestVisibleSeq(ctx.db, fuji, approved)).toBeGreaterThan(approved);

		// Closed: fuji's coordinator lost sight of it, and its pull says so ("gone").
		const open = await clock();
		await push(organizer, device, [salonOp(device, placeId, { status: 'closed' })]);
		const gone = (await pull(fuji, open)).changes.find((c) => c.id === placeId);
		expect(gone).toMatchObject({ gone: true });
		for (const who of [fuji, sakae, organizer, staff])
			expect(await latestVisibleSeq(ctx.db, who, open)).toBe(await newestPulled(who, open));
	});

	it("tells listeners of a push's change after the nudge, and only those who may read it", async () => {
		const feed = new LiveFeed(ctx.db, { pollMs: 60_000 });
		const since = await feed.clock();
		const [toFuji, toSakae, toOwner] = [sink(), sink(), sink()];
		feed.listen(fuji, since, toFuji);
		feed.listen(sakae, since, toSakae);
		feed.listen(organizer, since, toOwner);
		const device = new TestDevice();
		const placeId = uuidv7();
		await push(organizer, device, [newSalon(device, placeId, 'sakae')]);
		feed.nudge();
		await vi.waitFor(() => expect(toSakae.told).toHaveLength(1));
		await feed.look();
		expect(toOwner.told).toEqual(toSakae.told);
		expect(toFuji.told).toEqual([]);
		// The seq told is one the pull from where the listener started returns, with the salon.
		const page = await pull(sakae, since);
		expect(page.changes.find((c) => c.id === placeId)?.seq).toBe(toSakae.told[0]);

		// Nothing new: a second look tells no one again.
		await feed.look();
		expect(toSakae.told).toHaveLength(1);
		feed.close();
	});

	it('notices a write made elsewhere (no nudge) by its clock poll', async () => {
		const feed = new LiveFeed(ctx.db, { pollMs: 50 });
		const told = sink();
		feed.listen(staff, await feed.clock(), told);
		const device = new TestDevice();
		await push(organizer, device, [newSalon(device, uuidv7(), 'fuji')]);
		await vi.waitFor(() => expect(told.told).toHaveLength(1), { timeout: 5_000 });
		feed.close();
	});

	it('tells a device that listens from an older seq at once', async () => {
		const before = await clock();
		const device = new TestDevice();
		await push(organizer, device, [newSalon(device, uuidv7(), 'sakae')]);
		const feed = new LiveFeed(ctx.db, { pollMs: 60_000 });
		const told = sink();
		feed.listen(sakae, before, told);
		await vi.waitFor(() => expect(told.told).toEqual([expect.any(Number)]));
		expect(told.told[0]).toBeGreaterThan(before);
		feed.close();
	});

	it('ends every listening response when the server stops, and any that comes after', async () => {
		const feed = new LiveFeed(ctx.db, { pollMs: 60_000 });
		const [a, b] = [sink(), sink()];
		feed.listen(fuji, await feed.clock(), a);
		feed.listen(staff, await feed.clock(), b);
		expect(feed.listeners).toBe(2);
		feed.close();
		expect([a.ended, b.ended]).toEqual([true, true]);
		expect(feed.listeners).toBe(0);
		const late = sink();
		feed.listen(staff, 0, late);
		expect(late.ended).toBe(true);
		expect(late.told).toEqual([]);
	});
});
