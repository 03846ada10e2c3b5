/** A form's per-field problems as message keys with parameters: the UI shows them in place. */
export interface FieldError {
	key: string;
	params?: Record<string, string | number>;
}
export type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;

export type FormResult<T, F extends string> =
	{ ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

/** A whole number from a form field: '' counts as absent, '３' (full width) as 3. */
export function parseCount(raw: string | number | null | undefined): number | null | 'invalid' {
	if (raw === null || raw === undefined) return null;
	const text = String(raw).normalize('NFKC').trim();
	if (text === '') return null;
	if (!/^\d+$/.test(text)) return 'invalid';
	return Number(text);
}
