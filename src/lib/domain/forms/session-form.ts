/** The session log form: counts as typed, validated with the server's own limits. */
import { todayInJapan } from '../fiscal-year';
import { isCalendarDate, LIMITS } from '../records';
import { parseCount, type FieldErrors, type FormResult } from './field-errors';

export interface SessionDraft {
	placeId: string;
	date: string;
	total: string;
	men: string;
	women: string;
	children: string;
	volunteers: string;
	firstTimers: string;
	hours: string;
}
export type SessionDraftField = keyof SessionDraft;

export interface SessionValues {
	placeId: string;
	date: string;
	participants: { total: number; men?: number; women?: number; children?: number };
	volunteers: number;
	firstTimers: number;
	hours: number | null;
}

export const emptySessionDraft = (placeId = '', date = ''): SessionDraft => ({
	placeId,
	date,
	total: '0',
	men: '',
	women: '',
	children: '',
	volunteers: '0',
	firstTimers: '0',
	hours: ''
});

export function validateSessionDraft(
	d: SessionDraft,
	now = Date.now()
): FormResult<SessionValues, SessionDraftField> {
	const errors: FieldErrors<SessionDraftField> = {};
	if (!d.placeId) errors.placeId = { key: 'error.required' };
	if (!isCalendarDate(d.date)) errors.date = { key: 'error.invalidDate' };
	else if (d.date > todayInJapan(now)) errors.date = { key: 'error.futureDate' };

	const counts: Partial<Record<SessionDraftField, number | null>> = {};
	const limits: [SessionDraftField, number, boolean][] = [
		['total', LIMITS.participants, true],
		['men', LIMITS.participants, false],
		['women', LIMITS.participants, false],
		['children', LIMITS.participants, false],
		['volunteers', LIMITS.volunteers, true],
		['firstTimers', LIMITS.participants, true]
	];
	for (const [field, max, required] of limits) {
		const n = parseCount(d[field]);
		if (n === 'invalid') errors[field] = { key: 'error.notANumber' };
		else if (n === null && required) errors[field] = { key: 'error.required' };
		else if (n !== null && n > max) errors[field] = { key: 'error.tooMany', params: { max } };
		else counts[field] = n;
	}
	let hours: number | null = null;
	const hoursText = d.hours.normalize('NFKC').trim();
	if (hoursText !== '') {
		const h = Number(hoursText);
		if (!Number.isFinite(h) || h < 0 || Math.round(h * 4) !== h * 4)
			errors.hours = { key: 'error.notANumber' };
		else if (h > LIMITS.hours)
			errors.hours = { key: 'error.tooMany', params: { max: LIMITS.hours } };
		else hours = h;
	}
	const total = counts.total ?? 0;
	if (!errors.men && !errors.women && (counts.men ?? 0) + (counts.women ?? 0) > total) {
		errors.men = { key: 'error.breakdownExceedsTotal' };
	}
	if (!errors.children && (counts.children ?? 0) > total)
		errors.children = { key: 'error.breakdownExceedsTotal' };
	if (!errors.firstTimers && (counts.firstTimers ?? 0) > total) {
		errors.firstTimers = { key: 'error.firstTimersExceedTotal' };
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const participants: SessionValues['participants'] = { total };
	if (counts.men != null) participants.men = counts.men;
	if (counts.women != null) participants.women = counts.women;
	if (counts.children != null) participants.children = counts.children;
	return {
		ok: true,
		value: {
			placeId: d.placeId,
			date: d.date,
			participants,
			volunteers: counts.volunteers ?? 0,
			firstTimers: counts.firstTimers ?? 0,
			hours
		}
	};
}
