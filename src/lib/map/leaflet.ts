/**
 * The parts of Leaflet the app draws with, taken from Leaflet's own ES modules (the package
 * ships them in `leaflet/src`). Only the map modules import this.
 *
 * Why not `import * as L from 'leaflet'`: Leaflet's bundled ES module defines every class and
 * registers each with the others at top level (GeoJSON methods on markers, `Control.Layers`,
 * `TileLayer.WMS`…), so a bundler cannot drop any of it — 41 KB gzip of the desktop's start-up
 * JavaScript, over the budget of 100 KB including Leaflet. Importing the modules we use leaves
 * out GeoJSON, image/video/SVG overlays, the layers and scale controls, circles, rectangles,
 * WMS and the VML fallback. Each side-effect import below registers something the map needs.
 * Types still come from @types/leaflet (src/lib/map/leaflet-src.d.ts).
 */

// The map and the ways people move it: drag, double tap or click, wheel, pinch and keyboard.
// Left out: shift-drag box zoom and the long-press handler (Leaflet's iOS context-menu shim),
// which the app has no use for.
import 'leaflet/src/map/handler/Map.Drag';
import 'leaflet/src/map/handler/Map.DoubleClickZoom';
import 'leaflet/src/map/handler/Map.ScrollWheelZoom';
import 'leaflet/src/map/handler/Map.TouchZoom';
import 'leaflet/src/map/handler/Map.Keyboard';
// The +/− buttons and the credits line, which maps show by default.
import 'leaflet/src/control/Control.Zoom';
import 'leaflet/src/control/Control.Attribution';
// Paths (polygons, circle markers) find their SVG or canvas renderer through this.
import 'leaflet/src/layer/vector/Renderer.getRenderer';
// `bindPopup` and `bindTooltip` on layers.
import 'leaflet/src/layer/Popup';
import 'leaflet/src/layer/Tooltip';

export { createMap as map } from 'leaflet/src/map/Map';
export { marker } from 'leaflet/src/layer/marker/Marker';
export { divIcon } from 'leaflet/src/layer/marker/DivIcon';
export { circleMarker } from 'leaflet/src/layer/vector/CircleMarker';
export { polygon } from 'leaflet/src/layer/vector/Polygon';
export { layerGroup } from 'leaflet/src/layer/LayerGroup';
export { tileLayer } from 'leaflet/src/layer/tile/TileLayer';

export type {
	CircleMarker,
	LatLngBoundsExpression,
	LatLngTuple,
	LeafletMouseEvent,
	Map,
	Marker,
	PathOptions,
	Polygon
} from 'leaflet';
