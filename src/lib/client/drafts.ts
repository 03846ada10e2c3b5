/**
 * Unfinished forms survive a reload or a closed tab (session storage, this device only):
 * nothing a person typed is lost before they press 保存.
 */
export function loadDraft<T>(key: string): T | null {
	try {
		const raw = sessionStorage.getItem(`ibasho.draft.${key}`);
		return raw ? (JSON.parse(raw) as T) : null;
	} catch {
		return null;
	}
}

export function saveDraft<T>(key: string, value: T) {
	try {
		sessionStorage.setItem(`ibasho.draft.${key}`, JSON.stringify(value));
	} catch {
		// Storage full or unavailable: the form still holds the values in memory.
	}
}

export function clearDraft(key: string) {
	sessionStorage.removeItem(`ibasho.draft.${key}`);
}
