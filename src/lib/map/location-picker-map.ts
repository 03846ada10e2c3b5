/**
 * Leaflet for choosing a point: the city's districts over an optional tile layer, one marker
 * that a tap moves. Dynamically imported (Leaflet needs `window`).
 */
import 'leaflet/dist/leaflet.css';
import './place-map.css';
import * as L from 'leaflet';
import type { TileConfig } from '$lib/config';
import type { LngLat, PackGeometry } from '$lib/domain/model';

export class LocationPickerMap {
	private readonly map: L.Map;
	private marker: L.CircleMarker | null = null;

	constructor(
		el: HTMLElement,
		options: {
			geometry: PackGeometry;
			bbox: [number, number, number, number];
			tiles: TileConfig;
			onPick: (p: LngLat) => void;
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
		this.map.on('click', (ev: L.LeafletMouseEvent) =>
			options.onPick({ lng: round(ev.latlng.lng), lat: round(ev.latlng.lat) })
		);
	}

	show(point: LngLat | null) {
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
	}

	destroy() {
		this.map.remove();
	}
}

/** Six decimals: about 0.1 m, the precision of the city's own data. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;
