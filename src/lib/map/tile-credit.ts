/**
 * Credits only what is drawn: the tile source's credit (© OpenStreetMap contributors) joins the
 * map's attribution when its first tile has loaded, never for a map with no tiles on it
 * (offline, blocked, or no tile source configured).
 */
import type { Map as LeafletMap, TileLayer } from 'leaflet';

export function creditOnFirstTile(map: LeafletMap, layer: TileLayer, credit: string): void {
	if (!credit) return;
	layer.once('tileload', () => map.attributionControl.addAttribution(credit));
}
