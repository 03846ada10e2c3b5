/**
 * `clusters`: marker clustering for the map over the same 150,000 generated places. Every pan
 * or zoom asks the index for the viewport's items, so one `itemsIn` call is one redraw's worth
 * of clustering; target p95 ≤ 100 ms. Item counts are reported too: they are the number of
 * markers the map has to draw. Viewports are a 1280 × 800 CSS-pixel map on 256-px tiles
 * (Leaflet), so the zoom levels mean what they mean on screen.
 */
import { ClusterIndex, type ClusterInput, type ClusterItem } from '../src/lib/map/cluster-index';
import type { LngLat } from '../src/lib/domain/model';
import { DEFAULT_CENTER } from './fixtures/generate-places';
import { benchPlaces } from './fixtures/shared-places';
import {
	DEFAULT_RUNS,
	DEFAULT_WARMUP,
	formatCount,
	formatMs,
	formatTiming,
	summarize,
	timeOnce,
	timeRuns,
	timingValues
} from './measure';
import { NO_TARGET, type Row } from './section';

const TARGET_MS = 100;
const TARGET = `p95 ≤ ${TARGET_MS} ms`;

const VIEW_WIDTH_PX = 1280;
const VIEW_HEIGHT_PX = 800;
const TILE_PX = 256;

type Bbox = [number, number, number, number];

/** Web Mercator pixel coordinates of a point at `zoom`, as Leaflet computes them. */
function toPx(p: LngLat, zoom: number): { x: number; y: number } {
	const worldPx = TILE_PX * 2 ** zoom;
	const sin = Math.sin((p.lat * Math.PI) / 180);
	return {
		x: ((p.lng + 180) / 360) * worldPx,
		y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldPx
	};
}

function fromPx(x: number, y: number, zoom: number): LngLat {
	const worldPx = TILE_PX * 2 ** zoom;
	return {
		lng: (x / worldPx) * 360 - 180,
		lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / worldPx))) * 180) / Math.PI
	};
}

/** The [west, south, east, north] a map of the given pixel size shows around `center`. */
export function viewportBbox(
	center: LngLat,
	zoom: number,
	widthPx: number,
	heightPx: number
): Bbox {
	const { x, y } = toPx(center, zoom);
	const southWest = fromPx(x - widthPx / 2, y + heightPx / 2, zoom);
	const northEast = fromPx(x + widthPx / 2, y - heightPx / 2, zoom);
	return [southWest.lng, southWest.lat, northEast.lng, northEast.lat];
}

/** Moves a center by screen pixels at `zoom` (east and south positive), as a drag does. */
function panBy(center: LngLat, zoom: number, dxPx: number, dyPx: number): LngLat {
	const { x, y } = toPx(center, zoom);
	return fromPx(x + dxPx, y + dyPx, zoom);
}

function describeItems(items: readonly ClusterItem[]): {
	items: number;
	clusters: number;
	points: number;
} {
	let clusters = 0;
	for (const item of items) if (item.kind === 'cluster') clusters++;
	return { items: items.length, clusters, points: items.length - clusters };
}

const plural = (n: number, noun: string): string =>
	`${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;

const itemsFigure = (d: { items: number; clusters: number; points: number }): string =>
	`${plural(d.items, 'item')} (${plural(d.clusters, 'cluster')}, ${plural(d.points, 'point')})`;

export async function run(): Promise<Row[]> {
	const { places } = benchPlaces();

	// What the map does on load: pick located places, then index them.
	const built = timeOnce(() => {
		const inputs: ClusterInput[] = [];
		for (const place of places) {
			if (!place.point) continue;
			const category = place.categories[0];
			if (!category) continue;
			inputs.push({ id: place.id, lng: place.point.lng, lat: place.point.lat, category });
		}
		return new ClusterIndex(inputs);
	});
	const index = built.result;
	const rows: Row[] = [
		{
			benchmark: 'clusters: build ClusterIndex',
			figure: `${formatMs(built.ms)} for ${formatCount(index.size)} located places (of ${formatCount(places.length)})`,
			target: NO_TARGET,
			ok: null,
			values: { ms: Math.round(built.ms * 10) / 10, points: index.size, places: places.length }
		}
	];

	const views: { label: string; zoom: number; center: LngLat }[] = [
		{ label: 'city view, zoom 13', zoom: 13, center: DEFAULT_CENTER },
		{ label: 'neighbourhood view, zoom 16', zoom: 16, center: DEFAULT_CENTER }
	];
	for (const { label, zoom, center } of views) {
		const bbox = viewportBbox(center, zoom, VIEW_WIDTH_PX, VIEW_HEIGHT_PX);
		const { timing, result } = timeRuns(() => index.itemsIn(bbox, zoom));
		const d = describeItems(result);
		rows.push({
			benchmark: `clusters: itemsIn ${label}`,
			figure: `${formatTiming(timing)} · ${itemsFigure(d)}`,
			target: TARGET,
			ok: timing.p95 <= TARGET_MS,
			values: { ...timingValues(timing), ...d }
		});
	}

	// A pan: ten viewports at zoom 15, each a third of a screen east and a fifth south of the
	// last, starting north-west of the centre. Each call is one redraw and one sample.
	const panZoom = 15;
	let center = panBy(DEFAULT_CENTER, panZoom, -1.5 * VIEW_WIDTH_PX, -VIEW_HEIGHT_PX);
	const panBoxes: Bbox[] = [];
	for (let i = 0; i < 10; i++) {
		panBoxes.push(viewportBbox(center, panZoom, VIEW_WIDTH_PX, VIEW_HEIGHT_PX));
		center = panBy(center, panZoom, VIEW_WIDTH_PX / 3, VIEW_HEIGHT_PX / 5);
	}
	for (let w = 0; w < DEFAULT_WARMUP; w++)
		for (const bbox of panBoxes) index.itemsIn(bbox, panZoom);
	const samples: number[] = [];
	const counts: number[] = [];
	for (let r = 0; r < DEFAULT_RUNS; r++) {
		for (const bbox of panBoxes) {
			const start = performance.now();
			const items = index.itemsIn(bbox, panZoom);
			samples.push(performance.now() - start);
			if (r === 0) counts.push(items.length);
		}
	}
	const pan = summarize(samples);
	const minItems = Math.min(...counts);
	const maxItems = Math.max(...counts);
	rows.push({
		benchmark: `clusters: itemsIn pan, 10 viewports, zoom ${panZoom}`,
		figure: `per redraw ${formatTiming(pan)} · ${formatCount(minItems)}–${formatCount(maxItems)} items per viewport`,
		target: TARGET,
		ok: pan.p95 <= TARGET_MS,
		values: { ...timingValues(pan), minItems, maxItems }
	});
	return rows;
}
