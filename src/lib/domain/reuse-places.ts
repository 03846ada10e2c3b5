/**
 * Keeps what did not change. The device's copy of the pack comes back from IndexedDB as new
 * objects on every read — the first time right after the page saved what it had just shown.
 * Handing the list new objects that say the same would re-index and redraw every card and
 * marker for nothing, on a phone, while the person starts reading. So an unchanged place keeps
 * its object, and an unchanged list keeps its array.
 */
import type { Place } from './model';

/**
 * Structural equality of JSON-like data (what IndexedDB stores): no cycles, no class instances.
 * A key whose value is `undefined` counts as absent, as in JSON.
 */
export function sameData(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	const defined = (r: Record<string, unknown>) => Object.keys(r).filter((k) => r[k] !== undefined);
	const ka = defined(ra);
	if (ka.length !== defined(rb).length) return false;
	for (const k of ka) if (!sameData(ra[k], rb[k])) return false;
	return true;
}

/**
 * `next`, with each place equal to the one of the same id in `previous` replaced by that
 * object; `previous` itself when the lists are equal, place by place and in order.
 */
export function reusePlaces(previous: Place[], next: Place[]): Place[] {
	const byId = new Map(previous.map((p) => [p.id, p]));
	let unchanged = previous.length === next.length;
	const merged = next.map((place, i) => {
		const old = byId.get(place.id);
		if (old && sameData(old, place)) {
			if (previous[i] !== old) unchanged = false;
			return old;
		}
		unchanged = false;
		return place;
	});
	return unchanged ? previous : merged;
}
