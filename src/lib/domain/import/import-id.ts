/**
 * A stable place id for a row of an imported list, so importing the same file twice adds
 * nothing and a changed row updates its one place. The id is UUID-shaped (version 8, RFC 9562:
 * "custom") because place.upsert takes a UUID; it is a 128-bit hash of the city and the row's
 * key (the 社協's 番号, else name and address), computed synchronously in pure JS — Web
 * Crypto's digest is async and missing on plain-http LAN addresses, where staff also work.
 * Not a security boundary: an id only says which row a place came from.
 */
import { foldForSearch } from '../text-fold';

/** cyrb128 (bryc, public domain): four 32-bit lanes over UTF-16 code units. */
function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function uuidFromHash(lanes: readonly number[]): string {
	const hex = lanes.map((n) => n.toString(16).padStart(8, '0')).join('');
	const b = hex.match(/../g)!.map((x) => parseInt(x, 16));
	b[6] = (b[6]! & 0x0f) | 0x80; // version 8
	b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
	const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The key a row is known by: its 番号 when the list has one (a renamed salon stays the same
 * place), else its name and address folded (width, kana, spaces) so retyping does not split it.
 */
export function rowKey(row: { number: string; name: string; address: string }): string {
	const number = row.number.normalize('NFKC').trim();
	if (number !== '') return `no:${number}`;
	return `na:${foldForSearch(row.name)}|${foldForSearch(row.address)}`;
}

/** The place id of an imported row of `packId`'s list. */
export const importedPlaceId = (packId: string, key: string): string =>
	uuidFromHash(hash128(`ibasho-import:${packId}:${key}`));
