/**
 * A small QR Code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1–10
 * (up to 213 bytes at M: any place URL). Written here so QR codes are made on the device, with
 * no network and no dependency; the print handout and the place page draw its modules as SVG.
 *
 * Level M restores about 15% of a damaged symbol: enough for a flyer on a notice board that
 * has been folded or pinned through, while keeping the symbol small on a handout.
 */

/** Error correction M per version (index 1–10): ECC codewords per block, and the block sizes. */
const M_BLOCKS: readonly { ecc: number; blocks: readonly number[] }[] = [
	{ ecc: 0, blocks: [] },
	{ ecc: 10, blocks: [16] },
	{ ecc: 16, blocks: [28] },
	{ ecc: 26, blocks: [44] },
	{ ecc: 18, blocks: [32, 32] },
	{ ecc: 24, blocks: [43, 43] },
	{ ecc: 16, blocks: [27, 27, 27, 27] },
	{ ecc: 18, blocks: [31, 31, 31, 31] },
	{ ecc: 22, blocks: [38, 38, 39, 39] },
	{ ecc: 22, blocks: [36, 36, 36, 37, 37] },
	{ ecc: 26, blocks: [43, 43, 43, 43, 44] }
];

const ALIGNMENT: readonly (readonly number[])[] = [
	[],
	[],
	[6, 18],
	[6, 22],
	[6, 26],
	[6, 30],
	[6, 34],
	[6, 22, 38],
	[6, 24, 42],
	[6, 26, 46],
	[6, 28, 50]
];

export const MAX_VERSION = 10;

/** Data codewords a version holds at level M. */
export function dataCapacity(version: number): number {
	return M_BLOCKS[version]!.blocks.reduce((a, b) => a + b, 0);
}

/** Bytes a version holds in byte mode (4-bit mode, 8 or 16-bit count, then the bytes). */
export function byteCapacity(version: number): number {
	const countBits = version < 10 ? 8 : 16;
	return Math.floor((dataCapacity(version) * 8 - 4 - countBits) / 8);
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
	let x = 1;
	for (let i = 0; i < 255; i++) {
		EXP[i] = x;
		LOG[x] = i;
		x <<= 1;
		if (x & 0x100) x ^= 0x11d;
	}
	for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}
const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!);

/** The Reed–Solomon generator of degree n: coefficients, highest power first (leading 1 dropped). */
function rsGenerator(n: number): number[] {
	let poly = [1];
	for (let i = 0; i < n; i++) {
		const next = new Array<number>(poly.length + 1).fill(0);
		for (let j = 0; j < poly.length; j++) {
			next[j] = next[j]! ^ poly[j]!;
			next[j + 1] = next[j + 1]! ^ mul(poly[j]!, EXP[i]!);
		}
		poly = next;
	}
	return poly.slice(1);
}

/** The n error correction codewords of a block (remainder of data·x^n by the generator). */
export function reedSolomon(data: readonly number[], n: number): number[] {
	const gen = rsGenerator(n);
	const rem = new Array<number>(n).fill(0);
	for (const byte of data) {
		const factor = byte ^ rem.shift()!;
		rem.push(0);
		for (let i = 0; i < n; i++) rem[i] = rem[i]! ^ mul(gen[i]!, factor);
	}
	return rem;
}

/** The 15 format bits for level M and a mask (BCH(15,5), XORed with 101010000010010). */
export function formatBits(mask: number): number {
	const data = (0b00 << 3) | mask; // M is 00
	let rem = data;
	for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
	return ((data << 10) | rem) ^ 0x5412;
}

/** The 18 version bits (BCH(18,6)), drawn from version 7 on. */
export function versionBits(version: number): number {
	let rem = version;
	for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >> 11) * 0x1f25);
	return (version << 12) | rem;
}

