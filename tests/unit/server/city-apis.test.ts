/**
 * One server with two cities: Tsurugashima and a generated one (tests/fixtures/packs/
 * generated-city, no real place). Each resident API answers for the city asked for (`?city=`),
 * the default city without it, 404 `unknown_city` for a city the server does not hold.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { PackGeometry, PlacePack } from '#lib/domain/model.js';
import { readPackDirectory } from '#lib/server/packs/load-packs.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';

let ctx: AppContext;
vi.mock('#lib/server/app-context.js', async (original) => ({
	...(await original<typeof import('#lib/server/app-context.js')>()),
	appContext: async () => ctx
}));

const { createAppContext } = await import('#lib/server/app-context.js');
const pack = await import('../../../src/routes/api/pack/+server');
const geometry = await import('../../../src/routes/api/pack/geometry/+server');
const csv = await import('../../../src/routes/api/places.csv/+server');
const geojson = await import('../../../src/routes/api/places.geojson/+server');

const generated = readPackDirectory(resolve('tests/fixtures/packs/generated-city')).pack!.loaded;

type Handler = (event: { url: URL; request: Request }) => Promise<Response> | Response;
const get = (handler: unknown, path: string) =>
	(handler as Handler)({
		url: new URL(path, 'http://localhost'),
		request: new Request(new URL(path, 'http://localhost'))
	});

beforeAll(async () => {
	ctx = await createAppContext({ dataDir: 'memory://', packs: [tsurugashimaPack(), generated] });
});
afterAll(() => ctx.db.close());

describe('resident APIs per city', () => {
	it('/api/pack answers each city with its own places and districts only', async () => {
		const answer = async (query: string) =>
			((await (await get(pack.GET, `/api/pack${query}`)).json()) as { pack: PlacePack }).pack;
		const [byDefault, tsurugashima, other] = await Promise.all([
			answer(''),
			answer('?city=tsurugashima'),
			answer('?city=generated-city')
		]);
		expect(byDefault.id).toBe('tsurugashima');
		expect(byDefault).toEqual(tsurugashima);
		expect(tsurugashima.places).toHaveLength(39);
		expect(other.municipality).toBe('生成市（テスト用）');
		expect(other.places.map((p) => p.name)).toEqual([
			'生成避難所1（テスト用）',
			'生成避難所2（テスト用）',
			'生成広場（テスト用）'
		]);
		expect(other.districts.map((d) => d.id)).toEqual([
			'generated-city-west',
			'generated-city-east'
		]);
	});

	it("/api/pack?place= answers with that place's city (a place page of any city)", async () => {
		const answer = async (place: string) =>
			((await (await get(pack.GET, `/api/pack?place=${place}`)).json()) as { pack: PlacePack }).pack
				.id;
		expect(await answer('generated-city-shelter-generated-city-2')).toBe('generated-city');
		expect(await answer('council-1')).toBe('tsurugashima');
		expect(await answer('no-such-place')).toBe('tsurugashima');
	});

	it('geometry and open data follow ?city=', async () => {
		const outlines = (await (
			await get(geometry.GET, '/api/pack/geometry?city=generated-city')
		).json()) as PackGeometry;
		expect(outlines.packId).toBe('generated-city');
		expect(outlines.districts).toHaveLength(2);

		const table = await get(csv.GET, '/api/places.csv?city=generated-city');
		expect(table.headers.get('content-disposition')).toContain('generated-city-places.csv');
		const text = await table.text();
		expect(text).toContain('生成広場（テスト用）');
		expect(text).not.toContain('鶴ヶ島');

		const features = (
			(await (await get(geojson.GET, '/api/places.geojson?city=generated-city')).json()) as {
				features: { properties: { name: string; url: string } }[];
			}
		).features;
		expect(features.map((f) => f.properties.url)).toEqual([
			'/places/generated-city-shelter-generated-city-1',
			'/places/generated-city-shelter-generated-city-2',
			'/places/generated-city-shelter-generated-city-3'
		]);
		const tsurugashima = await (await get(geojson.GET, '/api/places.geojson')).text();
		expect(tsurugashima).not.toContain('生成');
	});

	it.each([
		['/api/pack?city=nowhere', pack.GET],
		['/api/pack/geometry?city=nowhere', geometry.GET],
		['/api/places.csv?city=nowhere', csv.GET],
		['/api/places.geojson?city=nowhere', geojson.GET]
	])('%s is 404 unknown_city, naming the cities there are', async (path, handler) => {
		const res = await get(handler, path);
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({
			reason: 'unknown_city',
			details: { city: 'nowhere', known: ['tsurugashima', 'generated-city'] }
		});
	});

	it('a repeated or unknown parameter is still 400 invalid_query', async () => {
		const res = await get(csv.GET, '/api/places.csv?city=a&city=b');
		expect(res.status).toBe(400);
		expect(((await res.json()) as { reason: string }).reason).toBe('invalid_query');
	});
});

describe('createAppContext with given packs', () => {
	it('takes the default city and refuses packs whose ids collide', async () => {
		const other = await createAppContext({
			dataDir: 'memory://',
			packs: [tsurugashimaPack(), generated],
			defaultCity: 'generated-city'
		});
		expect(other.defaultPackId).toBe('generated-city');
		// Given packs without given plans take the packs directory's plan for the same city.
		expect([...other.plans.keys()]).toEqual(['tsurugashima']);
		await other.db.close();
		const clash = { ...generated, pack: { ...generated.pack, id: 'clash' } };
		await expect(
			createAppContext({ dataDir: 'memory://', packs: [generated, clash] })
		).rejects.toThrow(
			/id "generated-city-shelter-generated-city-1" is also in pack generated-city/
		);
	});

	it('without packs, reads PACKS_DIR: the default city is then its first pack', async () => {
		vi.stubEnv('PACKS_DIR', 'tests/fixtures/packs');
		try {
			const fromDir = await createAppContext({ dataDir: 'memory://' });
			expect([...fromDir.packs.keys()]).toEqual(['generated-city', 'generated-town']);
			expect(fromDir.defaultPackId).toBe('generated-city');
			expect(fromDir.plans.size).toBe(0);
			await fromDir.db.close();
		} finally {
			vi.unstubAllEnvs();
		}
	});
});
