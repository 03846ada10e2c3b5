/**
 * `idb-places`: the device copy of a 150,000-place pack in IndexedDB, in real headless Chromium
 * with an on-disk profile (bench/chromium.ts says why not incognito). The app's own storage code
 * runs in the page (bench/browser/idb-places-entry.ts, bundled with esbuild), on the origin of
 * the production server (`node build`), so quota and storage are the app's.
 *
 * Per run (3, no warm-up — each starts from a deleted database, as a first visit does):
 * - `savePackBundle` of all 150,000 places into an empty database (target: median ≤ 3 s);
 * - `readPackBundle` on a new connection (what an offline start does; report only).
 * Figures are medians of the 3 runs. Once, after the last run: `savePackBundle` again over the
 * saved copy (what every online visit does in the background, `storePack` in
 * src/lib/client/pack-loader.ts; report only — one sample, as it is the slowest step). And
 * `navigator.storage.estimate()` after the first save. The page is a blank HTML document served by Playwright under the app's origin:
 * booting the real app there would write its own pack and register a service worker mid-run.
 */
import { bundleBrowserEntry } from './bundle-browser';
import { withProfile } from './chromium';
import type { IdbBenchApi } from './browser/idb-places-entry';
import { BENCH_PLACE_COUNT, BENCH_SEED } from './fixtures/shared-places';
import { formatCount, formatMs, summarize, timingValues } from './measure';
import { hasBuild, missingBuildRow, withProdServer } from './prod-server';
import { NO_TARGET, type Row } from './section';

const TARGET_MS = 3_000;
const RUNS = 3;
const BLANK_PATH = '/__bench/idb-places';

type BenchWindow = Window & { __benchIdb: IdbBenchApi };

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** Seconds from 1 s up: these steps take seconds, and `12345 ms` reads badly. */
const duration = (ms: number): string =>
	ms < 1_000 ? formatMs(ms) : `${(ms / 1000).toFixed(2)} s`;

const medianFigure = (samples: readonly number[]): string =>
	`median ${duration(summarize(samples).median)} (${samples.length} runs: ${samples.map(duration).join(', ')})`;

export async function run(): Promise<Row[]> {
	if (!hasBuild()) return [missingBuildRow('idb-places: savePackBundle 150,000 places')];

	const { js } = await bundleBrowserEntry('browser/idb-places-entry.ts');
	return withProdServer(({ origin }) =>
		withProfile({ viewport: { width: 1280, height: 800 } }, async (context) => {
			await context.route(`${origin}${BLANK_PATH}`, (route) =>
				route.fulfill({
					contentType: 'text/html; charset=utf-8',
					body: '<!doctype html><html lang="ja"><meta charset="utf-8"><title>idb-places</title>'
				})
			);
			const page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${origin}${BLANK_PATH}`);
			await page.addScriptTag({ content: js });

			const generateMs = await page.evaluate(
				([count, seed]) => (window as unknown as BenchWindow).__benchIdb.generate(count, seed),
				[BENCH_PLACE_COUNT, BENCH_SEED] as const
			);
			console.error(
				`  generated ${formatCount(BENCH_PLACE_COUNT)} places in the page (${duration(generateMs)})`
			);

			const saves: number[] = [];
			const reads: number[] = [];
			let count = 0;
			let usage = 0;
			let quota = 0;
			for (let i = 0; i < RUNS; i++) {
				const sample = await page.evaluate(async () => {
					const bench = (window as unknown as BenchWindow).__benchIdb;
					await bench.reset();
					const save = await bench.seed();
					const estimate = await bench.estimate();
					const read = await bench.readAll();
					return { save, read, estimate };
				});
				saves.push(sample.save);
				reads.push(sample.read.ms);
				count = sample.read.count;
				if (i === 0) ({ usage, quota } = sample.estimate);
				console.error(
					`  run ${i + 1}: save ${duration(sample.save)} · read ${duration(sample.read.ms)}`
				);
			}
			const resaveMs = await page.evaluate(() =>
				(window as unknown as BenchWindow).__benchIdb.seed()
			);
			console.error(`  re-save over the saved copy: ${duration(resaveMs)}`);
			await page.evaluate(() => (window as unknown as BenchWindow).__benchIdb.reset());

			const save = summarize(saves);
			const read = summarize(reads);
			const places = formatCount(BENCH_PLACE_COUNT);
			const rows: Row[] = [
				{
					benchmark: `idb-places: savePackBundle ${places} places (empty db)`,
					figure: medianFigure(saves),
					target: `median ≤ ${TARGET_MS / 1000} s`,
					ok: save.median <= TARGET_MS,
					values: timingValues(save)
				},
				{
					benchmark: `idb-places: readPackBundle (new connection)`,
					figure: `${medianFigure(reads)} · ${formatCount(count)} places read`,
					target: NO_TARGET,
					ok: null,
					values: { ...timingValues(read), count }
				},
				{
					benchmark: `idb-places: savePackBundle again over the saved copy`,
					figure: `${duration(resaveMs)} (1 run)`,
					target: NO_TARGET,
					ok: null,
					values: { ms: Math.round(resaveMs) }
				},
				{
					benchmark: `idb-places: storage.estimate() after the first save`,
					figure: `usage ${mb(usage)} (quota ${mb(quota)})`,
					target: NO_TARGET,
					ok: null,
					values: { usageBytes: usage, quotaBytes: quota }
				}
			];
			return rows;
		})
	);
}
