/**
 * The one module that drives Leaflet. It is imported dynamically from MapView (Leaflet touches
 * `window` on import, so it must never load during server rendering).
 *
 * Owns: the tile layer (optional — the map stays useful with none), the city boundary, the
 * district polygons (tap to filter), clustered place markers and the "you are here" marker.
 * Names go into the DOM as text nodes only: place names may be typed by anyone.
 */
import 'leaflet/dist/leaflet.css';
import './place-map.css';
import * as L from './leaflet';
import type { TileConfig } from '#lib/config.js';
import { joinList, shelterLines } from '#lib/components/place-text.js';
import { categoryStyle } from '#lib/domain/categories.js';
import {
	shortDistrictName,
	type District,
	type DistrictLevel,
	type LngLat,
	type PackGeometry,
	type Place
} from '#lib/domain/model.js';
import type { PlaceHit } from '#lib/domain/place-query.js';
import type { Translate } from '#lib/i18n/messages.js';
import type { ClusterInput, ClusterItem } from './cluster-index';
import { PointIndex } from './point-index';

export interface PlaceMapOptions {
	bbox: [number, number, number, number];
	tiles: TileConfig;
	geometry: PackGeometry;
	districts: District[];
	/** The pack's district level: labels drop it (藤小学校区 → 藤) to fit on the map. */
	districtLevel?: DistrictLevel | null;
	t: Translate;
	onSelectDistrict: (id: string | null) => void;
	onTilesUnavailable: () => void;
}

/** Zoom from which every place carries its name as a permanent label. */
const LABEL_ZOOM = 15;
/**
 * A place marker's tap target (px): the 34 px dot is drawn centred in it. 44 px is the
 * project's minimum for anything a finger taps.
 */
const MARKER_HIT = 44;
/**
 * Below this many markers a city map reads better unclustered: 40 places in 17 km² do not
 * overlap enough to hide each other, and a cluster bubble hides which kind each place is.
 * The clustering code (supercluster) loads only for a list this long.
 */
const CLUSTER_FROM = 300;

/** What the map draws from: ClusterIndex, or PointIndex for a short list. */
type MarkerIndex = Pick<PointIndex, 'itemsIn' | 'expansionZoom'>;

const toLatLngs = (ring: [number, number][]): L.LatLngTuple[] =>
	ring.map(([lng, lat]) => [lat, lng]);
const toBounds = (b: [number, number, number, number]): L.LatLngBoundsExpression => [
	[b[1], b[0]],
	[b[3], b[2]]
];

function textElement(tag: string, text: string, className?: string): HTMLElement {
	const el = document.createElement(tag);
	el.textContent = text;
	if (className) el.className = className;
	return el;
}

export class PlaceMap {
	private readonly map: L.Map;
	private readonly markers = L.layerGroup();
	private readonly districtLayers = new Map<string, L.Polygon>();
	private originMarker: L.Marker | null = null;
	private index: MarkerIndex = new PointIndex([]);
	private placesById = new Map<string, Place>();
	/** Counts setHits calls: an index that loads after a newer call is dropped. */
	private hitsVersion = 0;
	private drawn: Promise<void> = Promise.resolve();
	private selectedDistrictId: string | null = null;
	/** Milliseconds the last marker redraw took (read by the map benchmark). */
	lastRedrawMs = 0;

	constructor(
		private readonly el: HTMLElement,
		private readonly options: PlaceMapOptions
	) {
		this.map = L.map(el, { zoomSnap: 1, minZoom: 11 });
		this.map.getContainer().classList.add('place-map');
		this.map.attributionControl.setPrefix(false);
		this.addTiles();
		this.addBoundary();
		this.addDistricts();
		this.markers.addTo(this.map);
		this.map.fitBounds(toBounds(options.bbox), { padding: [8, 8] });
		this.map.on('moveend', () => this.redraw());
	}

	private addTiles() {
		const { tiles } = this.options;
		if (!tiles.url) {
			this.options.onTilesUnavailable();
			return;
		}
		let loaded = 0;
		let failed = 0;
		// CORS tiles: opaque responses would count megabytes each against the storage quota.
		const layer = L.tileLayer(tiles.url, { maxZoom: tiles.maxZoom, crossOrigin: 'anonymous' });
		// Credit only what is drawn: the tile source's credit joins once a tile has loaded.
		layer.once('tileload', () => this.map.attributionControl.addAttribution(tiles.attribution));
		layer.on('tileload', () => (loaded += 1));
		layer.on('tileerror', () => {
			failed += 1;
			if (failed === 1 && loaded === 0) this.options.onTilesUnavailable();
		});
		layer.addTo(this.map);
	}

	private addBoundary() {
		for (const polygon of this.options.geometry.boundary) {
			L.polygon(polygon.map(toLatLngs), {
				color: '#37474f',
				weight: 3,
				fill: false,
				interactive: false
			}).addTo(this.map);
		}
	}

	private addDistricts() {
		const names = new Map(this.options.districts.map((d) => [d.id, d.name]));
		for (const shape of this.options.geometry.districts) {
			const layer = L.polygon(
				shape.polygons.map((p) => p.map(toLatLngs)),
				this.districtStyle(false)
			);
			const name = names.get(shape.districtId) ?? shape.districtId;
			layer.bindTooltip(
				textElement('span', shortDistrictName(name, { districtLevel: this.options.districtLevel })),
				{
					permanent: true,
					direction: 'center',
					className: 'district-label'
				}
			);
			layer.on('click', () =>
				this.options.onSelectDistrict(
					this.selectedDistrictId === shape.districtId ? null : shape.districtId
				)
			);
			layer.addTo(this.map);
			this.districtLayers.set(shape.districtId, layer);
		}
	}

