/**
 * The QR code on place pages, flyers and the district handout opens the place's page when a
 * phone camera reads it. Checked three ways:
 * - published vectors: the Reed–Solomon codewords of ISO/IEC 18004's worked 1-M example, the
 *   format and version bit tables;
 * - a symbol read by ZBar 0.23 (zbarimg, a maintained decoder) when this test was written,
 *   kept as a golden matrix: a change to placement or masking shows up here;
 * - a reader written for this test (finders, format bits, zigzag, de-interleaving, RS
 *   syndromes computed afresh, byte mode), run on URLs across versions 1–10 and all 8 masks.
 * The symbol drawn to pixels and read by jsQR (a maintained decoder): qr-jsqr.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
	byteCapacity,
	encodeQr,
	formatBits,
	qrPath,
	reedSolomon,
	versionBits,
	versionFor,
	type QrCode
} from '#lib/domain/qr.js';

/** Read by `zbarimg --raw` (ZBar 0.23.92) as https://ibasho.example.jp/places/x1 (3-M, mask 2). */
const ZBAR_READ = [
	'#######....##..#####..#######',
	'#.....#..........#..#.#.....#',
	'#.###.#.##.#..#.#.#.#.#.###.#',
	'#.###.#.#...#....#....#.###.#',
	'#.###.#.#.#..###.####.#.###.#',
	'#.....#.###.#######...#.....#',
	'#######.#.#.#.#.#.#.#.#######',
	'........####.#.#..#.#........',
	'#.#####..##.#.####.#..#####..',
	'#.#.#..#.##.#......######...#',
	'.#.#.##.###....#..#..###.....',
	'####...###..#.##..#..#..##.#.',
	'####..#...##....###.#..#.##..',
	'##......##...##.#########...#',
	'.#....#.#.#.######..#.#####..',
	'#.#.#..#..#.##..#...#.#.#..#.',
	'.##...#.#.###.#..#.#.#...##..',
	'##.###..#..##......######.#.#',
	'#..#..##.##....##.#.#.#...#..',
	'#.##...##.##..#...#..##.#..#.',
	'#.#.####.###...###..#####.###',
	'........##..###.###.#...#####',
	'#######...##.####..##.#.###..',
	'#.....#.#....#.##.###...#...#',
	'#.###.#.#####.##.#..#####.##.',
	'#.###.#.#..#.#..#.#......####',
	'#.###.#.#.##.#.##.#.########.',
	'#.....#....##......##..###.#.',
	'#######.##..#..#.#.#......#..'
];

// ---- A reader, independent of the encoder's tables and placement code ----------------------

const BLOCKS_M: Record<number, [number, number[]]> = {
	1: [10, [16]],
	2: [16, [28]],
	3: [26, [44]],
	4: [18, [32, 32]],
	5: [24, [43, 43]],
	6: [16, [27, 27, 27, 27]],
	7: [18, [31, 31, 31, 31]],
	8: [22, [38, 38, 39, 39]],
	9: [22, [36, 36, 36, 37, 37]],
	10: [26, [43, 43, 43, 43, 44]]
};
const ALIGN: Record<number, number[]> = {
	1: [],
	2: [6, 18],
	3: [6, 22],
	4: [6, 26],
	5: [6, 30],
	6: [6, 34],
	7: [6, 22, 38],
	8: [6, 24, 42],
	9: [6, 26, 46],
	10: [6, 28, 50]
};
/** Format strings for level M, masks 0–7 (ISO/IEC 18004 Table C.1). */
const FORMAT_M = [
	'101010000010010',
	'101000100100101',
	'101111001111100',
	'101101101001011',
	'100010111111001',
	'100000011001110',
	'100111110010111',
	'100101010100000'
];
/** Version information for versions 7–10 (Table D.1). */
const VERSION_INFO: Record<number, string> = {
	7: '000111110010010100',
	8: '001000010110111100',
	9: '001001101010011001',
	10: '001010010011010011'
};

function gfMul(a: number, b: number): number {
	let p = 0;
	while (b) {
		if (b & 1) p ^= a;
		a <<= 1;
		if (a & 0x100) a ^= 0x11d;
		b >>= 1;
	}
	return p;
}

