/**
 * A minimal zip reader for tests (end of central directory → central directory → local
 * headers), using node:zlib for inflate and CRC, so tests never trust the writer's own zip
 * code. Throws on any inconsistency. Returns each file as UTF-8 text.
 */
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';

export function unzip(bytes: Uint8Array): Map<string, string> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let eocd = bytes.length - 22;
	while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
	if (eocd < 0) throw new Error('no end of central directory');
	const count = view.getUint16(eocd + 10, true);
	let p = view.getUint32(eocd + 16, true);
	const files = new Map<string, string>();
	const decoder = new TextDecoder('utf-8', { fatal: true });
	for (let i = 0; i < count; i++) {
		if (view.getUint32(p, true) !== 0x02014b50) throw new Error('bad central directory entry');
		const method = view.getUint16(p + 10, true);
		const crc = view.getUint32(p + 16, true);
		// Offset 20 is the compressed size, 24 the uncompressed (equal only for STORE).
		const size = view.getUint32(p + 24, true);
		const nameLength = view.getUint16(p + 28, true);
		const extra = view.getUint16(p + 30, true);
		const comment = view.getUint16(p + 32, true);
		const offset = view.getUint32(p + 42, true);
		const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
		p += 46 + nameLength + extra + comment;

		if (view.getUint32(offset, true) !== 0x04034b50) throw new Error(`bad local header ${name}`);
		const localName = view.getUint16(offset + 26, true);
		const localExtra = view.getUint16(offset + 28, true);
		const start = offset + 30 + localName + localExtra;
		const compressed = view.getUint32(offset + 18, true);
		const raw = bytes.subarray(start, start + compressed);
		const data = method === 0 ? raw : inflateRawSync(raw);
		if (data.length !== size) throw new Error(`size of ${name}: ${data.length} ≠ ${size}`);
		if (zlibCrc32(data) >>> 0 !== crc) throw new Error(`CRC of ${name} does not match`);
		files.set(name, decoder.decode(data));
	}
	return files;
}
