/**
 * What the device's storage is doing, for the banner and the settings page. Module-level
 * state is safe here: it is only ever written in the browser.
 */
import { isQuotaError } from './db/storage-errors';

class StorageState {
	/** A write failed because the disk (or the browser's quota) is full. */
	full = $state(false);
	/** Whether the browser promised not to evict our data; null until known. */
	persisted = $state<boolean | null>(null);

	report(error: unknown) {
		if (isQuotaError(error) || (error as { reason?: string })?.reason === 'storage_full') {
			this.full = true;
		} else {
			console.error(error);
		}
	}

	async refresh() {
		if (navigator.storage?.persisted) this.persisted = await navigator.storage.persisted();
	}
}

export const storageState = new StorageState();