/** All syndromes of a received block are zero when its RS codewords are right. */
function syndromesZero(block: number[], n: number): boolean {
	let alpha = 1;
	for (let i = 0; i < n; i++) {
		let s = 0;
		for (const c of block) s = gfMul(s, alpha) ^ c;
		if (s !== 0) return false;
		alpha = gfMul(alpha, 2);
	}
	return true;
}

function isFinder(m: boolean[][], r0: number, c0: number): boolean {
	for (let r = 0; r < 7; r++)
		for (let c = 0; c < 7; c++) {
			const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
			if (m[r0 + r]![c0 + c] !== (ring !== 2)) return false;
		}
	return true;
}

function read(m: boolean[][]): string {
	const size = m.length;
	const version = (size - 17) / 4;
	expect(Number.isInteger(version)).toBe(true);
	expect(isFinder(m, 0, 0) && isFinder(m, 0, size - 7) && isFinder(m, size - 7, 0)).toBe(true);
	// Format, first copy: row 8 (cols 0–5, 7, 8) then column 8 (rows 7, 5–0), most significant first.
	const fmtCells: [number, number][] = [
		[8, 0],
		[8, 1],
		[8, 2],
		[8, 3],
		[8, 4],
		[8, 5],
		[8, 7],
		[8, 8],
		[7, 8],
		[5, 8],
		[4, 8],
		[3, 8],
		[2, 8],
		[1, 8],
		[0, 8]
	];
	const fmt = fmtCells.map(([r, c]) => (m[r]![c] ? '1' : '0')).join('');
	const fmt2Cells: [number, number][] = [
		...Array.from({ length: 7 }, (_, i) => [size - 1 - i, 8] as [number, number]),
		...Array.from({ length: 8 }, (_, i) => [8, size - 8 + i] as [number, number])
	];
	expect(fmt2Cells.map(([r, c]) => (m[r]![c] ? '1' : '0')).join('')).toBe(fmt);
	const mask = FORMAT_M.indexOf(fmt);
	expect(mask, `format ${fmt} is level M`).toBeGreaterThanOrEqual(0);
	if (version >= 7) {
		// Bottom-left block: bit i at (size-11 + i%3, i/3); the string is most significant first.
		const bits = Array.from({ length: 18 }, (_, i) =>
			m[size - 11 + (i % 3)]![Math.floor(i / 3)] ? '1' : '0'
		);
		expect(bits.reverse().join('')).toBe(VERSION_INFO[version]);
	}
	// Function modules, drawn from the standard's description.
	const fn = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
	const block = (r: number, c: number, h: number, w: number) => {
		for (let i = r; i < r + h; i++) for (let j = c; j < c + w; j++) fn[i]![j] = true;
	};
	block(0, 0, 9, 9);
	block(0, size - 8, 9, 8);
	block(size - 8, 0, 8, 9);
	block(6, 0, 1, size);
	block(0, 6, size, 1);
	const last = size - 7;
	for (const r of ALIGN[version]!)
		for (const c of ALIGN[version]!) {
			// Not where a finder is; the ones on the timing lines (version 7 on) are drawn.
			if ((r === 6 && c === 6) || (r === 6 && c === last) || (r === last && c === 6)) continue;
			block(r - 2, c - 2, 5, 5);
		}
	if (version >= 7) {
		block(0, size - 11, 6, 3);
		block(size - 11, 0, 3, 6);
	}
	const maskFn = [
		(i: number, j: number) => (i + j) % 2 === 0,
		(i: number) => i % 2 === 0,
		(_: number, j: number) => j % 3 === 0,
		(i: number, j: number) => (i + j) % 3 === 0,
		(i: number, j: number) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
		(i: number, j: number) => ((i * j) % 2) + ((i * j) % 3) === 0,
		(i: number, j: number) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
		(i: number, j: number) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0
	][mask]!;
	const bits: number[] = [];
	let col = size - 1;
	let dir = -1;
	let row = size - 1;
	while (col > 0) {
		if (col === 6) col--;
		for (;;) {
			for (const c of [col, col - 1]) {
				if (!fn[row]![c]) bits.push(m[row]![c] !== maskFn(row, c) ? 1 : 0);
			}
			row += dir;
			if (row < 0 || row >= size) {
				row -= dir;
				dir = -dir;
				break;
			}
		}
		col -= 2;
	}
	const words: number[] = [];
	for (let i = 0; i + 8 <= bits.length; i += 8)
		words.push(parseInt(bits.slice(i, i + 8).join(''), 2));
	const [ecc, sizes] = BLOCKS_M[version]!;
	const blocks = sizes.map(() => [] as number[]);
	let k = 0;
	for (let i = 0; i < Math.max(...sizes); i++)
		sizes.forEach((s, b) => {
			if (i < s) blocks[b]!.push(words[k++]!);
		});
	for (let i = 0; i < ecc; i++) blocks.forEach((b) => b.push(words[k++]!));
	blocks.forEach((b) => expect(syndromesZero(b, ecc)).toBe(true));
	const data = blocks.flatMap((b, i) => b.slice(0, sizes[i]));
	const stream = data.map((w) => w.toString(2).padStart(8, '0')).join('');
	expect(stream.slice(0, 4)).toBe('0100');
	const countBits = version < 10 ? 8 : 16;
	const count = parseInt(stream.slice(4, 4 + countBits), 2);
	const bytes = Array.from({ length: count }, (_, i) =>
		parseInt(stream.slice(4 + countBits + i * 8, 12 + countBits + i * 8), 2)
	);
	return new TextDecoder().decode(new Uint8Array(bytes));
}

