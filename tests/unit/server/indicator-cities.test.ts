/**
 * The indicator endpoints answer for the signed-in account's city (issue #13): on one server
 * with both cities' packs and plans (the packs directory, as `npm start` reads it), a
 * Tokorozawa staff account reads Tokorozawa's indicators without naming the city, may name it
 * with `?city=`, and reads nothing of Tsurugashima's (403), whether it names the city or the
 * plan; an unknown city is 404 `unknown_city`. `?plan=` still works for a city the account holds.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { account } from './sync-helpers';

let ctx: AppContext;
vi.mock('#lib/server/app-context.js', async (original) => ({
	...(await original<typeof import('#lib/server/app-context.js')>()),
	appContext: async () => ctx
}));

const { createAppContext } = await import('#lib/server/app-context.js');
const computed = await import('../../../src/routes/api/indicators/computed/+server');
const history = await import('../../../src/routes/api/indicators/history/+server');
const openData = await import('../../../src/routes/api/indicators.csv/+server');

type Handler = (event: {
	url: URL;
	request: Request;
	locals: { account: Account | null };
}) => Promise<Response>;
const get = (handler: unknown, path: string, who: Account | null) => {
	const url = new URL(path, 'http://localhost');
	return (handler as Handler)({ url, request: new Request(url), locals: { account: who } });
};
const body = async (res: Response) => (await res.json()) as Record<string, unknown>;

let tokorozawaStaff: Account;
let tsurugashimaStaff: Account;

beforeAll(async () => {
	ctx = await createAppContext({ dataDir: 'memory://' });
	tokorozawaStaff = await account(ctx, 'staff', [], ['tokorozawa']);
	tsurugashimaStaff = await account(ctx, 'staff', [], ['tsurugashima']);
});
afterAll(() => ctx.db.close());

describe("indicator endpoints read the account's own city", () => {
	it("a Tokorozawa account's computed figures are Tokorozawa's, named or not", async () => {
		for (const query of ['fy=2024', 'city=tokorozawa&fy=2024', 'plan=tokorozawa&fy=2024']) {
			const res = await get(computed.GET, `/api/indicators/computed?${query}`, tokorozawaStaff);
			expect(res.status, query).toBe(200);
			expect((await body(res)).planId, query).toBe('tokorozawa');
		}
		const own = await get(computed.GET, '/api/indicators/computed?fy=2024', tsurugashimaStaff);
		expect((await body(own)).planId).toBe('tsurugashima');
	});

	it("a Tokorozawa account cannot read Tsurugashima's computed figures or history", async () => {
		for (const path of [
			'/api/indicators/computed?city=tsurugashima&fy=2024',
			'/api/indicators/computed?plan=tsurugashima&fy=2024',
			'/api/indicators/history?city=tsurugashima&fy=2024&no=1'
		]) {
			const res = await get(
				path.includes('history') ? history.GET : computed.GET,
				path,
				tokorozawaStaff
			);
			expect(res.status, path).toBe(403);
			expect((await body(res)).reason, path).toBe('forbidden');
		}
	});

	it("a Tokorozawa account's history is of Tokorozawa's indicators (47 of them, not 20)", async () => {
		const res = await get(history.GET, '/api/indicators/history?fy=2024&no=47', tokorozawaStaff);
		expect(res.status).toBe(200);
		expect(await body(res)).toEqual({ entries: [], evaluations: [] });
		// Tsurugashima's plan has 20 indicators: No. 47 exists only in Tokorozawa's.
		const there = await get(
			history.GET,
			'/api/indicators/history?fy=2024&no=47',
			tsurugashimaStaff
		);
		expect(there.status).toBe(404);
		expect((await body(there)).reason).toBe('unknown_indicator');
	});

	it('an unknown city is 404 unknown_city; naming both city and plan is 400 invalid_query', async () => {
		const unknown = await get(
			computed.GET,
			'/api/indicators/computed?city=nowhere&fy=2024',
			tokorozawaStaff
		);
		expect(unknown.status).toBe(404);
		expect((await body(unknown)).reason).toBe('unknown_city');
		const both = await get(
			computed.GET,
			'/api/indicators/computed?city=tokorozawa&plan=tokorozawa&fy=2024',
			tokorozawaStaff
		);
		expect(both.status).toBe(400);
		expect((await body(both)).reason).toBe('invalid_query');
	});

	it("the open-data CSV answers a signed-in account's city, and the default city to a visitor", async () => {
		const mine = await get(openData.GET, '/api/indicators.csv?fy=2024', tokorozawaStaff);
		expect(mine.headers.get('content-disposition')).toContain('tokorozawa-indicators-2024.csv');
		const visitor = await get(openData.GET, '/api/indicators.csv?fy=2024', null);
		expect(visitor.headers.get('content-disposition')).toContain(
			'tsurugashima-indicators-2024.csv'
		);
		const named = await get(openData.GET, '/api/indicators.csv?city=tokorozawa&fy=2024', null);
		expect(named.headers.get('content-disposition')).toContain('tokorozawa-indicators-2024.csv');
	});
});
