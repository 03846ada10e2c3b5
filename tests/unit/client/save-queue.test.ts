/**
 * A tally is written as it is tapped: one write at a time, every change written, the last state
 * always the one that stands, and what is not written yet shown as unsaved.
 */
import { describe, expect, it, vi } from 'vitest';
import { SaveQueue } from '#lib/client/save-queue.svelte.js';

/** A write that waits until the test lets it finish, recording the value it took. */
function gatedWrites(read: () => number) {
	const written: number[] = [];
	const gates: (() => void)[] = [];
	let running = 0;
	let overlapped = false;
	const write = async () => {
		const value = read(); // taken when the write starts, as the page does
		running += 1;
		if (running > 1) overlapped = true;
		await new Promise<void>((resolve) => gates.push(resolve));
		running -= 1;
		written.push(value);
		return true;
	};
	const release = async () => {
		gates.shift()?.();
		await new Promise((r) => setTimeout(r, 0));
	};
	return { write, written, release, overlapped: () => overlapped, waiting: () => gates.length };
}

describe('SaveQueue', () => {
	it('writes taps one at a time; taps during a write go out together, the last count stands', async () => {
		let count = 0;
		const w = gatedWrites(() => count);
		const settled = vi.fn();
		const queue = new SaveQueue({ write: w.write, settled });

		count = 1;
		void queue.changed();
		expect(queue.unsaved).toBe(true);
		count = 2;
		void queue.changed();
		count = 3;
		const last = queue.changed();
		expect(w.waiting()).toBe(1); // the first write runs; the others wait for it

		await w.release(); // writes 1, then starts one write with the count as it is now
		expect(w.written).toEqual([1]);
		expect(queue.unsaved).toBe(true);
		await w.release();
		await last;
		expect(w.written).toEqual([1, 3]);
		expect(w.overlapped()).toBe(false);
		expect(queue.unsaved).toBe(false);
		expect(settled).toHaveBeenCalledTimes(1);
	});

	it('a change right after a write finished starts a new write', async () => {
		let count = 0;
		const written: number[] = [];
		const queue = new SaveQueue({
			write: async () => {
				written.push(count);
				return true;
			}
		});
		count = 1;
		const first = queue.changed();
		await first;
		count = 2;
		await queue.changed();
		expect(written).toEqual([1, 2]);
		expect(queue.unsaved).toBe(false);
	});

	it('keeps an invalid form unsaved, and writes it once it is corrected', async () => {
		let text = 'x';
		const written: string[] = [];
		const queue = new SaveQueue({
			write: async () => {
				if (!/^\d+$/.test(text)) return false;
				written.push(text);
				return true;
			}
		});
		await queue.changed();
		expect(queue.unsaved).toBe(true);
		expect(written).toEqual([]);
		// Leaving the screen tries again, and still refuses to write what is not a count.
		await queue.flush();
		expect(written).toEqual([]);
		text = '12';
		await queue.changed();
		expect(written).toEqual(['12']);
		expect(queue.unsaved).toBe(false);
	});

	it('a failed write stays unsaved and is shown; the next flush writes it', async () => {
		let fail = true;
		const onError = vi.fn();
		const queue = new SaveQueue({
			write: async () => {
				if (fail) throw new Error('QuotaExceededError');
				return true;
			},
			onError
		});
		await queue.changed();
		expect(onError).toHaveBeenCalledTimes(1);
		expect(queue.failed).toBe(true);
		expect(queue.unsaved).toBe(true);
		fail = false;
		await queue.flush();
		expect(queue.failed).toBe(false);
		expect(queue.unsaved).toBe(false);
	});

	it('text being typed is written at the next flush, not at each keystroke', async () => {
		const write = vi.fn(async () => true);
		const queue = new SaveQueue({ write });
		queue.touched();
		queue.touched();
		expect(write).not.toHaveBeenCalled();
		expect(queue.unsaved).toBe(true);
		await queue.flush();
		expect(write).toHaveBeenCalledTimes(1);
		expect(queue.unsaved).toBe(false);
	});
});