const asRows = (qr: QrCode) => qr.modules.map((r) => r.map((b) => (b ? '#' : '.')).join(''));

describe('the QR code of a place', () => {
	it('makes the Reed–Solomon codewords of the standard’s worked example (1-M)', () => {
		const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
		expect(reedSolomon(data, 10)).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
	});

	it('writes the format and version bits of the standard’s tables', () => {
		for (let mask = 0; mask < 8; mask++) {
			expect(formatBits(mask).toString(2).padStart(15, '0')).toBe(FORMAT_M[mask]);
		}
		for (const v of [7, 8, 9, 10]) {
			expect(versionBits(v).toString(2).padStart(18, '0')).toBe(VERSION_INFO[v]);
		}
	});

	it('draws the symbol a maintained decoder (ZBar) read as the place URL', () => {
		const qr = encodeQr('https://ibasho.example.jp/places/x1');
		expect(asRows(qr)).toEqual(ZBAR_READ);
		expect(read(qr.modules)).toBe('https://ibasho.example.jp/places/x1');
	});

	it.each([
		'https://ibasho.example.jp/places/x1',
		'http://192.168.1.20:3000/places/019aa5b2-7c1e-7e4f-9a0b-5d3c2e1f0a9b',
		'https://ibasho.example.jp/places/%E8%97%A4%E3%81%AE%E4%BC%9A',
		`https://ibasho.example.jp/c/tsurugashima/places/${'a'.repeat(120)}`,
		`https://example.jp/${'b'.repeat(193)}`
	])('decodes to the URL it was given, with every mask: %s', (url) => {
		for (let mask = 0; mask < 8; mask++) expect(read(encodeQr(url, mask).modules)).toBe(url);
	});

	it('picks the smallest version that holds the URL, up to version 10 (213 bytes)', () => {
		expect(versionFor(14)).toBe(1);
		expect(versionFor(15)).toBe(2);
		expect(byteCapacity(10)).toBe(213);
		expect(encodeQr('x'.repeat(213)).version).toBe(10);
		expect(() => encodeQr('x'.repeat(214))).toThrow(RangeError);
	});

	it('draws every dark module, inside a 4-module quiet zone', () => {
		const qr = encodeQr('https://ibasho.example.jp/places/x1');
		const dark = qr.modules.flat().filter(Boolean).length;
		const path = qrPath(qr);
		const widths = [...path.matchAll(/h(\d+)v1/g)].reduce((a, m) => a + Number(m[1]), 0);
		expect(widths).toBe(dark);
		expect(path.startsWith('M4 4h7')).toBe(true);
	});
});
