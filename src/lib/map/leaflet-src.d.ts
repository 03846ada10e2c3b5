// Leaflet's ES module sources (imported by src/lib/map/leaflet.ts), typed by @types/leaflet.
declare module 'leaflet/src/map/handler/Map.Drag';
declare module 'leaflet/src/map/handler/Map.DoubleClickZoom';
declare module 'leaflet/src/map/handler/Map.ScrollWheelZoom';
declare module 'leaflet/src/map/handler/Map.TouchZoom';
declare module 'leaflet/src/map/handler/Map.Keyboard';
declare module 'leaflet/src/control/Control.Zoom';
declare module 'leaflet/src/control/Control.Attribution';
declare module 'leaflet/src/layer/vector/Renderer.getRenderer';
declare module 'leaflet/src/layer/Popup';
declare module 'leaflet/src/layer/Tooltip';
declare module 'leaflet/src/map/Map' {
	export { map as createMap } from 'leaflet';
}
declare module 'leaflet/src/layer/marker/Marker' {
	export { marker } from 'leaflet';
}
declare module 'leaflet/src/layer/marker/DivIcon' {
	export { divIcon } from 'leaflet';
}
declare module 'leaflet/src/layer/vector/CircleMarker' {
	export { circleMarker } from 'leaflet';
}
declare module 'leaflet/src/layer/vector/Polygon' {
	export { polygon } from 'leaflet';
}
declare module 'leaflet/src/layer/LayerGroup' {
	export { layerGroup } from 'leaflet';
}
declare module 'leaflet/src/layer/tile/TileLayer' {
	export { tileLayer } from 'leaflet';
}
