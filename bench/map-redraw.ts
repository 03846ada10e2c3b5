/**
 * `map-redraw`: the real map (`PlaceMap`, src/lib/map/leaflet-map.ts, on Leaflet) redrawing its
 * clustered markers over the 150,000 generated places, in headless Chromium at 1280 × 800 — the
 * browser-side counterpart of `clusters`, which times only the cluster query in node. A redraw
 * here is what PlaceMap does on every `moveend`: query the index, clear the marker layer, add a
 * Leaflet marker (and, from zoom 15, a permanent name label) per item.
 *
 * The map is built as the app builds it for the Tsurugashima pack (its bbox, district outlines
 * and names from the production server's `/api/pack` and `/api/pack/geometry`), with no tiles
 * (`url: null`) and the real CSS; the generated places lie around the same city. Timed, in the
 * page:
 * - `setHits` with all 150,000 places (index build + first redraw at the pack's fitted view;
 *   report only);
 * - redraws after `setView` to a city view (zoom 13) and a neighbourhood view (zoom 16) at the
 *   generated box's centre, and after each of 10 pans at zoom 15 (a third of a screen east and a
 *   fifth south each, the same viewports as `clusters`): 3 warm-up rounds, then 20 rounds.
 * The figure is `PlaceMap.lastRedrawMs` (target p95 ≤ 100 ms); the time until the next frame was
 * produced (style, layout and paint of the new markers too) is reported beside it.
 */
import type { District, PackGeometry } from '../src/lib/domain/model';
import { bundleBrowserEntry } from './bundle-browser';
import { withProfile } from './chromium';
import type { MapBenchApi, RedrawSample } from './browser/map-redraw-entry';
import { DEFAULT_CENTER } from './fixtures/generate-places';
import { BENCH_PLACE_COUNT, BENCH_SEED } from './fixtures/shared-places';
import {
	DEFAULT_RUNS,
	DEFAULT_WARMUP,
	formatCount,
	formatMs,
	formatTiming,
	summarize,
	timingValues
} from './measure';
import { hasBuild, missingBuildRow, withProdServer } from './prod-server';
import { NO_TARGET, type Row } from './section';

const TARGET_MS = 100;
const TARGET = `p95 ≤ ${TARGET_MS} ms`;
const WIDTH_PX = 1280;
const HEIGHT_PX = 800;
/** Rounds of (city, neighbourhood, 10 pans); the README's 3 warm-ups and 20 timed runs. */
const WARMUP_ROUNDS = DEFAULT_WARMUP;
const ROUNDS = DEFAULT_RUNS;
const PAN_ZOOM = 15;
const PANS = 10;
const BLANK_PATH = '/__bench/map-redraw';

type BenchWindow = Window & { __benchMap: MapBenchApi };

interface PackSummary {
	pack: { bbox: [number, number, number, number]; districts: District[] };
}

async function getJson<T>(url: string): Promise<T> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
	return (await response.json()) as T;
}

function row(label: string, samples: readonly RedrawSample[]): Row {
	const redraw = summarize(samples.map((s) => s.redrawMs));
	const frame = summarize(samples.map((s) => s.frameMs));
	const markers = samples.map((s) => s.markers);
	const minMarkers = Math.min(...markers);
	const maxMarkers = Math.max(...markers);
	const markerText =
		minMarkers === maxMarkers
			? formatCount(minMarkers)
			: `${formatCount(minMarkers)}–${formatCount(maxMarkers)}`;
	return {
		benchmark: `map-redraw: ${label}`,
		figure: `${formatTiming(redraw)} · to next frame median ${formatMs(frame.median)} · p95 ${formatMs(frame.p95)} · ${markerText} markers`,
		target: TARGET,
		ok: redraw.p95 <= TARGET_MS,
		values: {
			...timingValues(redraw),
			frameMedianMs: Math.round(frame.median * 10) / 10,
			frameP95Ms: Math.round(frame.p95 * 10) / 10,
			minMarkers,
			maxMarkers
		}
	};
}

