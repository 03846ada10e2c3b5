/**
 * One city's `/api/pack` answer with many cities on the server (#13, pack-service.ts): it holds
 * that city's places only, is built once and answered 304 to a device that has it, and moves
 * as soon as a place of that city is approved or changed through sync — while other cities'
 * answers stay as they were. The second city and every salon here are generated test data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext, type LoadedPack } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import {
	answerGeometry,
	answerPack,
	prewarmPacks,
	UnknownCityError
} from '#lib/server/pack-service.js';
import { handlePush } from '#lib/server/sync/push.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import type { Place, PlacePack } from '#lib/domain/model.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { makePlace } from '../factories';
import { account, ENGINES, TestDevice, type Engine } from './sync-helpers';
import { createEmptyPostgresDatabase } from './test-database';

/** A generated second city (not a real municipality) with three pack places. */
function generatedCity(): LoadedPack {
	const ring: [number, number][] = [
		[140, 36],
		[140.1, 36],
		[140.1, 36.1],
		[140, 36.1],
		[140, 36]
	];
	return {
		pack: {
			id: 'test-city',
			municipality: '生成市',
			municipalityCode: 'G0000',
			bbox: [140, 36, 140.1, 36.1],
			center: { lng: 140.05, lat: 36.05 },
			districts: [],
			towns: [],
			places: [1, 2, 3].map((n) =>
				makePlace({ id: `test-city-place-${n}`, origin: 'pack', name: `生成サロン ${n}` })
			),
			attributions: []
		},
		geometry: { packId: 'test-city', boundary: [[ring]], districts: [] }
	};
}

async function contextOn(
	engine: Engine,
	packs: LoadedPack[]
): Promise<{ ctx: AppContext; close: () => Promise<void> }> {
	if (engine === 'pglite') {
		const ctx = await createAppContext({ dataDir: 'memory://', packs });
		return { ctx, close: () => ctx.db.close() };
	}
	const created = await createEmptyPostgresDatabase();
	const ctx = await createAppContext({ databaseUrl: created.url, packs });
	return {
		ctx,
		close: async () => {
			await ctx.db.close();
			await created.drop();
		}
	};
}

const get = (path: string, headers: Record<string, string> = {}) =>
	new Request(`http://ibasho.test${path}`, { headers });