const MASKS: readonly ((r: number, c: number) => boolean)[] = [
	(r, c) => (r + c) % 2 === 0,
	(r) => r % 2 === 0,
	(_, c) => c % 3 === 0,
	(r, c) => (r + c) % 3 === 0,
	(r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
	(r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
	(r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
	(r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0
];

export interface QrCode {
	version: number;
	mask: number;
	size: number;
	/** modules[row][col]: true is dark. */
	modules: boolean[][];
}

/** The data and error correction codewords in the order they are placed. */
export function codewords(bytes: Uint8Array, version: number): number[] {
	const capacity = dataCapacity(version);
	const bits: number[] = [];
	const put = (value: number, length: number) => {
		for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
	};
	put(0b0100, 4);
	put(bytes.length, version < 10 ? 8 : 16);
	for (const b of bytes) put(b, 8);
	put(0, Math.min(4, capacity * 8 - bits.length)); // terminator
	while (bits.length % 8) bits.push(0);
	const data: number[] = [];
	for (let i = 0; i < bits.length; i += 8) {
		data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
	}
	for (let pad = 0; data.length < capacity; pad ^= 1) data.push(pad ? 0x11 : 0xec);

	const { ecc, blocks } = M_BLOCKS[version]!;
	const dataBlocks: number[][] = [];
	let offset = 0;
	for (const size of blocks) {
		dataBlocks.push(data.slice(offset, offset + size));
		offset += size;
	}
	const eccBlocks = dataBlocks.map((b) => reedSolomon(b, ecc));
	const out: number[] = [];
	const longest = Math.max(...blocks);
	for (let i = 0; i < longest; i++) for (const b of dataBlocks) if (i < b.length) out.push(b[i]!);
	for (let i = 0; i < ecc; i++) for (const b of eccBlocks) out.push(b[i]!);
	return out;
}

/** Which modules are fixed patterns (finders, timing, alignment, format and version areas). */
export function functionModules(version: number): boolean[][] {
	const size = version * 4 + 17;
	const fn = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
	const mark = (r: number, c: number, h: number, w: number) => {
		for (let i = r; i < r + h; i++)
			for (let j = c; j < c + w; j++)
				if (i >= 0 && j >= 0 && i < size && j < size) fn[i]![j] = true;
	};
	mark(0, 0, 9, 9);
	mark(0, size - 8, 9, 8);
	mark(size - 8, 0, 8, 9);
	mark(6, 0, 1, size);
	mark(0, 6, size, 1);
	const align = ALIGNMENT[version]!;
	for (const r of align)
		for (const c of align) {
			const onFinder =
				(r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6);
			if (!onFinder) mark(r - 2, c - 2, 5, 5);
		}
	if (version >= 7) {
		mark(0, size - 11, 6, 3);
		mark(size - 11, 0, 3, 6);
	}
	return fn;
}

function drawFunctionPatterns(m: boolean[][], version: number): void {
	const size = m.length;
	const finder = (r0: number, c0: number) => {
		for (let dr = -1; dr <= 7; dr++)
			for (let dc = -1; dc <= 7; dc++) {
				const r = r0 + dr;
				const c = c0 + dc;
				if (r < 0 || c < 0 || r >= size || c >= size) continue;
				const ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
				m[r]![c] = ring !== 2 && ring !== 4;
			}
	};
	finder(0, 0);
	finder(0, size - 7);
	finder(size - 7, 0);
	for (let i = 8; i < size - 8; i++) {
		m[6]![i] = i % 2 === 0;
		m[i]![6] = i % 2 === 0;
	}
	const align = ALIGNMENT[version]!;
	for (const r of align)
		for (const c of align) {
			const onFinder =
				(r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6);
			if (onFinder) continue;
			for (let dr = -2; dr <= 2; dr++)
				for (let dc = -2; dc <= 2; dc++)
					m[r + dr]![c + dc] = Math.max(Math.abs(dr), Math.abs(dc)) !== 1;
		}
	if (version >= 7) {
		const bits = versionBits(version);
		for (let i = 0; i < 18; i++) {
			const dark = ((bits >> i) & 1) === 1;
			const a = size - 11 + (i % 3);
			const b = Math.floor(i / 3);
			m[a]![b] = dark;
			m[b]![a] = dark;
		}
	}
}

/** Format bits in both copies (bit 0 is the least significant), as ISO/IEC 18004 places them. */
function drawFormat(m: boolean[][], mask: number): void {
	const size = m.length;
	const bits = formatBits(mask);
	const bit = (i: number) => ((bits >> i) & 1) === 1;
	// Around the top-left finder: down column 8, then left along row 8.
	for (let i = 0; i <= 5; i++) m[i]![8] = bit(i);
	m[7]![8] = bit(6);
	m[8]![8] = bit(7);
	m[8]![7] = bit(8);
	for (let i = 9; i < 15; i++) m[8]![14 - i] = bit(i);
	// The second copy: row 8 under the top-right finder, column 8 beside the bottom-left one.
	for (let i = 0; i < 8; i++) m[8]![size - 1 - i] = bit(i);
	for (let i = 8; i < 15; i++) m[size - 15 + i]![8] = bit(i);
	m[size - 8]![8] = true; // the dark module
}

/**
 * The order data modules are filled: two-column strips from the right, up then down,
 * skipping the vertical timing column and every function module.
 */
export function dataPositions(version: number): [number, number][] {
	const fn = functionModules(version);
	const size = fn.length;
	const out: [number, number][] = [];
	let upward = true;
	for (let right = size - 1; right >= 1; right -= 2) {
		if (right === 6) right = 5;
		for (let k = 0; k < size; k++) {
			const r = upward ? size - 1 - k : k;
			for (const c of [right, right - 1]) if (!fn[r]![c]) out.push([r, c]);
		}
		upward = !upward;
	}
	return out;
}

function penalty(m: boolean[][]): number {
	const size = m.length;
	let score = 0;
	const line = (get: (i: number, j: number) => boolean) => {
		for (let i = 0; i < size; i++) {
			let run = 1;
			for (let j = 1; j <= size; j++) {
				if (j < size && get(i, j) === get(i, j - 1)) run++;
				else {
					if (run >= 5) score += run - 2;
					run = 1;
				}
			}
			// Finder-like 1:1:3:1:1 with four light modules on one side.
			for (let j = 0; j + 10 < size; j++) {
				const seq = Array.from({ length: 11 }, (_, k) => (get(i, j + k) ? 1 : 0)).join('');
				if (seq === '10111010000' || seq === '00001011101') score += 40;
			}
		}
	};
	line((i, j) => m[i]![j]!);
	line((i, j) => m[j]![i]!);
	for (let r = 0; r < size - 1; r++)
		for (let c = 0; c < size - 1; c++) {
			const v = m[r]![c];
			if (v === m[r]![c + 1] && v === m[r + 1]![c] && v === m[r + 1]![c + 1]) score += 3;
		}
	const dark = m.flat().filter(Boolean).length;
	const total = size * size;
	score += Math.floor(Math.abs(dark * 20 - total * 10) / total) * 10;
	return score;
}

/** The smallest version (1–10) that holds the bytes, or null when none does. */
export function versionFor(byteLength: number): number | null {
	for (let v = 1; v <= MAX_VERSION; v++) if (byteCapacity(v) >= byteLength) return v;
	return null;
}

/** Encodes text (UTF-8, byte mode, level M). Throws beyond version 10 (213 bytes). */
export function encodeQr(text: string, forceMask: number | null = null): QrCode {
	const bytes = new TextEncoder().encode(text);
	const version = versionFor(bytes.length);
	if (version === null) throw new RangeError(`QR: ${bytes.length} bytes exceed version 10-M`);
	const size = version * 4 + 17;
	const words = codewords(bytes, version);
	const positions = dataPositions(version);
	const base = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
	drawFunctionPatterns(base, version);
	// Remainder bits past the last codeword stay light (0) before masking.
	const dataBit = (i: number) =>
		i < words.length * 8 && ((words[i >> 3]! >> (7 - (i & 7))) & 1) === 1;
	let best: QrCode | null = null;
	let bestScore = Infinity;
	for (let mask = 0; mask < 8; mask++) {
		if (forceMask !== null && mask !== forceMask) continue;
		const m = base.map((row) => [...row]);
		positions.forEach(([r, c], i) => {
			m[r]![c] = dataBit(i) !== MASKS[mask]!(r, c);
		});
		drawFormat(m, mask);
		const score = penalty(m);
		if (score < bestScore) {
			bestScore = score;
			best = { version, mask, size, modules: m };
		}
	}
	return best!;
}

/**
 * An SVG path of the dark modules (one `h` run per row segment), in module units, with the
 * quiet zone of 4 modules the standard asks for: viewBox is `0 0 (size+8) (size+8)`.
 */
export function qrPath(qr: QrCode): string {
	const parts: string[] = [];
	qr.modules.forEach((row, r) => {
		let c = 0;
		while (c < qr.size) {
			if (!row[c]) {
				c++;
				continue;
			}
			const start = c;
			while (c < qr.size && row[c]) c++;
			parts.push(`M${start + 4} ${r + 4}h${c - start}v1h-${c - start}z`);
		}
	});
	return parts.join('');
}
