/**
 * The calendar date in Japan of an instant. Japan has used UTC+9 without daylight saving since
 * 1951, so the conversion is a fixed offset and needs no time-zone database. Part of the
 * fiscal-year rules (fiscal-year.ts re-exports it), kept apart so that the resident list's
 * start-up code carries only this.
 */

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The Asia/Tokyo calendar date (`YYYY-MM-DD`) of an instant. */
export function tokyoDateOf(instant: Date | number): string {
	const t = typeof instant === 'number' ? instant : instant.getTime();
	if (!Number.isFinite(t)) throw new RangeError('invalid instant');
	const d = new Date(t + JST_OFFSET_MS);
	return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Today's date in Japan (the app's calendar), as `YYYY-MM-DD`. */
export function todayInJapan(now: number = Date.now()): string {
	return tokyoDateOf(now);
}
