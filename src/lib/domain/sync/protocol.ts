/**
 * The sync protocol, declared once and validated on both ends (zod). Versioned: the server
 * answers each of SUPPORTED_PROTOCOLS in that version's terms and refuses any other with the
 * reason `unsupported_protocol`; a client refuses an answer of another version than its own.
 *
 * Push: the client sends ops from its outbox; the server answers per op (applied, rejected
 * with a reason, or conflict), so one bad op never blocks the queue. Ops are idempotent by
 * opId: the same op again is a no-op, the same opId with a different body is a conflict.
 * Pull: changes after a cursor, in commit order, paged; deletes arrive as tombstones, and
 * records that left the reader's view as `gone` changes.
 */
import { z } from 'zod';
import { ACCESSIBILITY_IDS, ACTIVITY_KINDS, AUDIENCE_IDS, CATEGORY_IDS } from '../model';
import { LIMITS, MEETING_KINDS, TALLY_GROUPS, isCalendarDate } from '../records';
import { UUID_PATTERN } from './uuid';
import { isStorableText, PLACE_ID_PATTERN } from '../text-safety';
import {
	indicatorValueSchema,
	periodRefSchema,
	sourceSchema,
	TEXT_LIMITS
} from '../indicators/model';

/**
 * 2: a reset names the purge line it was issued for, and a re-pull sends it back (a re-pull
 *    that the purge line has since passed starts over); a pull may carry `gone` changes (an
 *    entity left the reader's view) and names the reader's view (a device whose view changed
 *    starts over).
 * 3: pulls carry the `evaluation` entity (staff evaluations of the plan's indicators). An app
 *    of protocol 2 does not know it: its pulls leave such changes out, and the view names the
 *    protocol from 3 on, so an app that updates from 2 starts over once and gets them.
 * The server still answers older clients in their own terms, until they update; any other
 * number is refused with `unsupported_protocol`.
 */
export const PROTOCOL_VERSION = 3;
export const SUPPORTED_PROTOCOLS = [1, 2, 3] as const;
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOLS)[number];
export const isSupportedProtocol = (v: unknown): v is ProtocolVersion =>
	SUPPORTED_PROTOCOLS.includes(v as ProtocolVersion);
/** Ops per push request; a longer outbox goes out in several requests. */
export const MAX_OPS_PER_PUSH = 200;
/** Request body limit for every JSON endpoint (documented in docs/api.md). */
export const MAX_BODY_BYTES = 512 * 1024;
export const MAX_PULL_LIMIT = 1000;

const uuid = z.string().regex(UUID_PATTERN, 'uuid');
const hlc = z.string().regex(/^\d{16}-[0-9a-z]{4}-[0-9a-f-]{36}$/, 'hlc');
const date = z.string().refine(isCalendarDate, 'calendar_date');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time');
const storable = z.string().refine(isStorableText, 'unstorable_text');
const text = (max: number = LIMITS.text) => storable.trim().min(1).max(max);
const optionalText = (max: number = LIMITS.text) => storable.trim().max(max).nullable();
const placeId = z.string().regex(PLACE_ID_PATTERN, 'place_id');
const count = (max: number) => z.number().int().min(0).max(max);
const districtId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'district_id');

export const scheduleRuleSchema = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('weekly'),
		weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
		start: time,
		end: time
	}),
	z.strictObject({
		kind: z.literal('monthly'),
		nths: z.array(z.number().int().min(1).max(5)).min(1).max(5),
		weekday: z.number().int().min(0).max(6),
		start: time,
		end: time
	})
]);

