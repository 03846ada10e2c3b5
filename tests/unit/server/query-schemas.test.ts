/**
 * Query strings of the API (src/lib/server/http/read-query.ts, query-schemas.ts,
 * indicator-query.ts): strict, named refusals, the documented readings of `fy`, and every year
 * an endpoint accepts can be built without throwing (a RangeError there was a 500).
 */
import { describe, expect, it } from 'vitest';
import {
	buildEvaluationSheet,
	buildOpenDataRows,
	buildProgressTable
} from '#lib/export/progress-tables.js';
import { tsurugashimaPlan } from '#lib/packs/tsurugashima-plan.js';
import {
	fiscalYearRange,
	readIndicatorQuery,
	type YearRange
} from '#lib/server/http/indicator-query.js';
import {
	auditQuerySchema,
	historyQuerySchema,
	indicatorQuerySchema,
	NO_QUERY,
	progressQuerySchema,
	pullQuerySchema
} from '#lib/server/http/query-schemas.js';
import { readQuery } from '#lib/server/http/read-query.js';

const url = (query: string) => new URL(`http://localhost/api/x?${query}`);
const ctx = {
	plans: new Map([['tsurugashima', tsurugashimaPlan()]]),
	packs: new Map([['tsurugashima', {}]]) as never,
	defaultPackId: 'tsurugashima'
};

async function refusal(result: { ok: boolean; response?: Response }) {
	expect(result.ok).toBe(false);
	const response = result.response!;
	return { status: response.status, body: await response.json() };
}

describe('readQuery', () => {
	it('names every unknown parameter', async () => {
		expect(await refusal(readQuery(url('since=0&extra=1&fY=2023'), pullQuerySchema))).toEqual({
			status: 400,
			body: {
				reason: 'invalid_query',
				details: [
					{ path: 'extra', code: 'unrecognized_keys' },
					{ path: 'fY', code: 'unrecognized_keys' }
				]
			}
		});
	});

	it('refuses a parameter given twice rather than pick one', async () => {
		expect(await refusal(readQuery(url('since=0&since=50'), pullQuerySchema))).toEqual({
			status: 400,
			body: { reason: 'invalid_query', details: [{ path: 'since', code: 'duplicate' }] }
		});
	});

	it('endpoints without parameters refuse any, and accept none', async () => {
		expect(readQuery(url(''), NO_QUERY)).toEqual({ ok: true, value: {} });
		expect((await refusal(readQuery(url('v=2'), NO_QUERY))).body.details).toEqual([
			{ path: 'v', code: 'unrecognized_keys' }
		]);
	});

	it('cuts a long unknown name and never echoes values', async () => {
		const name = 'n'.repeat(500);
		const { body } = await refusal(readQuery(url(`${name}=<script>`), NO_QUERY));
		expect(body.details[0].path).toHaveLength(65);
		expect(JSON.stringify(body)).not.toContain('script');
	});

	it("reads the app's own pull query", () => {
		const read = readQuery(
			url('protocol=2&since=10&limit=500&resync=1&purgedThrough=3&view=0123456789abcdef'),
			pullQuerySchema
		);
		expect(read).toEqual({
			ok: true,
			value: {
				protocol: 2,
				since: 10,
				limit: 500,
				resync: true,
				purgedThrough: 3,
				view: '0123456789abcdef'
			}
		});
	});

	it("audit: a record's kind (a place unless named) and id, an op id to page from, a page size", async () => {
		const before = '01890a5d-ac96-774b-bcce-b302099a8057';
		expect(
			readQuery(url(`kind=meeting&id=abc&before=${before}&limit=20`), auditQuerySchema)
		).toEqual({
			ok: true,
			value: { kind: 'meeting', id: 'abc', before, limit: 20 }
		});
		expect(readQuery(url('id=abc'), auditQuerySchema)).toEqual({
			ok: true,
			value: { kind: 'place', id: 'abc', limit: 200 }
		});
		for (const q of [
			'id=abc&before=12',
			'id=abc&limit=0',
			'id=abc&limit=201',
			'id=abc&page=2',
			'kind=user&id=abc',
			'kind=place&kind=meeting&id=abc'
		]) {
			expect((await refusal(readQuery(url(q), auditQuerySchema))).body.reason, q).toBe(
				'invalid_query'
			);
		}
	});
});

