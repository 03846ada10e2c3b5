/**
 * A resident who knows how a name sounds finds it: ふじ finds a place whose ふりがな (entered by
 * its organizer, kept as a place field) starts with ふじ, in hiragana, katakana or half width.
 * The places are generated test data.
 */
import { describe, expect, it } from 'vitest';
import { validatePlaceDraft, emptyPlaceDraft } from '#lib/domain/forms/place-form.js';
import { indexPlaces, runPlaceQuery, EMPTY_QUERY } from '#lib/domain/place-query.js';
import { placeView } from '#lib/domain/sync/place-fields.js';
import { makePlace } from '../factories';

const withReading = makePlace({ name: 'テスト用 藤見サロン（生成）', reading: 'ふじみさろん' });
const without = makePlace({ name: 'テスト用 別サロン（生成）' });
const index = indexPlaces([withReading, without], new Map());
const names = (text: string) =>
	runPlaceQuery(index, { ...EMPTY_QUERY, text }).map((h) => h.place.name);

describe('search by reading', () => {
	it.each(['ふじ', 'フジ', 'ﾌｼﾞ', 'ふじみ さろん'])('%s finds the place read ふじみさろん', (q) => {
		expect(names(q)).toEqual([withReading.name]);
	});

	it('a reading typed in the form reaches the place residents search', () => {
		const draft = { ...emptyPlaceDraft(), name: 'テスト用（生成）', districtId: 'd1' };
		const result = validatePlaceDraft(
			{ ...draft, scheduleKind: 'none', reading: ' ふじみ ' },
			{ boundary: null, districtIds: ['d1'] }
		);
		if (!result.ok) throw new Error('draft should be valid');
		expect(result.value.reading).toBe('ふじみ');
		const place = placeView({
			id: 'test-place-reading',
			ownerId: null,
			moderation: 'approved',
			moderationNote: null,
			fields: Object.fromEntries(
				Object.entries(result.value).map(([k, v]) => [k, { value: v, at: '1' }])
			)
		});
		expect(place.reading).toBe('ふじみ');
	});
});