describe.each(ENGINES)('%s', (engine) => {
	let ctx: AppContext;
	let close: () => Promise<void>;
	let organizer: Account;
	let sakae: Account;
	const tsurugashima = tsurugashimaPack();
	const other = generatedCity();

	beforeAll(async () => {
		({ ctx, close } = await contextOn(engine, [tsurugashima, other]));
		[organizer, sakae] = await Promise.all([
			account(ctx, 'organizer'),
			account(ctx, 'coordinator', ['sakae'])
		]);
	});
	afterAll(() => close());

	async function packOf(city: string, etag?: string) {
		const response = await answerPack(
			ctx,
			get('/api/pack', etag ? { 'if-none-match': etag } : {}),
			city
		);
		const body =
			response.status === 200
				? ((await response.json()) as { pack: PlacePack; revision: string })
				: null;
		return { status: response.status, etag: response.headers.get('etag')!, body };
	}
	const push = async (who: Account, op: Record<string, unknown>) => {
		const device = new TestDevice();
		const { results } = await handlePush(
			ctx.db,
			{ actor: who, packs: ctx.packs, now: Date.now() },
			{ deviceId: device.deviceId, ops: [{ ...device.envelope(), ...op }] }
		);
		expect(results[0]!.status).toBe('applied');
	};

	it('answers each city with its own places only, and 304 to a device that has them', async () => {
		const mine = await packOf('tsurugashima');
		const theirs = await packOf('test-city');
		expect(mine.status).toBe(200);
		expect(mine.body!.pack.id).toBe('tsurugashima');
		const tsurugashimaIds = new Set(tsurugashima.pack.places.map((p) => p.id));
		expect(mine.body!.pack.places.length).toBeGreaterThan(0);
		expect(mine.body!.pack.places.every((p) => tsurugashimaIds.has(p.id))).toBe(true);
		expect(theirs.body!.pack.places.map((p) => p.id)).toEqual([
			'test-city-place-1',
			'test-city-place-2',
			'test-city-place-3'
		]);
		expect(theirs.body!.pack.municipality).toBe('生成市');
		expect(mine.etag).not.toBe(theirs.etag);
		expect(mine.etag).toContain(mine.body!.revision);

		const again = await packOf('tsurugashima', mine.etag);
		expect(again).toMatchObject({ status: 304, etag: mine.etag, body: null });
	});

	it('sends compressed bytes that decode to the same answer', async () => {
		const plain = await answerPack(ctx, get('/api/pack'), 'test-city');
		const br = await answerPack(
			ctx,
			get('/api/pack', { 'accept-encoding': 'gzip, br' }),
			'test-city'
		);
		expect(br.headers.get('content-encoding')).toBe('br');
		const { brotliDecompressSync } = await import('node:zlib');
		const decoded = brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString();
		expect(JSON.parse(decoded)).toEqual(await plain.json());
	});

	it('moves when a place of the city is approved or changed, and only for that city', async () => {
		const before = await packOf('tsurugashima');
		const otherBefore = await packOf('test-city');
		const placeId = uuidv7();
		const name = 'テスト用サロン（生成）承認待ち';
		await push(organizer, {
			kind: 'place.upsert',
			placeId,
			packId: 'tsurugashima',
			fields: {
				name,
				category: 'salon',
				districtId: 'sakae',
				point: { lng: 139.393, lat: 35.934 }, // inside Tsurugashima; not a real salon
				address: '鶴ヶ島市テスト1-1（生成）',
				scheduleNote: '毎週火曜',
				status: 'active'
			}
		});
		// Waiting for review: residents see nothing new, so the device keeps its copy.
		expect((await packOf('tsurugashima', before.etag)).status).toBe(304);

		await push(sakae, { kind: 'place.moderate', placeId, decision: 'approve', reason: null });
		const approved = await packOf('tsurugashima', before.etag);
		expect(approved.status).toBe(200);
		const shown = approved.body!.pack.places.find((p: Place) => p.id === placeId);
		expect(shown?.name).toBe(name);

		await push(organizer, {
			kind: 'place.upsert',
			placeId,
			packId: 'tsurugashima',
			fields: { scheduleNote: '毎週木曜' }
		});
		const changed = await packOf('tsurugashima', approved.etag);
		expect(changed.status).toBe(200);
		expect(changed.body!.pack.places.find((p) => p.id === placeId)?.scheduleText).toBe('毎週木曜');

		// The other city's answer did not move.
		expect((await packOf('test-city', otherBefore.etag)).status).toBe(304);
	});

	it('answers the same after the background build of every city, as JSON.stringify would', async () => {
		const warm = await contextOn(engine, [tsurugashima, other]);
		try {
			expect(await prewarmPacks(warm.ctx)).toBe(2);
			for (const city of ['tsurugashima', 'test-city']) {
				const built = await answerPack(warm.ctx, get('/api/pack'), city);
				const text = await built.text();
				const answer = JSON.parse(text) as { pack: PlacePack; config: unknown; revision: string };
				// The same bytes as serializing { pack, config, revision } whole.
				expect(text).toBe(JSON.stringify(answer));
				expect(Object.keys(answer)).toEqual(['pack', 'config', 'revision']);
				const fresh = (await (await answerPack(ctx, get('/api/pack'), city)).json()) as {
					pack: PlacePack;
					config: unknown;
				};
				expect(answer.config).toEqual(fresh.config);
				// Tsurugashima's places on `ctx` were changed by the test above; the other city's were not.
				if (city === 'test-city') expect(answer.pack).toEqual(fresh.pack);
				const etag = built.headers.get('etag')!;
				const again = await answerPack(warm.ctx, get('/api/pack', { 'if-none-match': etag }), city);
				expect(again.status).toBe(304);
			}
		} finally {
			await warm.close();
		}
	});

	it('answers each city its own geometry, and refuses a city it does not have', async () => {
		const response = answerGeometry(ctx, get('/api/pack/geometry'), 'test-city');
		expect(await response.json()).toEqual(other.geometry);
		const etag = response.headers.get('etag')!;
		const again = answerGeometry(
			ctx,
			get('/api/pack/geometry', { 'if-none-match': etag }),
			'test-city'
		);
		expect(again.status).toBe(304);
		const mine = answerGeometry(ctx, get('/api/pack/geometry'), 'tsurugashima');
		expect(((await mine.json()) as { packId: string }).packId).toBe('tsurugashima');

		await expect(answerPack(ctx, get('/api/pack'), 'nowhere')).rejects.toThrow(UnknownCityError);
		expect(() => answerGeometry(ctx, get('/api/pack/geometry'), 'nowhere')).toThrow(
			UnknownCityError
		);
	});
});
