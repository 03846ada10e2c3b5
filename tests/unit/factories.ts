/** Test-data factories: generated fixtures, never real people or invented real places. */
import type { Place } from '#lib/domain/model.js';

let seq = 0;

export function makePlace(overrides: Partial<Place> = {}): Place {
	seq += 1;
	return {
		id: `test-place-${seq}`,
		categories: ['salon'],
		name: `テスト用サロン${seq}`,
		point: { lng: 139.39, lat: 35.935 },
		districtIds: [],
		districtSource: 'unknown',
		address: null,
		areaText: null,
		scheduleText: null,
		audience: [],
		accessibility: [],
		contact: null,
		shelter: null,
		notes: [],
		status: 'active',
		moderation: 'approved',
		origin: 'sample',
		sourceId: null,
		...overrides
	};
}
