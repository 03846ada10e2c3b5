/**
 * Open data carries what an organizer entered for visitors (fee, audience, accessibility,
 * contact given with consent, 休止); a place with none of it has empty cells, not made-up ones.
 * The places are generated test data.
 */
import { describe, expect, it } from 'vitest';
import type { PlacePack } from '#lib/domain/model.js';
import { placeView } from '#lib/domain/sync/place-fields.js';
import { CSV_COLUMNS, placesToCsv, placesToGeoJson } from '#lib/server/open-data.js';
import { makePlace } from '../factories';

const salon = makePlace({
	fee: '100円',
	audience: ['elderly', 'anyone'],
	accessibility: ['step-free', 'parking'],
	contact: '049-000-0000（テスト用）',
	status: 'paused'
});
const bare = makePlace();
const pack = {
	id: 'test',
	districts: [],
	places: [salon, bare]
} as unknown as PlacePack;

function csvRows(): Record<string, string>[] {
	const [header, ...rows] = placesToCsv(pack, pack.places)
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split('\r\n')
		.map((line) => line.split(','));
	return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('open data: what visitors need', () => {
	it('CSV has fee, audience, accessibility, contact and status columns', () => {
		expect(CSV_COLUMNS).toEqual(
			expect.arrayContaining(['fee', 'audience', 'accessibility', 'contact', 'status'])
		);
		const [row, empty] = csvRows();
		expect(row).toMatchObject({
			fee: '100円',
			audience: 'elderly anyone',
			accessibility: 'step-free parking',
			contact: '049-000-0000（テスト用）',
			status: 'paused'
		});
		expect(empty).toMatchObject({ fee: '', audience: '', accessibility: '', contact: '' });
	});

	it('GeoJSON has the same as properties', () => {
		const [f] = placesToGeoJson(pack, pack.places, null).features;
		expect(f!.properties).toMatchObject({
			fee: '100円',
			audience: ['elderly', 'anyone'],
			accessibility: ['step-free', 'parking'],
			contact: '049-000-0000（テスト用）',
			status: 'paused'
		});
	});

	it('a contact entered without consent never reaches open data', () => {
		const place = placeView({
			id: 'test-place-consent',
			ownerId: null,
			moderation: 'approved',
			moderationNote: null,
			fields: {
				name: { value: 'テスト用サロン（生成）', at: '1' },
				contact: { value: '049-000-0000（テスト用）', at: '1' },
				contactConsent: { value: false, at: '1' }
			}
		});
		const [f] = placesToGeoJson(pack, [place], null).features;
		expect(f!.properties.contact).toBeNull();
	});
});
