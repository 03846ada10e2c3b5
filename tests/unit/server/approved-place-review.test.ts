/**
 * Changes to a salon residents already see (sync/place-review.ts), on both engines: a material
 * edit by its organizer (name, district, point, address, category) waits for a coordinator of
 * the place's new district while residents, open data and other signed-in readers keep the
 * version last approved; approval publishes it, sending it back keeps the old one public;
 * schedule and status edits stay live; staff and the district's own coordinators publish at
 * once. Every salon here is generated test data (テスト用, 生成).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { findPublicPlace, listPublicPlaces } from '#lib/server/places-repo.js';
import { handlePull } from '#lib/server/sync/pull.js';
import { handlePush } from '#lib/server/sync/push.js';
import type { Place } from '#lib/domain/model.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { account, ENGINES, syncContext, TestDevice } from './sync-helpers';

const OLD_NAME = 'テスト用サロン（生成）';
const NEW_NAME = '<b>改名</b>テスト用サロン（生成）';
/** Points inside Tsurugashima (generated, not a real salon's location). */
const POINT = { lng: 139.393, lat: 35.934 };
const MOVED = { lng: 139.3935, lat: 35.9345 };

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let organizer: Account;
	let otherOrganizer: Account;
	let sakae: Account;
	let fuji: Account;
	let staff: Account;

	beforeAll(async () => {
		ctx = await syncContext(engine);
		[organizer, otherOrganizer, sakae, fuji, staff] = await Promise.all([
			account(ctx, 'organizer'),
			account(ctx, 'organizer'),
			account(ctx, 'coordinator', ['sakae']),
			account(ctx, 'coordinator', ['fuji']),
			account(ctx, 'staff')
		]);
	});
	afterAll(() => ctx.db.close());

	const push = async (who: Account, device: TestDevice, op: Record<string, unknown>) => {
		const { results } = await handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, now: Date.now() },
			{ deviceId: device.deviceId, ops: [{ ...device.envelope(), ...op }] }
		);
		return results[0]!;
	};
	const edit = (who: Account, device: TestDevice, placeId: string, fields: object) =>
		push(who, device, { kind: 'place.upsert', placeId, packId: 'tsurugashima', fields });
	const moderate = (who: Account, placeId: string, decision: 'approve' | 'return') =>
		push(who, new TestDevice(), {
			kind: 'place.moderate',
			placeId,
			decision,
			reason: decision === 'return' ? '名前を確認してください' : null
		});
	/** What `who` pulls of the place (protocol 3, from 0), or undefined. */
	const pulled = async (who: Account, placeId: string) => {
		const page = await handlePull(ctx.db, who, { protocol: 3, since: 0, limit: 10_000 });
		return page.changes.find((c) => c.id === placeId)?.data as
			(Place & { fields: Record<string, { value: unknown }> }) | undefined;
	};
	const publicName = async (placeId: string) => (await findPublicPlace(ctx.db, placeId))?.name;

	/** A salon in sakae, registered by `organizer` and approved by sakae's coordinator. */
	async function approvedSalon(): Promise<{ placeId: string; device: TestDevice }> {
		const device = new TestDevice();
		const placeId = uuidv7();
		const created = await edit(organizer, device, placeId, {
			name: OLD_NAME,
			category: 'salon',
			districtId: 'sakae',
			point: POINT,
			address: '鶴ヶ島市テスト1-1（生成）',
			scheduleNote: '毎週火曜',
			status: 'active'
		});
		expect(created.status).toBe('applied');
		expect((await moderate(sakae, placeId, 'approve')).status).toBe('applied');
		expect(await publicName(placeId)).toBe(OLD_NAME);
		return { placeId, device };
	}

	it('keeps a renamed and moved salon public as approved, and hands the change to the new district', async () => {
		const { placeId, device } = await approvedSalon();
		const result = await edit(organizer, device, placeId, { name: NEW_NAME, districtId: 'fuji' });
		expect(result.status).toBe('applied');

		// Residents and open data: the approved version, in its old district.
		const shown = await findPublicPlace(ctx.db, placeId);
		expect(shown).toMatchObject({ name: OLD_NAME, districtIds: ['sakae'], moderation: 'approved' });
		const listed = (await listPublicPlaces(ctx.db, 'tsurugashima')).find((p) => p.id === placeId);
		expect(listed?.name).toBe(OLD_NAME);

		// The owner sees the change waiting; the new district's coordinator gets it to review.
		expect(await pulled(organizer, placeId)).toMatchObject({
			name: NEW_NAME,
			moderation: 'pending'
		});
		expect(await pulled(fuji, placeId)).toMatchObject({
			name: NEW_NAME,
			districtIds: ['fuji'],
			moderation: 'pending'
		});
		// The old district's coordinator and other organizers see only the public version.
		for (const reader of [sakae, otherOrganizer]) {
			const data = await pulled(reader, placeId);
			expect(data).toMatchObject({
				name: OLD_NAME,
				districtIds: ['sakae'],
				moderation: 'approved'
			});
			expect(JSON.stringify(data)).not.toContain('改名');
			expect(data).not.toHaveProperty('ownerId');
		}
		// Only the new district's coordinators decide.
		expect(await moderate(sakae, placeId, 'approve')).toMatchObject({
			status: 'rejected',
			reason: 'forbidden'
		});
		expect(await publicName(placeId)).toBe(OLD_NAME);

		expect((await moderate(fuji, placeId, 'approve')).status).toBe('applied');
		expect(await findPublicPlace(ctx.db, placeId)).toMatchObject({
			name: NEW_NAME,
			districtIds: ['fuji']
		});
		expect(await pulled(otherOrganizer, placeId)).toMatchObject({ name: NEW_NAME });
		expect(await pulled(organizer, placeId)).toMatchObject({ moderation: 'approved' });
	});

	it('keeps the approved version public when the change is sent back, and resubmits on the next edit', async () => {
		const { placeId, device } = await approvedSalon();
		await edit(organizer, device, placeId, { name: NEW_NAME });
		expect((await moderate(sakae, placeId, 'return')).status).toBe('applied');
		expect(await publicName(placeId)).toBe(OLD_NAME);
		expect(await pulled(organizer, placeId)).toMatchObject({
			name: NEW_NAME,
			moderation: 'returned',
			moderationNote: '名前を確認してください'
		});
		expect(await pulled(otherOrganizer, placeId)).toMatchObject({ name: OLD_NAME });

		await edit(organizer, device, placeId, { name: 'テスト用サロン 改（生成）' });
		expect(await pulled(sakae, placeId)).toMatchObject({ moderation: 'pending' });
		expect(await publicName(placeId)).toBe(OLD_NAME);
	});

	it('sends a point moved within the district, an address and a category to review', async () => {
		for (const fields of [
			{ point: MOVED },
			{ address: '鶴ヶ島市テスト2-2（生成）' },
			{ category: 'gathering' }
		]) {
			const { placeId, device } = await approvedSalon();
			await edit(organizer, device, placeId, fields);
			expect(await pulled(sakae, placeId)).toMatchObject({ moderation: 'pending' });
			const shown = await findPublicPlace(ctx.db, placeId);
			expect(shown).toMatchObject({
				point: POINT,
				address: '鶴ヶ島市テスト1-1（生成）',
				categories: ['salon']
			});
		}
	});

	it('publishes a schedule or status edit at once, also while a rename waits', async () => {
		const { placeId, device } = await approvedSalon();
		await edit(organizer, device, placeId, { scheduleNote: '毎週木曜' });
		expect(await pulled(organizer, placeId)).toMatchObject({ moderation: 'approved' });
		expect((await findPublicPlace(ctx.db, placeId))?.scheduleText).toBe('毎週木曜');

		await edit(organizer, device, placeId, { name: NEW_NAME });
		await edit(organizer, device, placeId, { scheduleNote: '第1・第3金曜' });
		expect(await findPublicPlace(ctx.db, placeId)).toMatchObject({
			name: OLD_NAME,
			scheduleText: '第1・第3金曜'
		});
		await edit(organizer, device, placeId, { status: 'closed' });
		expect(await findPublicPlace(ctx.db, placeId)).toBeNull();
		expect(await pulled(otherOrganizer, placeId)).toBeUndefined();
	});

	it('needs no review once the change is undone', async () => {
		const { placeId, device } = await approvedSalon();
		await edit(organizer, device, placeId, { name: NEW_NAME });
		await edit(organizer, device, placeId, { name: OLD_NAME });
		expect(await pulled(organizer, placeId)).toMatchObject({ moderation: 'approved' });
	});

	it('publishes at once what staff or the district’s own coordinator change, but not a move out of their districts', async () => {
		const { placeId } = await approvedSalon();
		expect((await edit(staff, new TestDevice(), placeId, { name: NEW_NAME })).status).toBe(
			'applied'
		);
		expect(await publicName(placeId)).toBe(NEW_NAME);
		expect(await pulled(organizer, placeId)).toMatchObject({ moderation: 'approved' });

		// A coordinator's own salon: their district's changes stand; a move to fuji waits for fuji.
		const device = new TestDevice();
		const own = uuidv7();
		await edit(sakae, device, own, {
			name: OLD_NAME,
			category: 'salon',
			districtId: 'sakae',
			status: 'active'
		});
		expect(await publicName(own)).toBe(OLD_NAME);
		await edit(sakae, device, own, { name: NEW_NAME });
		expect(await publicName(own)).toBe(NEW_NAME);
		await edit(sakae, device, own, { districtId: 'fuji' });
		expect(await pulled(fuji, own)).toMatchObject({ moderation: 'pending', districtIds: ['fuji'] });
		expect(await findPublicPlace(ctx.db, own)).toMatchObject({ districtIds: ['sakae'] });
	});

	it('counts a moved salon in its new district only from the approval on (place history)', async () => {
		const { placeId, device } = await approvedSalon();
		const events = async () =>
			(
				await ctx.db.query<{ field: string; value: string }>(
					`select field, value from place_events where place_id = $1 order by at, field`,
					[placeId]
				)
			).map((e) => `${e.field}=${e.value}`);
		const approved = await events();
		await edit(organizer, device, placeId, { districtId: 'fuji' });
		// It stays approved, in sakae, while the move waits.
		expect(await events()).toEqual(approved);
		await moderate(fuji, placeId, 'approve');
		expect(await events()).toEqual([...approved, 'districtId=fuji']);
	});
});
