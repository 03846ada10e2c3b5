/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds then random bits. Made on the client so a record
 * has its id before any server sees it; time-ordered so ids of one device sort by creation.
 */
export function uuidv7(
	now = Date.now(),
	random: (bytes: Uint8Array) => Uint8Array = fillRandom
): string {
	const b = random(new Uint8Array(16));
	b[0] = Math.floor(now / 2 ** 40) & 0xff;
	b[1] = Math.floor(now / 2 ** 32) & 0xff;
	b[2] = (now >>> 24) & 0xff;
	b[3] = (now >>> 16) & 0xff;
	b[4] = (now >>> 8) & 0xff;
	b[5] = now & 0xff;
	b[6] = (b[6]! & 0x0f) | 0x70; // version 7
	b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
	const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function fillRandom(bytes: Uint8Array): Uint8Array {
	globalThis.crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
	return bytes;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
