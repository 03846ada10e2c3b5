/**
 * Storage failures as states, not exceptions: a full disk must become a clear message, and
 * whatever was being saved must stay in memory until it can be written.
 */
export class StorageFullError extends Error {
	readonly reason = 'storage_full';
	constructor(cause: unknown) {
		super('The device storage is full', { cause });
	}
}

export function isQuotaError(error: unknown): boolean {
	let e: unknown = error;
	// Dexie wraps the DOMException; walk the chain.
	for (let depth = 0; e && depth < 4; depth++) {
		const name = (e as { name?: string }).name;
		if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
		e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
	}
	return false;
}

export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (error) {
		if (isQuotaError(error)) throw new StorageFullError(error);
		throw error;
	}
}