export async function run(): Promise<Row[]> {
	if (!hasBuild()) return [missingBuildRow('map-redraw: PlaceMap over 150,000 places')];

	const { js, css } = await bundleBrowserEntry('browser/map-redraw-entry.ts');
	return withProdServer(async ({ origin }) => {
		const { pack } = await getJson<PackSummary>(`${origin}/api/pack`);
		const geometry = await getJson<PackGeometry>(`${origin}/api/pack/geometry`);

		return withProfile({ viewport: { width: WIDTH_PX, height: HEIGHT_PX } }, async (context) => {
			await context.route(`${origin}${BLANK_PATH}`, (route) =>
				route.fulfill({
					contentType: 'text/html; charset=utf-8',
					body: '<!doctype html><html lang="ja"><meta charset="utf-8"><title>map-redraw</title><body style="margin:0">'
				})
			);
			const page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${origin}${BLANK_PATH}`);
			await page.addStyleTag({ content: css });
			await page.addScriptTag({ content: js });

			const mountMs = await page.evaluate(
				(setup) => (window as unknown as BenchWindow).__benchMap.mount(setup),
				{
					bbox: pack.bbox,
					geometry,
					districts: pack.districts,
					widthPx: WIDTH_PX,
					heightPx: HEIGHT_PX
				}
			);
			const generateMs = await page.evaluate(
				([count, seed]) => (window as unknown as BenchWindow).__benchMap.generate(count, seed),
				[BENCH_PLACE_COUNT, BENCH_SEED] as const
			);
			console.error(
				`  map constructed in ${formatMs(mountMs)}; ${formatCount(BENCH_PLACE_COUNT)} places generated in the page in ${formatMs(generateMs)}`
			);
			const first = await page.evaluate(() =>
				(window as unknown as BenchWindow).__benchMap.setHits()
			);

			const city: RedrawSample[] = [];
			const neighbourhood: RedrawSample[] = [];
			const pans: RedrawSample[] = [];
			for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
				const sampled = await page.evaluate(
					async ({ center, panZoom, pans, widthPx, heightPx }) => {
						const map = (window as unknown as BenchWindow).__benchMap;
						const city = await map.view(center.lng, center.lat, 13);
						const neighbourhood = await map.view(center.lng, center.lat, 16);
						// Start one pan step before the first of the 10 viewports `clusters` uses.
						await map.view(center.lng, center.lat, panZoom);
						await map.pan(-1.5 * widthPx - widthPx / 3, -heightPx - heightPx / 5);
						const panned: RedrawSample[] = [];
						for (let i = 0; i < pans; i++) panned.push(await map.pan(widthPx / 3, heightPx / 5));
						return { city, neighbourhood, panned };
					},
					{
						center: DEFAULT_CENTER,
						panZoom: PAN_ZOOM,
						pans: PANS,
						widthPx: WIDTH_PX,
						heightPx: HEIGHT_PX
					}
				);
				if (round < WARMUP_ROUNDS) continue;
				city.push(sampled.city);
				neighbourhood.push(sampled.neighbourhood);
				pans.push(...sampled.panned);
			}

			return [
				{
					benchmark: `map-redraw: setHits ${formatCount(BENCH_PLACE_COUNT)} places (index + first redraw)`,
					figure: `${formatMs(first.setHitsMs)} (redraw ${formatMs(first.redrawMs)}, to next frame ${formatMs(first.frameMs)}) · ${formatCount(first.located)} located · ${formatCount(first.markers)} markers at the pack's fitted view`,
					target: NO_TARGET,
					ok: null,
					values: {
						setHitsMs: Math.round(first.setHitsMs * 10) / 10,
						redrawMs: Math.round(first.redrawMs * 10) / 10,
						frameMs: Math.round(first.frameMs * 10) / 10,
						located: first.located,
						markers: first.markers
					}
				},
				row('redraw city view, zoom 13', city),
				row('redraw neighbourhood view, zoom 16', neighbourhood),
				row(`redraw pan, ${PANS} viewports, zoom ${PAN_ZOOM}`, pans)
			];
		});
	});
}
