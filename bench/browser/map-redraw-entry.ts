/**
 * Page side of the `map-redraw` section, bundled by bench/bundle-browser.ts (with the CSS the
 * map imports: leaflet.css and place-map.css) and injected into a blank 1280 × 800 page on the
 * app's origin. It drives the app's real `PlaceMap` and exposes `window.__benchMap`.
 *
 * `PlaceMap` has no public way to move the view (only `resize()`, which re-fits the pack's
 * bbox), so the benchmark reaches its private Leaflet map to call `setView` / `panBy`, as a
 * person's pinch or drag would. Both run with `animate: false`: Leaflet then fires `moveend`
 * synchronously, which is when PlaceMap redraws and sets `lastRedrawMs`.
 */
import type { Map as LeafletMap } from 'leaflet';
import type { District, PackGeometry } from '../../src/lib/domain/model';
import type { PlaceHit } from '../../src/lib/domain/place-query';
import { PlaceMap } from '../../src/lib/map/leaflet-map';
import { generatePlaces } from '../fixtures/generate-places';

export interface MapSetup {
	bbox: [number, number, number, number];
	geometry: PackGeometry;
	districts: District[];
	widthPx: number;
	heightPx: number;
}

export interface RedrawSample {
	/** `PlaceMap.lastRedrawMs`: the redraw's own time (cluster query + marker DOM). */
	redrawMs: number;
	/** From the view change until the next frame was produced (style, layout, paint too). */
	frameMs: number;
	/** Markers drawn (`data-marker-count`). */
	markers: number;
}

export interface MapBenchApi {
	/** Creates the map in a fixed-size div; returns the constructor's milliseconds. */
	mount(setup: MapSetup): number;
	/** Generates `count` places as hits (no distance); returns the milliseconds taken. */
	generate(count: number, seed: number): number;
	/** `setHits` with the generated hits: clustering index build plus the first redraw. */
	setHits(): Promise<RedrawSample & { setHitsMs: number; located: number }>;
	/** `setView` to a centre and zoom; resolves after `moveend` and the next frame. */
	view(lng: number, lat: number, zoom: number): Promise<RedrawSample>;
	/** `panBy` screen pixels (east and south positive), as a drag; same resolution as `view`. */
	pan(dxPx: number, dyPx: number): Promise<RedrawSample>;
}

let el: HTMLElement | null = null;
let placeMap: PlaceMap | null = null;
let hits: PlaceHit[] = [];

const mounted = (): { placeMap: PlaceMap; leaflet: LeafletMap; el: HTMLElement } => {
	if (!placeMap || !el) throw new Error('mount() first');
	// A private field (see the file comment); a TypeScript `private`, so present at run time.
	return { placeMap, leaflet: (placeMap as unknown as { map: LeafletMap }).map, el };
};

/** Resolves after the frame following now has been produced (rAF, then a task after it). */
const nextFrame = (): Promise<void> =>
	new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Runs a view change and measures it; `moveend` is awaited as the contract for a redraw. */
async function measure(move: (leaflet: LeafletMap) => void): Promise<RedrawSample> {
	const { placeMap, leaflet, el } = mounted();
	const start = performance.now();
	const moved = new Promise<void>((resolve) => leaflet.once('moveend', () => resolve()));
	move(leaflet);
	await moved;
	await nextFrame();
	return {
		redrawMs: placeMap.lastRedrawMs,
		frameMs: performance.now() - start,
		markers: Number(el.dataset.markerCount ?? 0)
	};
}

const api: MapBenchApi = {
	mount({ bbox, geometry, districts, widthPx, heightPx }) {
		el = document.createElement('div');
		el.style.width = `${widthPx}px`;
		el.style.height = `${heightPx}px`;
		document.body.append(el);
		const start = performance.now();
		placeMap = new PlaceMap(el, {
			bbox,
			tiles: { url: null, attribution: '', maxZoom: 19, allowPrefetch: false },
			geometry,
			districts,
			t: (key) => key,
			onSelectDistrict: () => {},
			onTilesUnavailable: () => {}
		});
		return performance.now() - start;
	},
	generate(count, seed) {
		const start = performance.now();
		hits = generatePlaces({ count, seed }).map((place) => ({ place, distance: null }));
		return performance.now() - start;
	},
	async setHits() {
		const { placeMap, el } = mounted();
		const start = performance.now();
		await placeMap.setHits(hits);
		const setHitsMs = performance.now() - start;
		await nextFrame();
		return {
			setHitsMs,
			redrawMs: placeMap.lastRedrawMs,
			frameMs: performance.now() - start,
			markers: Number(el.dataset.markerCount ?? 0),
			located: hits.filter((h) => h.place.point).length
		};
	},
	view(lng, lat, zoom) {
		return measure((leaflet) => leaflet.setView([lat, lng], zoom, { animate: false }));
	},
	pan(dxPx, dyPx) {
		return measure((leaflet) => leaflet.panBy([dxPx, dyPx], { animate: false }));
	}
};

Object.assign(window, { __benchMap: api });
