/**
 * `city-feed`: a small city's coordinator's first pull page over a national feed, on a
 * throwaway PostgreSQL cluster (bench/server-db.ts). The feed holds 5,000,000 SYNTHETIC session
 * rows of 1,000 synthetic cities (`synthetic-<n>`, loaded in SQL, untimed) and 300 of one small
 * synthetic city (`synthetic-small`) spread over the whole seq range. Timed with `handlePull`
 * as the endpoint runs it:
 * - its coordinator of district d1 (all 300 rows theirs), a first page (since 0, limit 500);
 * - its coordinator of district d2 (none theirs: the empty page of issue #13, where the feed
 *   before migration 11 scanned every other city's rows);
 * - the same two reads with the feed query before migration 11 (no city filter), for the
 *   before/after figure (report only);
 * - a large synthetic city's staff first page (report only).
 */
import { NO_TARGET, type Row } from './section';
import { formatMs, summarize } from './measure';
import {
	errorMessage,
	postgresContext,
	startPostgresCluster,
	stopPostgresCluster
} from './server-db';

const { handlePull } = await import('../src/lib/server/sync/pull');

const ROWS = 5_000_000;
const CITIES = 1_000;
const SMALL = 'synthetic-small';
const SMALL_ROWS = 300;
const TARGET_MS = 50;
const RUNS = 20;

/** The feed query before migration 11 (change-feed.ts readChanges then): no city filter. */
const BEFORE_SQL = `select seq, entity, entity_id,
   case when own then data when visible then coalesce(public_data, data) end as data,
   deleted, not visible as gone
 from (
   select *, own or is_public as visible
   from (select *, ($4 or owner_id = $2 or district_ids && $3::text[]) as own
         from changes where seq > $1) o
 ) c
 where visible or ($6 and lost_at > $1
   and (lost_public or $2 = any(lost_owner_ids) or lost_district_ids && $3::text[]))
 order by seq limit $5`;

type Ctx = Awaited<ReturnType<typeof postgresContext>>;

async function load(ctx: Ctx): Promise<void> {
	const every = Math.floor(ROWS / SMALL_ROWS);
	// One statement: synthetic rows of the many cities, and every `every`-th row the small
	// city's (district d1), so its rows are spread from the first seq to the last.
	await ctx.db.query(
		`insert into changes (seq, entity, entity_id, city, data, deleted, owner_id, district_ids, is_public)
		 select i, 'session', 'synthetic-' || i,
		   case when i % $2 = 0 then $3 else 'synthetic-' || (i % $4) end,
		   jsonb_build_object('synthetic', true, 'placeId', 'synthetic-place-' || (i % 84), 'n', i),
		   false, null,
		   case when i % $2 = 0 then array[$3 || '-d1']
		        else array['synthetic-' || (i % $4) || '-d' || (i % 8)] end,
		   false
		 from generate_series(1, $1) as i`,
		[ROWS, every, SMALL, CITIES]
	);
	await ctx.db.query('update sync_clock set seq = $1', [ROWS]);
	await ctx.db.query('analyze changes');
}

async function timeIt(fn: () => Promise<unknown>): Promise<ReturnType<typeof summarize>> {
	for (let i = 0; i < 3; i++) await fn();
	const samples: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		await fn();
		samples.push(performance.now() - start);
	}
	return summarize(samples);
}

const figure = (t: ReturnType<typeof summarize>, extra: string) =>
	`median ${formatMs(t.median)} · p95 ${formatMs(t.p95)} (${t.runs} runs) · ${extra}`;

export async function run(): Promise<Row[]> {
	let adminUrl: string;
	try {
		adminUrl = await startPostgresCluster();
	} catch (error) {
		return [failed(errorMessage(error))];
	}
	try {
		const ctx = await postgresContext(adminUrl, 'bench_city_feed');
		try {
			const loadStart = performance.now();
			await load(ctx);
			const loadS = (performance.now() - loadStart) / 1000;
			const rows: Row[] = [];
			const coordinator = (district: string) => ({
				userId: '00000000-0000-7000-8000-000000000001',
				role: 'coordinator' as const,
				districtIds: [`${SMALL}-${district}`],
				cityIds: [SMALL]
			});
			for (const [label, district] of [
				['first page, all 300 rows theirs', 'd1'],
				['first page, empty (no row theirs)', 'd2']
			] as const) {
				const who = coordinator(district);
				let got = 0;
				const after = await timeIt(async () => {
					got = (await handlePull(ctx.db, who, { protocol: 3, since: 0, limit: 500 })).changes
						.length;
				});
				const before = await timeIt(() =>
					ctx.db.query(BEFORE_SQL, [0, who.userId, who.districtIds, false, 500, false])
				);
				rows.push({
					benchmark: `city-feed: small city's coordinator, ${label}`,
					figure: figure(after, `${got} changes · 5 M rows of ${CITIES} cities`),
					target: `p95 ≤ ${TARGET_MS} ms`,
					ok: after.p95 <= TARGET_MS,
					values: { median: after.median, p95: after.p95, changes: got }
				});
				rows.push({
					benchmark: `city-feed: same read, feed query before migration 11`,
					figure: figure(before, `${label}`),
					target: NO_TARGET,
					ok: null,
					values: { median: before.median, p95: before.p95 }
				});
			}
			const staff = {
				userId: '00000000-0000-7000-8000-000000000002',
				role: 'staff' as const,
				districtIds: [],
				cityIds: ['synthetic-7']
			};
			let got = 0;
			const big = await timeIt(async () => {
				got = (await handlePull(ctx.db, staff, { protocol: 3, since: 0, limit: 500 })).changes
					.length;
			});
			rows.push({
				benchmark: 'city-feed: a 5,000-row city’s staff, first page',
				figure: figure(big, `${got} changes`),
				target: NO_TARGET,
				ok: null,
				values: { median: big.median, p95: big.p95 }
			});
			rows.push({
				benchmark: 'city-feed: loading 5 M synthetic rows (SQL, untimed in the rows above)',
				figure: `${loadS.toFixed(1)} s`,
				target: NO_TARGET,
				ok: null,
				values: { seconds: loadS }
			});
			return rows;
		} finally {
			await ctx.db.close();
		}
	} finally {
		await stopPostgresCluster();
	}
}

function failed(message: string): Row {
	return {
		benchmark: 'city-feed: PostgreSQL',
		figure: `failed: ${message}`,
		target: `p95 ≤ ${TARGET_MS} ms`,
		ok: false
	};
}
