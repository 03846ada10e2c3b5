/**
 * The QR code a resident's phone camera reads opens the place's page: the app's own encoder
 * (domain/qr.ts), drawn to pixels as the page draws it (black modules on white, 4-module quiet
 * zone), is read back by jsQR, a maintained decoder used only by this test.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { encodeQr, type QrCode } from '#lib/domain/qr.js';

/** RGBA pixels of the symbol, `scale` pixels per module, with the 4-module quiet zone. */
function render(qr: QrCode, scale: number): { data: Uint8ClampedArray; side: number } {
	const side = (qr.size + 8) * scale;
	const data = new Uint8ClampedArray(side * side * 4).fill(255);
	for (let y = 0; y < qr.size; y++) {
		for (let x = 0; x < qr.size; x++) {
			if (!qr.modules[y]![x]) continue;
			for (let dy = 0; dy < scale; dy++) {
				for (let dx = 0; dx < scale; dx++) {
					const i = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
					data[i] = data[i + 1] = data[i + 2] = 0;
				}
			}
		}
	}
	return { data, side };
}

const read = (qr: QrCode, scale = 4) => {
	const { data, side } = render(qr, scale);
	return jsQR(data, side, side, { inversionAttempts: 'dontInvert' })?.data ?? null;
};

describe('the place QR code read by jsQR', () => {
	it.each([
		// Place URLs as the page makes them (origin + /places/<id>); ids are generated test data.
		'https://ibasho.example.jp/places/x1',
		'http://192.168.1.20:3000/places/019aa5b2-7c1e-7e4f-9a0b-5d3c2e1f0a9b',
		'https://ibasho.example.jp/places/tokorozawa-shelter-11208000001',
		'https://ibasho.example.jp/places/%E8%97%A4%E3%81%AE%E4%BC%9A',
		`https://example.jp/${'b'.repeat(193)}`
	])('decodes to the place URL: %s', (url) => {
		expect(read(encodeQr(url))).toBe(url);
	});

	it('reads with every one of the 8 masks, so the mask choice never makes a bad symbol', () => {
		const url = 'https://ibasho.example.jp/places/019aa5b2-7c1e-7e4f-9a0b-5d3c2e1f0a9b';
		for (let mask = 0; mask < 8; mask++) expect(read(encodeQr(url, mask))).toBe(url);
	});

	it('a symbol with a module flipped in a finder pattern is not read as the URL', () => {
		// The check can fail: a broken symbol does not decode to the place's address.
		const qr = encodeQr('https://ibasho.example.jp/places/x1');
		const broken = { ...qr, modules: qr.modules.map((row) => [...row]) };
		for (let y = 0; y < 7; y++) for (let x = 0; x < 7; x++) broken.modules[y]![x] = false;
		for (let y = 0; y < 7; y++)
			for (let x = qr.size - 7; x < qr.size; x++) broken.modules[y]![x] = false;
		expect(read(broken)).not.toBe('https://ibasho.example.jp/places/x1');
	});
});
