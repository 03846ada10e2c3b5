/**
 * Saves a form as it changes, with no button between a tap and the device's database.
 *
 * Writes run one at a time, and each takes the form as it is when it starts: changes made while
 * a write runs go out together in the next one. So a burst of taps never races (two writes
 * cannot both take the same next version), the last state is always written, and a quick
 * burst makes fewer versions than taps. `unsaved` is true from a change until a write that
 * includes it has finished: the screen shows it (未保存), and a draft covers that moment.
 */
export interface SaveQueueOptions {
	/** Writes the form as it is now; false when it cannot be saved as it is (invalid input). */
	write: () => Promise<boolean>;
	/** After every change so far has been written (e.g. the draft may go). */
	settled?: () => void;
	onError?: (error: unknown) => void;
}

export class SaveQueue {
	/** A change not yet written to the device. */
	unsaved = $state(false);
	/** The last write threw (storage full, say): the change stays unsaved until a retry works. */
	failed = $state(false);

	private dirty = false;
	/** A write loop is running. A flag, not the loop's promise: it is cleared synchronously
	 * after the loop's last check, so a change made after that check always starts a new loop. */
	private busy = false;
	private done: Promise<void> = Promise.resolve();

	constructor(private readonly options: SaveQueueOptions) {}

	/** Something changed: write it (after the write running now, if any). */
	changed(): Promise<void> {
		this.touched();
		return this.flush();
	}

	/** Something changed that is written at the next flush (text still being typed). */
	touched() {
		this.dirty = true;
		this.unsaved = true;
	}

	/** Resolves once every change made so far is written, or found unsaveable. */
	flush(): Promise<void> {
		if (!this.busy && this.dirty) {
			this.busy = true;
			this.done = this.run();
		}
		return this.done;
	}

	private async run() {
		try {
			while (this.dirty) {
				this.dirty = false;
				let ok: boolean;
				try {
					ok = await this.options.write();
				} catch (error) {
					this.dirty = true;
					this.failed = true;
					this.options.onError?.(error);
					return;
				}
				if (!ok) {
					// Invalid as it stands: stays unsaved until the person corrects it.
					this.dirty = true;
					return;
				}
			}
		} finally {
			this.busy = false;
		}
		// Every change is written (an early return above leaves them unsaved).
		this.unsaved = false;
		this.failed = false;
		this.options.settled?.();
	}
}
