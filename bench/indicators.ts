/**
 * `indicators`: every computed indicator of one fiscal year — `computeYear(ctx, 'tsurugashima',
 * 2023)`, the same call the indicator pages make — over a database holding 1,000,000 generated
 * session records of five fiscal years (about a fifth in FY 2023) plus 2,000 user places with
 * their history, 2,000 meetings with their tallies and 1,000 team records
 * (bench/indicators-load.ts). On a throwaway PostgreSQL cluster (the target) and on PGlite in
 * memory (report only), each in a fresh database loaded untimed (its load time is reported),
 * then timed twice: as loaded (after `analyze`) and after `vacuum` (see State).
 *
 * Also writes `explain (analyze, buffers)` of the session aggregate, the one query over the big
 * table, in both states to bench/results/indicators-explain-<engine>.txt: it is captured from
 * the real call, so it always shows the query indicators-repo.ts runs. Every run on either
 * engine must compute the same figures from the same data; a difference fails the section.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fiscalYearEnd, fiscalYearStart } from '../src/lib/domain/fiscal-year';
import type { ComputedYear } from '../src/lib/domain/indicators/computations';
import type { AppContext } from '../src/lib/server/app-context';
import type { Database, Row as DbRow } from '../src/lib/server/db/database';
import { loadIndicatorData, type LoadedCounts } from './indicators-load';
import {
	DEFAULT_RUNS,
	DEFAULT_WARMUP,
	formatCount,
	formatTiming,
	summarize,
	timingValues
} from './measure';
import type { Row } from './section';
import {
	errorMessage,
	pgliteContext,
	postgresContext,
	startPostgresCluster,
	stopPostgresCluster,
	type Engine
} from './server-db';

// Server modules after server-db, which registers the hook for the pack's `?raw` imports.
const { computeYear } = await import('../src/lib/server/indicator-service');

const PLAN_ID = 'tsurugashima';
const FISCAL_YEAR = 2023;
const TARGET_MS = 500;

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

/**
 * The two states a database is timed in. `as loaded`: `analyze` only, the visibility map not
 * yet set, so no index-only scan pays off — where a PGlite database stays (PGlite runs no
 * autovacuum). `vacuumed`: after `vacuum (analyze) session_records`, what autovacuum soon
 * reaches on a PostgreSQL server after inserts (PostgreSQL ≥ 13 vacuums insert-only tables too).
 */
type State = 'as loaded' | 'vacuumed';

/** Runs computeYear once with the session aggregate replaced by its `explain (analyze, buffers)`. */
async function explainSessionAggregate(ctx: AppContext): Promise<string> {
	const captured: string[] = [];
	const db: Database = {
		...ctx.db,
		async query<T extends DbRow>(sql: string, params: unknown[] = []): Promise<T[]> {
			if (/\bfrom session_records\b/.test(sql) && captured.length === 0) {
				const plan = await ctx.db.query<{ 'QUERY PLAN': string }>(
					`explain (analyze, buffers) ${sql}`,
					params
				);
				captured.push(
					sql.replace(/^\s+/gm, '  '),
					`params: ${JSON.stringify(params)}`,
					'',
					...plan.map((r) => r['QUERY PLAN'])
				);
			}
			return ctx.db.query<T>(sql, params);
		}
	};
	await computeYear({ ...ctx, db }, PLAN_ID, FISCAL_YEAR);
	if (captured.length === 0) throw new Error('computeYear ran no query on session_records');
	return captured.join('\n');
}

const describeCounts = (c: LoadedCounts): string =>
	`${formatCount(c.sessionRecords)} session records (${formatCount(c.currentSessions)} current, not deleted), ` +
	`${formatCount(c.places)} places, ${formatCount(c.placeEvents)} place events, ` +
	`${formatCount(c.meetings)} meetings, ${formatCount(c.tallies)} tallies, ` +
	`${formatCount(c.teamRecords)} team records`;

/** DEFAULT_WARMUP untimed calls, then DEFAULT_RUNS timed ones; returns the last result too. */
async function timeComputeYear(ctx: AppContext) {
	let result: ComputedYear | null = null;
	for (let i = 0; i < DEFAULT_WARMUP; i++) result = await computeYear(ctx, PLAN_ID, FISCAL_YEAR);
	const samples: number[] = [];
	for (let i = 0; i < DEFAULT_RUNS; i++) {
		const start = performance.now();
		result = await computeYear(ctx, PLAN_ID, FISCAL_YEAR);
		samples.push(performance.now() - start);
	}
	return { timing: summarize(samples), result: result! };
}

interface EngineResult {
	rows: Row[];
	figures: ComputedYear['figures'][];
}

