/**
 * Text the database can store and every screen can show: no NUL (PostgreSQL refuses it in
 * text) and no lone UTF-16 surrogates (not valid Unicode; they break JSON and rendering).
 * Checked at the edges so such input is a 400 with a reason, never a 500.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
	return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** Ids of places: UUIDs for people's places, slugs for the pack's (`shelter-E1124100002`). */
export const PLACE_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
