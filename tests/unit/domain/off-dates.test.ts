/**
 * 休止 on one date (12月9日 休み): the organizer ticks a scheduled date in the place form; it
 * travels in the same place edit as any other field, and residents see it struck in the next
 * dates (and as a cancelled event in the page's structured data). Generated test data only.
 */
import { describe, expect, it } from 'vitest';
import {
	draftFromFields,
	emptyPlaceDraft,
	validatePlaceDraft
} from '#lib/domain/forms/place-form.js';
import { publicPlaceView } from '#lib/domain/model.js';
import { nextMeetings, toggleOffDate } from '#lib/domain/schedule.js';
import { placeJsonLd } from '#lib/domain/structured-data.js';
import { placeFieldsSchema } from '#lib/domain/sync/protocol.js';
import { placeView } from '#lib/domain/sync/place-fields.js';
import { loadCatalog, loadResidentPages, translator } from '#lib/i18n/messages.js';
import { dateText, meetingText } from '#lib/i18n/when-text.js';
import { makePlace } from '../factories';

// 休み is a place-page string: it loads with the place page (loadResidentPages).
await Promise.all([loadCatalog('en'), loadResidentPages()]);
const city = { boundary: null, districtIds: [] };
const rule = {
	kind: 'monthly' as const,
	nths: [2, 4],
	weekday: 2,
	start: '10:00',
	end: '12:00'
};

describe('marking a single date off', () => {
	it('ticks and unticks a date, sorted; keeps last fiscal year’s for the yearly report', () => {
		let off = toggleOffDate([], '2026-12-22', '2026-12-07');
		off = toggleOffDate(off, '2026-12-08', '2026-12-07');
		expect(off).toEqual(['2026-12-08', '2026-12-22']);
		expect(toggleOffDate(off, '2026-12-08', '2026-12-07')).toEqual(['2026-12-22']);
		// FY2026 began 2026-04-01: the year before (from 2025-04-01) stays, older dates go.
		expect(
			toggleOffDate(['2025-03-25', '2025-04-08', '2026-12-22'], '2027-01-12', '2026-12-07')
		).toEqual(['2025-04-08', '2026-12-22', '2027-01-12']);
	});

	it('the form sends the dates off with the rule, and none without a rule', () => {
		const draft = {
			...draftFromFields({ scheduleRule: rule, offDates: ['2026-12-08'] }, '2026-12-07'),
			name: 'テスト用サロン（生成）'
		};
		expect(draft.offDates).toEqual(['2026-12-08']);
		const r = validatePlaceDraft(draft, city);
		expect(r.ok && r.value.offDates).toEqual(['2026-12-08']);
		const none = validatePlaceDraft({ ...draft, scheduleKind: 'none' }, city);
		expect(none.ok && none.value.offDates).toEqual([]);
		expect(emptyPlaceDraft('2026-12-07').offDates).toEqual([]);
	});

	it('the place edit accepts calendar dates only, each once, at most 250', () => {
		const parse = (offDates: unknown) =>
			placeFieldsSchema.partial().safeParse({ offDates }).success;
		expect(parse(['2026-12-08', '2026-12-22'])).toBe(true);
		expect(parse(['2026-02-30'])).toBe(false);
		expect(parse(['12月9日'])).toBe(false);
		expect(parse(['2026-12-08', '2026-12-08'])).toBe(false);
		const many = Array.from({ length: 251 }, (_, i) =>
			new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10)
		);
		expect(parse(many)).toBe(false);
		expect(parse(many.slice(0, 250))).toBe(true);
	});

	it('residents get the dates off in the place they see', () => {
		const at = '0000000000000001-0000-gen';
		const place = placeView({
			id: 'generated',
			ownerId: null,
			moderation: 'approved',
			moderationNote: null,
			fields: {
				name: { value: 'テスト用サロン（生成）', at },
				category: { value: 'salon', at },
				scheduleRule: { value: rule, at },
				offDates: { value: ['2026-12-08'], at }
			}
		});
		expect(publicPlaceView(place).offDates).toEqual(['2026-12-08']);
	});

	it('words a date off as 休み, struck on the page, in both languages', () => {
		const when = nextMeetings(
			makePlace({ status: 'active', scheduleRule: rule, offDates: ['2026-12-08'] }),
			'2026-12-07',
			2
		);
		if (when.kind !== 'dates') throw new Error('expected dates');
		const [off, ...held] = when.dates;
		expect(off).toEqual({ date: '2026-12-08', holiday: null, off: true });
		const ja = translator('ja');
		expect(`${dateText(ja, off!)} ${ja('when.off')}`).toBe('12月8日(火) 休み');
		expect(ja('when.offOn', { date: dateText(ja, off!) })).toBe('12月8日(火)は休み');
		expect(held.map((o) => meetingText(ja, o, when.start, when.end))).toEqual([
			'12月22日(火) 10:00–12:00',
			'1月12日(火) 10:00–12:00'
		]);
		const en = translator('en');
		expect(en('when.offOn', { date: dateText(en, off!) })).toBe('No meeting on Tue 12/8');
	});

	it('the structured data marks the date off as a cancelled event', () => {
		const ld = placeJsonLd(
			makePlace({ status: 'active', scheduleRule: rule, offDates: ['2026-12-08'] }),
			{ today: '2026-12-07', municipality: '鶴ヶ島市' }
		) as { '@graph': { '@type': string; startDate?: string; eventStatus?: string }[] };
		const events = ld['@graph'].filter((n) => n['@type'] === 'Event');
		expect(events.map((e) => [e.startDate?.slice(0, 10), e.eventStatus?.split('/').pop()])).toEqual(
			[
				['2026-12-08', 'EventCancelled'],
				['2026-12-22', 'EventScheduled'],
				['2027-01-12', 'EventScheduled'],
				['2027-01-26', 'EventScheduled']
			]
		);
	});
});
