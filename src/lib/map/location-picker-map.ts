/**
 * Leaflet for choosing a point: the city's districts over an optional tile layer, one marker
 * that a tap moves — or, with no onPick, that only shows where a place is (the review page).
 * Dynamically imported (Leaflet needs `window`); useful with no tiles at all.
 */
import 'leaflet/dist/leaflet.css';
import './place-map.css';
import * as L from './leaflet';
import type { TileConfig } from '#lib/config.js';
import type { LngLat, PackGeometry } from '#lib/domain/model.js';

export class LocationPickerMap {
	private readonly map: L.Map;
	private marker: L.CircleMarker | null = null;

	constructor(
		el: HTMLElement,
		options: {
			geometry: PackGeometry;
			bbox: [number, number, number, number];
			tiles: TileConfig;
			onPick?: (p: LngLat) => void;
		}
	) {
		this.map = L.map(el, { minZoom: 11 });
		this.map.getContainer().classList.add('place-map');
		this.map.attributionControl.setPrefix(false);
		if (options.tiles.url) {
			const layer = L.tileLayer(options.tiles.url, {
				maxZoom: options.tiles.maxZoom,
				crossOrigin: 'anonymous'
			});
			// Credit only what is drawn: the tile source's credit joins once a tile has loaded.
			layer.once('tileload', () =>
				this.map.attributionControl.addAttribution(options.tiles.attribution)
			);
			layer.addTo(this.map);
		}
		const toLatLngs = (ring: [number, number][]) =>
			ring.map(([lng, lat]) => [lat, lng] as L.LatLngTuple);
		for (const shape of options.geometry.districts) {
			L.polygon(
				shape.polygons.map((p) => p.map(toLatLngs)),
				{ color: '#5c6bc0', weight: 2, fillOpacity: 0.04, interactive: false }
			).addTo(this.map);
		}
		for (const polygon of options.geometry.boundary) {
			L.polygon(polygon.map(toLatLngs), {
				color: '#37474f',
				weight: 3,
				fill: false,
				interactive: false
			}).addTo(this.map);
		}
		const [w, s, e, n] = options.bbox;
		this.map.fitBounds(
			[
				[s, w],
				[n, e]
			],
			{ padding: [6, 6] }
		);
		const onPick = options.onPick;
		if (onPick)
			this.map.on('click', (ev: L.LeafletMouseEvent) =>
				onPick({ lng: round(ev.latlng.lng), lat: round(ev.latlng.lat) })
			);
	}

	/** Shows the point, and (`centre`) brings it into view at street level. */
	show(point: LngLat | null, centre = false) {
		this.marker?.remove();
		this.marker = null;
		if (!point) return;
		this.marker = L.circleMarker([point.lat, point.lng], {
			radius: 11,
			color: '#fff',
			weight: 3,
			fillColor: '#b3261e',
			fillOpacity: 1
		}).addTo(this.map);
		if (centre) this.map.setView([point.lat, point.lng], 15);
	}

	destroy() {
		this.map.remove();
	}
}

/** Six decimals: about 0.1 m, the precision of the city's own data. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;