async function measure(engine: Engine, ctx: AppContext): Promise<EngineResult> {
	const loaded = ctx.packs.get(PLAN_ID);
	if (!loaded) throw new Error(`pack ${PLAN_ID} is not loaded`);
	// Keep the "as loaded" state as loaded while it is timed: no autovacuum midway (PostgreSQL).
	await ctx.db.query('alter table session_records set (autovacuum_enabled = off)');
	console.error(`  ${engine}: loading generated data …`);
	const loadStart = performance.now();
	const counts = await loadIndicatorData(ctx.db, {
		packId: PLAN_ID,
		districtIds: loaded.pack.districts.map((d) => d.id)
	});
	const loadMs = performance.now() - loadStart;
	const [year] = await ctx.db.query<{ sessions: number }>(
		`select count(*)::int as sessions from session_records
		 where current and not deleted and held_on between $1::date and $2::date`,
		[fiscalYearStart(FISCAL_YEAR), fiscalYearEnd(FISCAL_YEAR)]
	);

	const file = `indicators-explain-${engine.toLowerCase()}.txt`;
	const plans: string[] = [];
	const rows: Row[] = [];
	const figures: ComputedYear['figures'][] = [];
	let vacuumMs = 0;
	for (const state of ['as loaded', 'vacuumed'] as State[]) {
		if (state === 'vacuumed') {
			console.error(`  ${engine}: vacuum …`);
			const start = performance.now();
			await ctx.db.exec('vacuum (analyze) session_records');
			vacuumMs = performance.now() - start;
		}
		plans.push(`-- ${state}\n${await explainSessionAggregate(ctx)}`);
		console.error(`  ${engine}, ${state}: timing computeYear …`);
		const { timing, result } = await timeComputeYear(ctx);
		figures.push(result.figures);
		const isTarget = engine === 'PostgreSQL';
		rows.push({
			benchmark: `indicators: ${engine}, ${state}, computeYear FY ${FISCAL_YEAR}`,
			figure: `${formatTiming(timing)} · ${formatCount(year!.sessions)} sessions in the year`,
			target: isTarget ? `p95 ≤ ${TARGET_MS} ms` : '—',
			ok: isTarget ? timing.p95 <= TARGET_MS : null,
			values: { ...timingValues(timing), sessionsInYear: year!.sessions }
		});
	}
	mkdirSync(resultsDir, { recursive: true });
	writeFileSync(
		`${resultsDir}${file}`,
		`-- ${engine}: the session aggregate of computeYear('${PLAN_ID}', ${FISCAL_YEAR}), ${new Date().toISOString()}\n` +
			`-- data: ${describeCounts(counts)}\n\n${plans.join('\n\n')}\n`
	);
	rows.unshift({
		benchmark: `indicators: ${engine}, load generated data (not timed above)`,
		figure:
			`${(loadMs / 1000).toFixed(1)} s, vacuum ${(vacuumMs / 1000).toFixed(1)} s — ${describeCounts(counts)}; ` +
			`plans in bench/results/${file}`,
		target: '—',
		ok: null,
		values: { loadMs: Math.round(loadMs), vacuumMs: Math.round(vacuumMs), ...counts }
	});
	return { rows, figures };
}

const failedRow = (engine: Engine, message: string): Row => ({
	benchmark: `indicators: ${engine} failed`,
	figure: message,
	target: '—',
	ok: false
});

async function runPostgres(): Promise<EngineResult | Row> {
	let adminUrl: string;
	try {
		adminUrl = await startPostgresCluster();
	} catch (error) {
		return failedRow('PostgreSQL', errorMessage(error));
	}
	try {
		const ctx = await postgresContext(adminUrl, 'bench_indicators');
		try {
			return await measure('PostgreSQL', ctx);
		} finally {
			await ctx.db.close();
		}
	} finally {
		await stopPostgresCluster();
	}
}

async function runPglite(): Promise<EngineResult> {
	const ctx = await pgliteContext();
	try {
		return await measure('PGlite', ctx);
	} finally {
		await ctx.db.close();
	}
}

export async function run(): Promise<Row[]> {
	const postgres = await runPostgres();
	const pglite = await runPglite();
	if (!('figures' in postgres)) return [postgres, ...pglite.rows];
	const rows = [...postgres.rows, ...pglite.rows];
	// Same data, same code: every run on either engine must give the same figures.
	const expected = JSON.stringify(postgres.figures[0]);
	if ([...postgres.figures, ...pglite.figures].some((f) => JSON.stringify(f) !== expected)) {
		rows.push(failedRow('PGlite', 'the engines (or states) computed different figures'));
	}
	return rows;
}
