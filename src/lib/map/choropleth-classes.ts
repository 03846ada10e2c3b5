/**
 * The pure part of DistrictChoropleth: how district values become colour classes (their
 * ranges, colours and legend text) and where each district's label goes. It owns no DOM and
 * no SVG; the component projects outlines and draws.
 */

export interface ValueClass {
	lo: number;
	hi: number;
	color: string;
}

/** ColorBrewer Blues (5), light to dark: CIE lightness about 96, 85, 68, 52, 35. */
export const PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
const MAX_CLASSES = PALETTE.length;

/** Palette entries for k classes, spread so that neighbours stay far apart in lightness. */
function colorsFor(k: number): string[] {
	if (k <= 1) return [PALETTE[2]];
	return Array.from(
		{ length: k },
		(_, i) => PALETTE[Math.round((i * (MAX_CLASSES - 1)) / (k - 1))]!
	);
}

/**
 * Class ranges for the values, ascending and inclusive at both ends. Zero gets a class of
 * its own when other districts have more (none is a finding, not a small number). Whole
 * numbers get whole-number ranges of equal width (1–3, 4–6, 7–9); others equal intervals
 * narrowed to the values in them.
 */
export function classify(values: readonly number[]): ValueClass[] {
	const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
	if (sorted.length === 0) return [];
	const min = sorted[0]!;
	const max = sorted.at(-1)!;
	// One value everywhere: nothing to rank. All zero reads as "none" (the lightest shade).
	if (min === max) return [{ lo: min, hi: max, color: min === 0 ? PALETTE[0] : colorsFor(1)[0]! }];
	const ranges: { lo: number; hi: number }[] = [];
	let rest = sorted;
	if (min === 0) {
		ranges.push({ lo: 0, hi: 0 });
		rest = sorted.filter((v) => v > 0);
	}
	const lo = rest[0]!;
	const slots = MAX_CLASSES - ranges.length;
	if (rest.every(Number.isInteger)) {
		const span = max - lo + 1;
		const step = Math.ceil(span / Math.min(slots, span));
		for (let from = lo; from <= max; from += step) {
			ranges.push({ lo: from, hi: Math.min(from + step - 1, max) });
		}
	} else {
		// Equal intervals, each shrunk to the values it holds (empty ones dropped), so that the
		// legend never shows a shared boundary such as 13.4 – 50.1 / 50.1 – 86.9.
		const k = Math.min(slots, new Set(rest).size);
		const step = (max - lo) / k;
		const bins: number[][] = Array.from({ length: k }, () => []);
		for (const v of rest) {
			bins[step === 0 ? 0 : Math.min(k - 1, Math.floor((v - lo) / step))]!.push(v);
		}
		for (const bin of bins) {
			if (bin.length > 0) ranges.push({ lo: bin[0]!, hi: bin.at(-1)! });
		}
	}
	const colors = colorsFor(ranges.length);
	return ranges.map((r, i) => ({ ...r, color: colors[i]! }));
}

/** The class a value falls in; a value outside every range takes the last (darkest) one. */
export function classOf(classes: readonly ValueClass[], value: number): ValueClass | null {
	return classes.find((c) => value >= c.lo && value <= c.hi) ?? classes.at(-1) ?? null;
}

/** A class as the legend names it: `12` for a class of one value, else `1 – 3`. */
export function classRangeText(c: ValueClass, format: (value: number) => string): string {
	return c.lo === c.hi ? format(c.lo) : `${format(c.lo)} – ${format(c.hi)}`;
}

type XY = { x: number; y: number };

function insideRings(rings: readonly XY[][], p: XY): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const a = ring[i]!;
			const b = ring[j]!;
			if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) {
				inside = !inside;
			}
		}
	}
	return inside;
}

function edgeDistance(rings: readonly XY[][], p: XY): number {
	let best = Infinity;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const a = ring[i]!;
			const b = ring[j]!;
			const dx = b.x - a.x;
			const dy = b.y - a.y;
			const len = dx * dx + dy * dy;
			const t =
				len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
			best = Math.min(best, Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
		}
	}
	return best;
}

function ringArea(ring: readonly XY[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += (ring[j]!.x - ring[i]!.x) * (ring[j]!.y + ring[i]!.y);
	}
	return Math.abs(sum / 2);
}

/**
 * Where a district's label goes: the grid point inside its largest polygon farthest from
 * any edge (a coarse pole of inaccessibility), so a label never sits outside a concave
 * district the way a centroid can.
 */
export function labelPoint(polygons: readonly XY[][][]): XY | null {
	const largest = [...polygons].sort((a, b) => ringArea(b[0] ?? []) - ringArea(a[0] ?? []))[0];
	const outer = largest?.[0];
	if (!largest || !outer || outer.length < 3) return null;
	const xs = outer.map((p) => p.x);
	const ys = outer.map((p) => p.y);
	const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
	const n = 24;
	let best: XY = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
	let bestDistance = -1;
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			const p = { x: x0 + ((i + 0.5) * (x1 - x0)) / n, y: y0 + ((j + 0.5) * (y1 - y0)) / n };
			if (!insideRings(largest, p)) continue;
			const d = edgeDistance(largest, p);
			if (d > bestDistance) [best, bestDistance] = [p, d];
		}
	}
	return best;
}