/** Fields a person may set on a place they registered. All optional in an edit. */
export const placeFieldsSchema = z.strictObject({
	name: text(),
	/** ふりがな of the name, as its organizer wrote it: search matches how a name sounds. */
	reading: optionalText().optional(),
	category: z.enum([
		'salon',
		'kids-salon',
		'gathering',
		'fureai-service'
	] as const satisfies readonly (typeof CATEGORY_IDS)[number][]),
	point: z
		.strictObject({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
		.nullable(),
	districtId: districtId.nullable(),
	address: optionalText(),
	scheduleRule: scheduleRuleSchema.nullable(),
	scheduleNote: optionalText(),
	/**
	 * Single scheduled dates the salon does not meet (休止 on 12月9日): one field holding the
	 * list, so marking a date off is an edit like any other and merges last-writer-wins.
	 */
	offDates: z
		.array(date)
		.max(LIMITS.offDates)
		.refine((d) => new Set(d).size === d.length, { message: 'duplicate_date' })
		.optional(),
	audience: z.array(z.enum(AUDIENCE_IDS)).max(AUDIENCE_IDS.length),
	accessibility: z.array(z.enum(ACCESSIBILITY_IDS)).max(ACCESSIBILITY_IDS.length),
	/** Kinds of activity (the 通いの場 survey's): live fields, like audience. */
	activityKinds: z.array(z.enum(ACTIVITY_KINDS)).max(ACTIVITY_KINDS.length).optional(),
	/**
	 * 登録者数 per fiscal year ("2025": 18): a count the organizer states once a year, never
	 * names. One field holding every year, so a year's figure stays when the next is stated.
	 */
	registeredMembers: z
		.record(z.string().regex(/^20\d\d$/), z.number().int().min(0).max(LIMITS.registeredMembers))
		.refine((years) => Object.keys(years).length <= 30, { message: 'too_many_years' })
		.optional(),
	fee: optionalText(),
	contact: optionalText(),
	contactConsent: z.boolean(),
	status: z.enum(['active', 'paused', 'closed'])
});
export type PlaceFields = z.infer<typeof placeFieldsSchema>;
/** districtId only where the place's city has districts (a city without them is city-wide). */
export const REQUIRED_NEW_PLACE_FIELDS = ['name', 'category', 'districtId'] as const;

const envelope = { opId: uuid, deviceId: uuid, at: hlc };

export const placeUpsertOp = z.strictObject({
	...envelope,
	kind: z.literal('place.upsert'),
	placeId: uuid,
	packId: z.string().regex(/^[a-z0-9-]{1,40}$/),
	fields: placeFieldsSchema.partial()
});

export const placeModerateOp = z.strictObject({
	...envelope,
	kind: z.literal('place.moderate'),
	placeId,
	decision: z.enum(['approve', 'return']),
	reason: optionalText(LIMITS.longText)
});

export const sessionRecordOp = z.strictObject({
	...envelope,
	kind: z.literal('session.record'),
	sessionId: uuid,
	version: z.number().int().min(1).max(10_000),
	placeId,
	date,
	participants: z.strictObject({
		total: count(LIMITS.participants),
		men: count(LIMITS.participants).optional(),
		women: count(LIMITS.participants).optional(),
		children: count(LIMITS.participants).optional()
	}),
	volunteers: count(LIMITS.volunteers),
	firstTimers: count(LIMITS.participants),
	hours: z.number().min(0).max(LIMITS.hours).multipleOf(0.25).nullable(),
	deleted: z.boolean()
});

export const meetingUpsertOp = z.strictObject({
	...envelope,
	kind: z.literal('meeting.upsert'),
	meetingId: uuid,
	/**
	 * The city a new meeting belongs to. Optional: without it, the city whose districts the
	 * meeting names, or for a city-wide meeting (no district) the server's default city.
	 */
	packId: z
		.string()
		.regex(/^[a-z0-9-]{1,40}$/)
		.optional(),
	fields: z
		.strictObject({
			meetingKind: z.enum(MEETING_KINDS),
			districtIds: z.array(districtId).max(20),
			date,
			venue: text(),
			closed: z.boolean(),
			cancelled: z.boolean()
		})
		.partial()
});

export const tallySetOp = z.strictObject({
	...envelope,
	kind: z.literal('tally.set'),
	tallyId: uuid,
	meetingId: uuid,
	version: z.number().int().min(1).max(1_000_000),
	counts: z.partialRecord(z.enum(TALLY_GROUPS), count(LIMITS.tallyGroup)),
	organisations: z.array(text()).max(LIMITS.organisations)
});

export const teamRecordOp = z.strictObject({
	...envelope,
	kind: z.literal('team.record'),
	teamId: uuid,
	version: z.number().int().min(1).max(10_000),
	districtId,
	formedOn: date,
	members: count(LIMITS.teamMembers),
	childrenTakePart: z.boolean(),
	linkedToEvacuationPlan: z.boolean(),
	deleted: z.boolean()
});

/**
 * A yearly figure of a plan indicator entered by staff (or a computed figure they adopt).
 * Every entry is kept; the one with the latest stamp is the year's record. The value's fit to
 * the indicator's shape is checked by the server against the plan (the schema cannot know it).
 */
export const indicatorRecordOp = z.strictObject({
	...envelope,
	kind: z.literal('indicator.record'),
	entryId: uuid,
	planId: z.string().regex(/^[a-z0-9-]{1,40}$/),
	indicatorNumber: z.number().int().min(1).max(999),
	fiscalYear: z.number().int().min(2000).max(2100),
	value: indicatorValueSchema,
	activities: storable.max(TEXT_LIMITS.long),
	source: sourceSchema,
	dataYear: periodRefSchema.optional(),
	note: optionalText(LIMITS.longText)
});

/**
 * A staff evaluation of an indicator's fiscal year (成果, 課題, mark, direction, reason; the
 * department that gives it). Every evaluation is kept; the one with the latest stamp is the
 * year's. What must be filled in (evaluationIssues) and the year are checked by the server
 * against the plan.
 */
export const indicatorEvaluateOp = z.strictObject({
	...envelope,
	kind: z.literal('indicator.evaluate'),
	evaluationId: uuid,
	planId: z.string().regex(/^[a-z0-9-]{1,40}$/),
	indicatorNumber: z.number().int().min(1).max(999),
	fiscalYear: z.number().int().min(2000).max(2100),
	results: optionalText(TEXT_LIMITS.long),
	issues: optionalText(TEXT_LIMITS.long),
	// Codes of the plan's own vocabulary (plan.json `evaluation`), checked by the server against
	// the plan: a city names its marks and directions, not the protocol.
	mark: z
		.string()
		.regex(/^[^\s]{1,16}$/)
		.nullable(),
	direction: z
		.string()
		.regex(/^[^\s]{1,16}$/)
		.nullable(),
	reason: optionalText(TEXT_LIMITS.long),
	department: text(TEXT_LIMITS.short)
});

export const opSchema = z.discriminatedUnion('kind', [
	placeUpsertOp,
	placeModerateOp,
	sessionRecordOp,
	meetingUpsertOp,
	tallySetOp,
	teamRecordOp,
	indicatorRecordOp,
	indicatorEvaluateOp
]);
export type Op = z.infer<typeof opSchema>;
export type OpKind = Op['kind'];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

export const pushRequestSchema = z.strictObject({
	// Checked against SUPPORTED_PROTOCOLS by the endpoint, which answers `unsupported_protocol`.
	protocol: z.number().int(),
	deviceId: uuid,
	// Ops are validated one by one, so one malformed op is rejected alone.
	ops: z.array(z.unknown()).min(1).max(MAX_OPS_PER_PUSH)
});
export type PushRequest = { protocol: ProtocolVersion; deviceId: string; ops: Op[] };

export const OP_STATUSES = ['applied', 'rejected', 'conflict'] as const;
export type OpStatus = (typeof OP_STATUSES)[number];

export {
	REASONS,
	RETRYABLE_REASONS,
	isRetryableReason,
	type Reason,
	type RetryableReason
} from './reasons';
import type { Reason } from './reasons';

export interface OpResult {
	opId: string;
	status: OpStatus;
	reason?: Reason;
	details?: unknown;
}

export interface PushResponse {
	/** The request's protocol. */
	protocol: ProtocolVersion;
	results: OpResult[];
}

export const ENTITIES = [
	'place',
	'session',
	'meeting',
	'tally',
	'team',
	'indicator',
	'evaluation'
] as const;
export type Entity = (typeof ENTITIES)[number];

/**
 * The protocol that introduced each entity added after protocol 1. A pull in an older protocol
 * leaves these changes out: an app that does not know an entity could not store it.
 */
const ENTITY_SINCE: Partial<Record<Entity, ProtocolVersion>> = { evaluation: 3 };
export const isEntityKnownTo = (entity: Entity, protocol: ProtocolVersion): boolean =>
	protocol >= (ENTITY_SINCE[entity] ?? 1);

export interface Change {
	seq: number;
	entity: Entity;
	id: string;
	/** The entity's canonical state (a deleted session or team: its deleting version). */
	data: unknown;
	deleted: boolean;
	/**
	 * The entity's city (pack id). A device of an account holding several cities lists each
	 * city's records apart (a city-wide meeting names no district to tell its city by). Absent
	 * from servers before it: optional.
	 */
	city?: string;
	/**
	 * Protocol 2: the entity left this reader's view (its audience changed: a salon closed, a
	 * meeting or salon moved to other districts). `data` is null and `deleted` true; a device
	 * drops its copy.
	 */
	gone?: true;
}

export interface PullResponse {
	/** The request's protocol. */
	protocol: ProtocolVersion;
	changes: Change[];
	/** The cursor to send next time: the seq of the last change in this page, or the old one. */
	cursor: number;
	hasMore: boolean;
	/** The client's cursor is older than the oldest kept tombstone: drop local copies, pull from 0. */
	reset: boolean;
	/** With `reset`: the purge line it was issued for; the re-pull sends it back. */
	purgedThrough?: number;
	/** Protocol 2: names what this account may see; the device sends it back with each pull. */
	view?: string;
}

/**
 * The server's answers as a device checks them before acting on them (an answer that does not
 * match is a transport failure, retried later, never a crash). Lenient where a newer server may
 * say more than this app knows: unknown fields are dropped, and a reason code this app does not
 * know is kept as text (shown as the code). `PushResponse` and `PullResponse` above are what
 * this server sends; they satisfy these schemas (checked below).
 */
export const opResultSchema = z.object({
	opId: z.string().max(100),
	status: z.enum(OP_STATUSES),
	reason: z
		.string()
		.regex(/^[a-z_]{1,60}$/)
		.optional(),
	details: z.unknown().optional()
});
export const pushResponseSchema = z.object({
	protocol: z.number().int(),
	results: z.array(opResultSchema).max(MAX_OPS_PER_PUSH)
});
export type PushAnswer = z.infer<typeof pushResponseSchema>;

export const changeSchema = z.object({
	seq: z.number().int().min(0),
	entity: z.enum(ENTITIES),
	id: z.string().min(1).max(200),
	data: z.unknown(),
	deleted: z.boolean(),
	city: z.string().max(64).optional(),
	gone: z.literal(true).optional()
});
export const pullResponseSchema = z.object({
	protocol: z.number().int(),
	changes: z.array(changeSchema).max(MAX_PULL_LIMIT),
	cursor: z.number().int().min(0),
	hasMore: z.boolean(),
	reset: z.boolean(),
	purgedThrough: z.number().int().min(0).optional(),
	view: z.string().max(100).optional()
});
export type PullAnswer = z.infer<typeof pullResponseSchema>;

// What the server sends must be what a device accepts (a compile-time check).
type Assignable<A extends B, B> = A;
export type _ServerAnswersFit = [
	Assignable<PushResponse, PushAnswer>,
	Assignable<PullResponse, PullAnswer>
];

/** A pull as a client asks it (over HTTP: the query string, with `protocol`). */
export interface PullRequest {
	since: number;
	limit: number;
	/** Set while re-pulling from 0 after a reset: its page cursors may sit below the purge line. */
	resync?: boolean;
	/** With `resync` (protocol 2): the `purgedThrough` of the reset that started the re-pull. */
	purgedThrough?: number;
	/** Protocol 2: the `view` of the last page applied; another view now means a reset. */
	view?: string;
}

const seq = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const pullQuerySchema = z
	.strictObject({
		// Protocol 1 clients do not send it. Checked against SUPPORTED_PROTOCOLS by the endpoint.
		protocol: z.coerce.number().int().default(1),
		since: seq,
		limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
		resync: z.enum(['0', '1']).default('0'),
		purgedThrough: seq.optional(),
		view: z
			.string()
			.regex(/^[0-9a-f]{16}$/)
			.optional()
	})
	.transform(({ resync, ...query }) => ({ ...query, resync: resync === '1' }));

/** Validation issues as `{ path, code }` pairs: enough to point at a field, no echo of input. */
export function describeIssues(error: z.ZodError): { path: string; code: string }[] {
	return error.issues.slice(0, 10).map((i) => ({
		path: i.path.join('.'),
		code: i.message && /^[a-z_]+$/.test(i.message) ? i.message : i.code
	}));
}