	private districtStyle(selected: boolean): L.PathOptions {
		return {
			color: selected ? '#083f99' : '#5c6bc0',
			weight: selected ? 4 : 2,
			fillColor: selected ? '#0b57d0' : '#ffffff',
			fillOpacity: selected ? 0.12 : 0.05
		};
	}

	/** Draws these hits; with CLUSTER_FROM or more, once the clustering code has loaded. */
	setHits(hits: readonly PlaceHit[]): Promise<void> {
		const version = ++this.hitsVersion;
		const placesById = new Map<string, Place>();
		const inputs: ClusterInput[] = [];
		for (const hit of hits) {
			const { place } = hit;
			if (!place.point) continue;
			placesById.set(place.id, place);
			inputs.push({
				id: place.id,
				lng: place.point.lng,
				lat: place.point.lat,
				// Drawn as what the resident filtered by (a community centre as a shelter under 避難所).
				category: hit.category ?? place.categories[0] ?? 'gathering'
			});
		}
		const show = (index: MarkerIndex) => {
			if (version !== this.hitsVersion) return;
			this.index = index;
			this.placesById = placesById;
			this.redraw();
		};
		this.drawn =
			inputs.length < CLUSTER_FROM
				? Promise.resolve(show(new PointIndex(inputs)))
				: import('./cluster-index').then(({ ClusterIndex }) => show(new ClusterIndex(inputs)));
		return this.drawn;
	}

	/** Resolves once the markers of the latest setHits are drawn (or superseded). */
	whenDrawn(): Promise<void> {
		return this.drawn;
	}

	setSelectedDistrict(id: string | null) {
		if (id === this.selectedDistrictId) return;
		this.selectedDistrictId = id;
		for (const [districtId, layer] of this.districtLayers) {
			layer.setStyle(this.districtStyle(districtId === id));
		}
		this.fitSelection();
	}

	setOrigin(origin: LngLat | null) {
		this.originMarker?.remove();
		this.originMarker = null;
		if (!origin) return;
		this.originMarker = L.marker([origin.lat, origin.lng], {
			icon: L.divIcon({
				className: '',
				html: '<span class="origin-marker"></span>',
				iconSize: [20, 20]
			}),
			keyboard: false,
			interactive: false,
			zIndexOffset: 1000
		}).addTo(this.map);
	}

	/** After the container changed size (phone toggle, rotation, layout settling): re-fit. */
	resize() {
		this.map.invalidateSize();
		this.fitSelection();
	}

	private fitSelection() {
		const layer = this.selectedDistrictId ? this.districtLayers.get(this.selectedDistrictId) : null;
		this.map.fitBounds(layer ? layer.getBounds() : toBounds(this.options.bbox), {
			padding: [8, 8]
		});
	}

	private redraw() {
		const started = performance.now();
		const b = this.map.getBounds();
		const zoom = this.map.getZoom();
		const items = this.index.itemsIn([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
		this.markers.clearLayers();
		for (const item of items) this.markers.addLayer(this.markerFor(item, zoom));
		this.lastRedrawMs = performance.now() - started;
		this.el.dataset.markerCount = String(items.length);
	}

	private markerFor(item: ClusterItem, zoom: number): L.Marker {
		if (item.kind === 'cluster') {
			const label = this.options.t('map.cluster', { count: item.count });
			const marker = L.marker([item.lat, item.lng], {
				icon: L.divIcon({
					className: '',
					html: `<span class="place-cluster">${item.count}</span>`,
					iconSize: [44, 44]
				}),
				title: label,
				alt: label
			});
			marker.on('click', () =>
				this.map.setView([item.lat, item.lng], this.index.expansionZoom(item.clusterId))
			);
			return marker;
		}
		const place = this.placesById.get(item.id)!;
		const style = categoryStyle(item.category);
		const icon = L.divIcon({
			className: 'place-marker-hit',
			html: '',
			iconSize: [MARKER_HIT, MARKER_HIT]
		});
		const marker = L.marker([item.lat, item.lng], { icon, title: place.name, alt: place.name });
		marker.on('add', () => {
			const el = marker.getElement();
			if (!el) return;
			const dot = textElement('span', style.glyph, 'place-marker');
			dot.style.setProperty('--c', style.color);
			dot.setAttribute('aria-hidden', 'true');
			el.replaceChildren(dot);
		});
		marker.bindPopup(() => this.popupFor(place));
		if (zoom >= LABEL_ZOOM) {
			marker.bindTooltip(textElement('span', place.name), {
				permanent: true,
				direction: 'right',
				offset: [16, 0],
				className: 'place-label'
			});
		}
		return marker;
	}

	private popupFor(place: Place): HTMLElement {
		const box = document.createElement('div');
		const link = textElement('a', place.name) as HTMLAnchorElement;
		link.href = `/places/${encodeURIComponent(place.id)}`;
		box.append(link);
		const { t } = this.options;
		box.append(
			textElement(
				'div',
				joinList(
					t,
					place.categories.map((c) => t(`category.${c}`))
				)
			)
		);
		for (const line of shelterLines(t, place.shelter)) box.append(textElement('div', line));
		if (place.address) box.append(textElement('div', place.address));
		return box;
	}

	destroy() {
		this.map.remove();
	}
}
