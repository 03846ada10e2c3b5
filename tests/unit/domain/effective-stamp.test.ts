/** When a recorded change takes effect in the indicators' history (effective-stamp.ts). */
import { describe, expect, it } from 'vitest';
import { effectiveStamp, MAX_OFFLINE_MS } from '#lib/domain/sync/effective-stamp.js';
import { decodeHlc, encodeHlc } from '#lib/domain/sync/hlc.js';

const node = '00000000-0000-7000-8000-000000000001';
const stamp = (iso: string, counter = 0) => encodeHlc({ wall: Date.parse(iso), counter, node });

describe('effectiveStamp', () => {
	it('keeps the stamp of an edit synced within the maximum offline period', () => {
		const at = stamp('2024-03-31T20:00:00+09:00');
		expect(effectiveStamp(at, Date.parse('2024-04-21T10:00:00+09:00'))).toBe(at);
		const justInside = Date.parse('2024-03-31T20:00:00+09:00') + MAX_OFFLINE_MS;
		expect(effectiveStamp(at, justInside)).toBe(at);
	});

	it('moves an older stamp up to the maximum offline period before it was received', () => {
		const received = Date.parse('2026-02-01T10:00:00+09:00');
		const effective = decodeHlc(effectiveStamp(stamp('2023-06-01T10:00:00+09:00', 3), received))!;
		expect(effective).toEqual({ wall: received - MAX_OFFLINE_MS, counter: 3, node });
		// 90 days: an edit received by June 29 can still reach the year that ended March 31.
		expect(MAX_OFFLINE_MS).toBe(90 * 86_400_000);
	});

	it('keeps two clamped edits in their stamp order', () => {
		const received = Date.parse('2026-02-01T10:00:00+09:00');
		const a = effectiveStamp(stamp('2020-01-01T00:00:00Z', 1), received);
		const b = effectiveStamp(stamp('2021-01-01T00:00:00Z', 2), received);
		expect(a < b).toBe(true);
	});
});
