/** Test-data factories: generated fixtures, never real people or invented real places. */
import type { Place } from '#lib/domain/model.js';
import type { Meeting, SessionRecord, Tally } from '#lib/domain/records.js';

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

/** A session as stored (the latest version of a salon's meeting): 12 people, generated. */
export function makeSessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
	seq += 1;
	return {
		sessionId: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
		version: 1,
		placeId: 'generated-salon',
		date: '2024-06-04',
		participants: { total: 12 },
		volunteers: 3,
		firstTimers: 0,
		hours: 2,
		deleted: false,
		...overrides
	};
}

/** A district's area meeting (地域別懇談会) at a generated venue. */
export function makeMeeting(overrides: Partial<Meeting> = {}): Meeting {
	seq += 1;
	return {
		meetingId: `00000000-0000-7000-9000-${String(seq).padStart(12, '0')}`,
		meetingKind: 'area-meeting',
		districtIds: ['fuji'],
		date: '2024-06-10',
		venue: 'テスト会場（生成）',
		closed: false,
		...overrides
	};
}

/** One device's tally of a meeting: five residents. */
export function makeTally(meetingId: string, overrides: Partial<Tally> = {}): Tally {
	seq += 1;
	return {
		tallyId: `00000000-0000-7000-a000-${String(seq).padStart(12, '0')}`,
		meetingId,
		deviceId: `generated-device-${seq}`,
		version: 1,
		counts: { residents: 5 },
		organisations: [],
		...overrides
	};
}