describe('readIndicatorQuery', () => {
	const read = (q: string, range?: YearRange, schema = indicatorQuerySchema) =>
		readIndicatorQuery(url(q), ctx, schema, range);
	const yearOf = (q: string) => {
		const r = read(q);
		return r.ok ? r.fiscalYear : null;
	};

	it('reads fy as 2023, 令和5年度, R5 and full-width digits alike', () => {
		for (const fy of ['2023', '令和5年度', 'R5', '２０２３', '令和５年度']) {
			expect(yearOf(`plan=tsurugashima&fy=${encodeURIComponent(fy)}`), fy).toBe(2023);
		}
	});

	it('unknown plan → 404 unknown_plan; unreadable year → 400 invalid_fiscal_year with the range', async () => {
		expect(await refusal(read('plan=nowhere&fy=2023'))).toMatchObject({
			status: 404,
			body: { reason: 'unknown_plan', details: { plan: 'nowhere', known: ['tsurugashima'] } }
		});
		for (const fy of ['', 'abc', '1999', '2040']) {
			expect(await refusal(read(`plan=tsurugashima&fy=${fy}`))).toEqual({
				status: 400,
				body: { reason: 'invalid_fiscal_year', details: { fy, from: 2021, to: 2026 } }
			});
		}
		expect((await refusal(read('plan=tsurugashima'))).body.details).toEqual({
			fy: null,
			from: 2021,
			to: 2026
		});
	});

	it('unknown parameters and a non-numeric indicator number → 400 invalid_query', async () => {
		expect(await refusal(read('plan=tsurugashima&fy=2023&lang=en'))).toEqual({
			status: 400,
			body: { reason: 'invalid_query', details: [{ path: 'lang', code: 'unrecognized_keys' }] }
		});
		for (const no of ['abc', '0', '-1', '2.5', '1e2', '']) {
			const r = read(`plan=tsurugashima&fy=2023&no=${no}`, undefined, historyQuerySchema);
			expect(await refusal(r), no).toEqual({
				status: 400,
				body: { reason: 'invalid_query', details: [{ path: 'no', code: 'integer' }] }
			});
		}
		const ok = readIndicatorQuery(url('plan=tsurugashima&fy=2023&no=12'), ctx, historyQuerySchema);
		expect(ok.ok && ok.query.no).toBe(12);
		const lang = read('plan=tsurugashima&fy=2023&lang=de', 'plan', progressQuerySchema);
		expect((await refusal(lang)).body.details).toEqual([{ path: 'lang', code: 'invalid_value' }]);
	});

	// Edge years of the 2022–2026 plan: 2021 is the year before it.
	const EDGES: [YearRange, number, boolean][] = [
		['with-year-before', 2020, false],
		['with-year-before', 2021, true],
		['with-year-before', 2026, true],
		['with-year-before', 2027, false],
		['plan', 2020, false],
		['plan', 2021, false],
		['plan', 2022, true],
		['plan', 2026, true],
		['plan', 2027, false]
	];
	it.each(EDGES)('%s: fy=%i accepted: %s', async (range, fy, accepted) => {
		const r = read(`plan=tsurugashima&fy=${fy}`, range);
		if (accepted) {
			expect(r.ok && r.fiscalYear).toBe(fy);
		} else {
			expect(await refusal(r)).toEqual({
				status: 400,
				body: {
					reason: 'invalid_fiscal_year',
					details: { fy: String(fy), ...fiscalYearRange(tsurugashimaPlan(), range) }
				}
			});
		}
	});

	it('every year the progress endpoints accept builds a table and a sheet; every other year builds open data', () => {
		const plan = tsurugashimaPlan();
		const progress = fiscalYearRange(plan, 'plan');
		for (let y = progress.from; y <= progress.to; y++) {
			expect(() => buildProgressTable(plan, y, 'ja')).not.toThrow();
			expect(() => buildEvaluationSheet(plan, y, 'en')).not.toThrow();
		}
		const open = fiscalYearRange(plan, 'with-year-before');
		for (let y = open.from; y <= open.to; y++) {
			expect(() => buildOpenDataRows(plan, y)).not.toThrow();
		}
		// The year before the plan has no progress table: the endpoint must refuse it, not throw.
		expect(() => buildProgressTable(plan, open.from, 'ja')).toThrow(RangeError);
	});
});
