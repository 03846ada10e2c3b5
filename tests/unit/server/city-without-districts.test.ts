/**
 * A city without districts (Tokorozawa: its school-district polygons may not be redistributed)
 * works city-wide on a server that also serves Tsurugashima: places are registered without a
 * district, sessions are logged at them, city-wide meetings land in the right city, and
 * Tsurugashima's rules (a district for every new place) are unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { handlePush } from '#lib/server/sync/push.js';
import { buildPlacePack } from '#lib/domain/pack/build-place-pack.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { readPackSources } from '../pack-files';
import { account, ENGINES, TestDevice } from './sync-helpers';
import { testAppContext } from './test-database';
import { sessionOp } from '../ops';

const tokorozawa = buildPlacePack(readPackSources('packs/tokorozawa'));

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let organizer: Account;
	let staff: Account;
	const device = new TestDevice();

	beforeAll(async () => {
		ctx = await testAppContext(engine, { packs: [tsurugashimaPack(), tokorozawa] });
		// Accounts of both cities: each city's own rules are what this file is about.
		organizer = await account(ctx, 'organizer', [], ['tsurugashima', 'tokorozawa']);
		staff = await account(ctx, 'staff', [], ['tsurugashima', 'tokorozawa']);
	});
	afterAll(() => ctx.db.close());

	const push = (who: Account, ops: unknown[]) =>
		handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, defaultPackId: ctx.defaultPackId, now: Date.now() },
			{ deviceId: device.deviceId, ops }
		).then((r) => r.results);

	const salon = (packId: string, fields: Record<string, unknown> = {}, placeId = uuidv7()) => ({
		...device.envelope(),
		kind: 'place.upsert',
		placeId,
		packId,
		fields: { name: 'テスト用サロン（生成）', category: 'salon', point: null, ...fields }
	});

	const meeting = (fields: Record<string, unknown>, packId?: string) => ({
		...device.envelope(),
		kind: 'meeting.upsert',
		meetingId: uuidv7(),
		...(packId ? { packId } : {}),
		fields: {
			meetingKind: 'training',
			date: '2026-11-20',
			venue: 'テスト会場（生成）',
			closed: false,
			districtIds: [],
			...fields
		}
	});

	it('seeds both cities, Tsurugashima the default', async () => {
		expect(ctx.defaultPackId).toBe('tsurugashima');
		const rows = await ctx.db.query<{ pack_id: string; n: number }>(
			"select pack_id, count(*)::int as n from places where origin = 'pack' group by pack_id order by pack_id"
		);
		expect(rows).toEqual([
			{ pack_id: 'tokorozawa', n: 75 },
			{ pack_id: 'tsurugashima', n: tsurugashimaPack().pack.places.length }
		]);
	});

	it('registers a place in Tokorozawa with no district, and logs a session there', async () => {
		const register = salon('tokorozawa');
		const session = sessionOp(device, register.placeId, {
			date: '2026-11-10',
			participants: { total: 9 },
			volunteers: 2
		});
		const results = await push(organizer, [register, session]);
		expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
		const [row] = await ctx.db.query<{
			pack_id: string;
			district_ids: string[];
			moderation: string;
		}>('select pack_id, district_ids, moderation from places where id = $1', [register.placeId]);
		expect(row).toEqual({ pack_id: 'tokorozawa', district_ids: [], moderation: 'pending' });
		const sessions = await ctx.db.query<{ n: number }>(
			'select count(*)::int as n from session_records where place_id = $1',
			[register.placeId]
		);
		expect(sessions[0]!.n).toBe(1);
	});

	it('publishes a Tokorozawa place staff register at once', async () => {
		const register = salon('tokorozawa');
		expect((await push(staff, [register]))[0]).toMatchObject({ status: 'applied' });
		const [row] = await ctx.db.query<{ moderation: string }>(
			'select moderation from places where id = $1',
			[register.placeId]
		);
		expect(row!.moderation).toBe('approved');
	});

	it('refuses a district in a city that has none, and still requires one in Tsurugashima', async () => {
		const [foreign, missing, given] = await push(organizer, [
			salon('tokorozawa', { districtId: 'fuji' }),
			salon('tsurugashima'),
			salon('tsurugashima', { districtId: 'fuji' })
		]);
		expect(foreign).toMatchObject({ status: 'rejected', reason: 'unknown_district' });
		expect(missing).toMatchObject({
			status: 'rejected',
			reason: 'missing_fields',
			details: { fields: ['districtId'] }
		});
		expect(given).toMatchObject({ status: 'applied' });
	});

	it('files city-wide meetings under the city they name, or the default city', async () => {
		const tsurugashimaWide = meeting({});
		const tokorozawaWide = meeting({}, 'tokorozawa');
		const minami = meeting({ districtIds: ['minami'] });
		const results = await push(staff, [tsurugashimaWide, tokorozawaWide, minami]);
		expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
		const rows = await ctx.db.query<{ id: string; pack_id: string }>(
			'select id, pack_id from meetings where id = any($1::uuid[])',
			[[tsurugashimaWide.meetingId, tokorozawaWide.meetingId, minami.meetingId]]
		);
		const cityOf = new Map(rows.map((r) => [r.id, r.pack_id]));
		expect(cityOf.get(tsurugashimaWide.meetingId)).toBe('tsurugashima');
		expect(cityOf.get(tokorozawaWide.meetingId)).toBe('tokorozawa');
		expect(cityOf.get(minami.meetingId)).toBe('tsurugashima');
	});

	it('refuses a meeting naming one city with another city’s district, or an unknown city', async () => {
		const [mixed, unknownCity] = await push(staff, [
			meeting({ districtIds: ['minami'] }, 'tokorozawa'),
			meeting({}, 'nowhere')
		]);
		expect(mixed).toMatchObject({ status: 'rejected', reason: 'unknown_district' });
		expect(unknownCity).toMatchObject({ status: 'rejected', reason: 'not_found' });
	});
});
