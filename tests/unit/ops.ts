/**
 * One place that builds well-formed sync ops for the unit tests (the e2e specs have theirs in
 * tests/e2e/api/accounts.ts, on the same protocol types). Each builder takes the device that
 * makes the op (its envelope: op id, device id, clock stamp) and gives generated test data —
 * テスト用, 生成 — never a real salon, meeting or person. Overrides replace any field.
 */
import type { OpOf } from '#lib/domain/sync/protocol.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';

export interface Envelope {
	opId: string;
	deviceId: string;
	at: string;
}

/**
 * Who makes the op: a device that stamps it now (TestDevice in server/sync-helpers.ts), or the
 * envelope itself, for an op stamped at a chosen moment (`device.envelope(jst('2024-03-31T…'))`).
 */
export type OpMaker = { envelope(): Envelope } | Envelope;

const envelopeOf = (maker: OpMaker): Envelope => ('opId' in maker ? maker : maker.envelope());

/** Overrides without the keys left undefined (`{ sessionId: extra.sessionId }` keeps the default). */
const given = <T extends object>(overrides: T): T =>
	Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as T;

/** place.upsert registering a generated salon (name, category, district; no point). */
export function placeOp(
	device: OpMaker,
	districtId: string,
	overrides: { placeId?: string; packId?: string; fields?: Record<string, unknown> } = {}
) {
	return {
		...envelopeOf(device),
		kind: 'place.upsert' as const,
		placeId: overrides.placeId ?? uuidv7(),
		packId: overrides.packId ?? 'tsurugashima',
		fields: {
			name: 'テスト用サロン（生成）',
			category: 'salon',
			districtId,
			point: null,
			status: 'active',
			...overrides.fields
		}
	};
}

/** session.record: one meeting of a salon, 12 people (generated). */
export function sessionOp(
	device: OpMaker,
	placeId: string,
	overrides: Partial<Omit<OpOf<'session.record'>, 'kind'>> = {}
) {
	return {
		...envelopeOf(device),
		kind: 'session.record' as const,
		sessionId: uuidv7(),
		version: 1,
		placeId,
		date: '2024-06-04',
		participants: { total: 12 } as OpOf<'session.record'>['participants'],
		volunteers: 3,
		firstTimers: 1,
		hours: null as number | null,
		deleted: false,
		...given(overrides)
	};
}

/** meeting.upsert with the given fields (a new meeting needs kind, districts, date, venue). */
export function meetingOp(
	device: OpMaker,
	meetingId: string,
	fields: Record<string, unknown> = {}
) {
	return { ...envelopeOf(device), kind: 'meeting.upsert' as const, meetingId, fields };
}

/** The fields of a new area meeting in the given districts (generated venue). */
export const newMeetingFields = (districtIds: string[], date = '2024-06-04') => ({
	meetingKind: 'area-meeting',
	districtIds,
	date,
	venue: 'テスト会場（生成）',
	closed: false
});

/** tally.set: one phone's count at a meeting. */
export function tallyOp(
	device: OpMaker,
	meetingId: string,
	overrides: Partial<Omit<OpOf<'tally.set'>, 'kind' | 'meetingId'>> = {}
) {
	return {
		...envelopeOf(device),
		kind: 'tally.set' as const,
		tallyId: uuidv7(),
		meetingId,
		version: 1,
		counts: { residents: 5 } as Record<string, number>,
		organisations: [] as string[],
		...given(overrides)
	};
}

/** indicator.record: a staff entry of indicator 3 for FY2024, reported by a department. */
export function indicatorOp(
	device: OpMaker,
	overrides: Partial<Omit<OpOf<'indicator.record'>, 'kind'>> = {}
) {
	return {
		...envelopeOf(device),
		kind: 'indicator.record' as const,
		entryId: uuidv7(),
		planId: 'tsurugashima',
		indicatorNumber: 3,
		fiscalYear: 2024,
		value: { kind: 'number', value: 150 } as OpOf<'indicator.record'>['value'],
		activities: '健康づくりサポーター養成講座を開催（テスト入力）',
		source: {
			kind: 'reported',
			by: '健康長寿課',
			note: '令和6年度 実績報告'
		} as OpOf<'indicator.record'>['source'],
		note: null as string | null,
		...given(overrides)
	};
}
