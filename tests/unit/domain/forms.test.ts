import { describe, expect, it } from 'vitest';
import {
	emptyPlaceDraft,
	placeCategoryChoices,
	validatePlaceDraft
} from '#lib/domain/forms/place-form.js';
import { emptySessionDraft, validateSessionDraft } from '#lib/domain/forms/session-form.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';

const { pack, geometry } = tsurugashimaPack();
const city = { boundary: geometry.boundary, districtIds: pack.districts.map((d) => d.id) };
const NOW = Date.parse('2024-06-15T03:00:00Z'); // 12:00 in Japan

describe('place registration form', () => {
	it('needs a name and a district, and refuses a location outside the city', () => {
		const draft = { ...emptyPlaceDraft(), point: { lng: 139.7671, lat: 35.6812 } };
		const result = validatePlaceDraft(draft, city);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.name?.key).toBe('error.required');
		expect(result.errors.districtId?.key).toBe('error.required');
		expect(result.errors.point?.key).toBe('error.outsideCity');
	});

	it('keeps exactly what was typed when it is rejected', () => {
		const draft = {
			...emptyPlaceDraft(),
			name: '  いきいきサロン  ',
			fee: '100円',
			contact: '049-000-0000'
		};
		const before = structuredClone(draft);
		const result = validatePlaceDraft(draft, city);
		expect(result.ok).toBe(false); // no district, contact without consent
		if (!result.ok) expect(result.errors.contactConsent?.key).toBe('form.contactNeedsConsent');
		expect(draft).toEqual(before);
	});

	it('turns a valid draft into fields with a schedule rule and trimmed text', () => {
		const draft = {
			...emptyPlaceDraft(),
			name: ' テストサロン ',
			districtId: 'fuji',
			point: { lng: 139.404, lat: 35.933 },
			nths: [4, 2],
			weekday: 2
		};
		const result = validatePlaceDraft(draft, city);
		expect(result).toMatchObject({
			ok: true,
			value: {
				name: 'テストサロン',
				districtId: 'fuji',
				scheduleRule: { kind: 'monthly', nths: [2, 4], weekday: 2, start: '10:00', end: '12:00' },
				contact: null,
				address: null
			}
		});
	});

	it('asks no district in a city without districts: the place is city-wide', () => {
		const draft = { ...emptyPlaceDraft(), name: 'テストサロン（生成）', nths: [1] };
		const cityWide = { boundary: null, districtIds: [] };
		const result = validatePlaceDraft(draft, cityWide);
		expect(result).toMatchObject({ ok: true, value: { districtId: null } });
		// A district left over in the draft is not sent to a city that has none.
		const leftover = validatePlaceDraft({ ...draft, districtId: 'fuji' }, cityWide);
		expect(leftover).toMatchObject({ ok: true, value: { districtId: null } });
	});

	it('checks the schedule: a day to meet and an end after the start', () => {
		const weekly = {
			...emptyPlaceDraft(),
			name: 'x',
			districtId: 'fuji',
			scheduleKind: 'weekly' as const,
			end: '09:00'
		};
		const result = validatePlaceDraft(weekly, city);
		expect(result.ok ? {} : result.errors).toMatchObject({
			weekdays: { key: 'error.chooseOne' },
			end: { key: 'error.endBeforeStart' }
		});
	});
});

describe('place categories offered', () => {
	it('offers ふれあいサービス to coordinators and staff registering, never to an organiser', () => {
		expect(placeCategoryChoices('organizer')).toEqual(['salon', 'kids-salon', 'gathering']);
		for (const role of ['coordinator', 'staff', 'admin'] as const) {
			expect(placeCategoryChoices(role)).toContain('fureai-service');
		}
	});

	it('keeps a place being edited on its side of the ふれあいサービス line', () => {
		expect(placeCategoryChoices('staff', 'salon')).toEqual(['salon', 'kids-salon', 'gathering']);
		expect(placeCategoryChoices('coordinator', 'fureai-service')).toEqual(['fureai-service']);
	});
});

describe('session log form', () => {
	const base = { ...emptySessionDraft('place-1', '2024-06-11'), total: '12', volunteers: '3' };

	it('accepts full-width digits and an optional breakdown', () => {
		const result = validateSessionDraft({ ...base, total: '１２', men: '5', women: '7' }, NOW);
		expect(result).toMatchObject({
			ok: true,
			value: { participants: { total: 12, men: 5, women: 7 } }
		});
	});

	it.each([
		[{ total: '-1' }, 'total', 'error.notANumber'],
		[{ total: '' }, 'total', 'error.required'],
		[{ total: '9999' }, 'total', 'error.tooMany'],
		[{ men: '8', women: '8' }, 'men', 'error.breakdownExceedsTotal'],
		[{ children: '13' }, 'children', 'error.breakdownExceedsTotal'],
		[{ firstTimers: '20' }, 'firstTimers', 'error.firstTimersExceedTotal'],
		[{ date: '2024-02-30' }, 'date', 'error.invalidDate'],
		[{ date: '2024-06-16' }, 'date', 'error.futureDate'],
		[{ hours: '1.3' }, 'hours', 'error.notANumber'],
		[{ placeId: '' }, 'placeId', 'error.required']
	])('%o → %s: %s', (patch, field, key) => {
		const draft = { ...base, ...patch };
		const before = structuredClone(draft);
		const result = validateSessionDraft(draft, NOW);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[field as keyof typeof result.errors]?.key).toBe(key);
		expect(draft).toEqual(before); // what was typed is kept
	});

	it('today in Japan is allowed even when it is still yesterday in UTC', () => {
		const earlyMorningJst = Date.parse('2024-06-14T16:30:00Z'); // 01:30 on 6/15 in Japan
		expect(validateSessionDraft({ ...base, date: '2024-06-15' }, earlyMorningJst).ok).toBe(true);
	});
});
