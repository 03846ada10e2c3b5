/**
 * The two pure functions every offline edit goes through: the hybrid logical clock that stamps
 * it and the per-field last-writer-wins merge that settles it. merge-fields.ts promises that
 * the order in which edits arrive does not matter; these tests hold it to that directly (the
 * convergence property covers it only through whole sync runs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compareHlc,
	decodeHlc,
	encodeHlc,
	receive,
	tick,
	type HlcState
} from '#lib/domain/sync/hlc.js';
import { latestStamp, mergeFields, type StampedFields } from '#lib/domain/sync/merge-fields.js';

const MAX_COUNTER = 36 ** 4 - 1;
const node = fc.constantFrom('phone-a', 'phone-b', 'server');
const state = fc.record({
	wall: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
	counter: fc.integer({ min: 0, max: MAX_COUNTER }),
	node
});

describe('hybrid logical clock', () => {
	it('encodes to a string that decodes back to the same stamp', () => {
		fc.assert(
			fc.property(state, (s) => {
				expect(decodeHlc(encodeHlc(s))).toEqual(s);
			})
		);
	});

	it('sorts encoded stamps as time, then counter, then node', () => {
		fc.assert(
			fc.property(state, state, (a, b) => {
				const byFields =
					a.wall !== b.wall
						? Math.sign(a.wall - b.wall)
						: a.counter !== b.counter
							? Math.sign(a.counter - b.counter)
							: a.node < b.node
								? -1
								: a.node > b.node
									? 1
									: 0;
				expect(compareHlc(encodeHlc(a), encodeHlc(b))).toBe(byFields);
			})
		);
	});

	it('refuses what is not a stamp', () => {
		expect(decodeHlc('2026-12-07')).toBeNull();
		expect(decodeHlc('')).toBeNull();
	});

	it('a new local stamp is after the last one, whatever the wall clock says', () => {
		fc.assert(
			fc.property(state, fc.integer({ min: 0, max: 2_000_000_000_000 }), (s, now) => {
				const next = tick(s, now);
				expect(compareHlc(encodeHlc(next), encodeHlc(s))).toBe(1);
			})
		);
	});

	it('a phone whose clock went back still stamps after what it issued (counter, then wall)', () => {
		const s: HlcState = { wall: 1_800_000_000_000, counter: 5, node: 'phone-a' };
		expect(tick(s, 1_700_000_000_000)).toEqual({ ...s, counter: 6 });
		expect(tick({ ...s, counter: MAX_COUNTER }, 1_700_000_000_000)).toEqual({
			...s,
			wall: s.wall + 1,
			counter: 0
		});
	});

	it('after receiving a stamp, the next local stamp orders after both', () => {
		fc.assert(
			fc.property(
				state,
				state,
				fc.integer({ min: 0, max: 2_000_000_000_000 }),
				(local, remote, now) => {
					const merged = receive(local, encodeHlc(remote), now);
					const next = encodeHlc(tick(merged, now));
					expect(compareHlc(next, encodeHlc(local))).toBe(1);
					expect(compareHlc(next, encodeHlc({ ...remote, node: local.node }))).toBe(1);
				}
			)
		);
	});

	it('ignores a received value that is not a stamp', () => {
		const s: HlcState = { wall: 1_800_000_000_000, counter: 1, node: 'phone-a' };
		expect(receive(s, 'garbage', 1_900_000_000_000)).toBe(s);
	});
});

/** One edit: a set of fields with the stamp of the moment each was set. */
const edit = fc.dictionary(
	fc.constantFrom('name', 'status', 'address', 'fee'),
	fc.record({
		value: fc.string({ maxLength: 4 }),
		at: fc.integer({ min: 0, max: 50 }).map((n) => encodeHlc({ wall: n, counter: 0, node: 'n' }))
	}),
	{ maxKeys: 4 }
);

/** Edits with distinct stamps per field, as devices produce them (a stamp names one edit). */
const distinctEdits = fc.array(edit, { maxLength: 6 }).map((edits) => {
	const seen = new Set<string>();
	return edits.map((e) =>
		Object.fromEntries(
			Object.entries(e).filter(([field, v]) => {
				const key = `${field}@${v.at}`;
				if (seen.has(key)) return false;
				seen.add(key);
				return true;
			})
		)
	) as StampedFields[];
});

const applyAll = (edits: readonly StampedFields[]): StampedFields =>
	edits.reduce((record, e) => mergeFields(record, e).merged, {} as StampedFields);

describe('per-field last writer wins', () => {
	it('gives the same record whichever order the edits arrive in', () => {
		fc.assert(
			fc.property(
				distinctEdits.chain((edits) =>
					fc.tuple(fc.constant(edits), fc.shuffledSubarray(edits, { minLength: edits.length }))
				),
				([edits, shuffled]) => {
					expect(applyAll(shuffled)).toEqual(applyAll(edits));
				}
			)
		);
	});

	it('an edit seen twice changes nothing the second time (a loss is the same loss)', () => {
		fc.assert(
			fc.property(edit, edit, (first, second) => {
				const once = mergeFields(mergeFields({}, first).merged, second);
				const twice = mergeFields(once.merged, second);
				expect(twice.merged).toEqual(once.merged);
				expect(twice.applied).toEqual([]);
				expect(twice.superseded).toEqual(once.superseded);
			})
		);
	});

	it('reports the fields an older edit lost, and keeps the newer value', () => {
		const stamp = (wall: number) => encodeHlc({ wall, counter: 0, node: 'n' });
		const current: StampedFields = {
			name: { value: '藤見サロン', at: stamp(20) },
			fee: { value: '100円', at: stamp(5) }
		};
		const result = mergeFields(current, {
			name: { value: '古い名前', at: stamp(10) },
			fee: { value: '無料', at: stamp(30) },
			address: { value: '富士見1丁目', at: stamp(30) }
		});
		expect(result.superseded).toEqual(['name']);
		expect(result.applied.sort()).toEqual(['address', 'fee']);
		expect(result.merged.name!.value).toBe('藤見サロン');
		expect(result.merged.fee!.value).toBe('無料');
		expect(latestStamp(result.merged)).toBe(stamp(30));
		expect(latestStamp({})).toBeNull();
	});
});
