/**
 * Bad input against every API endpoint that takes input. The contract
 * (src/lib/server/http/read-json.ts, src/lib/domain/sync/protocol.ts):
 * - never a 5xx: wrong content type → 415, over the size limit → 413, not JSON → 400
 *   invalid_json, not the schema's shape (wrong types, unknown fields, invalid dates,
 *   absurd counts) → 400 invalid_body, or per op 'rejected' 'invalid_op' inside a 200 push;
 * - every error body is exactly `{ reason, details }`;
 * - nothing is written on rejection: no session cookie, no account, no change in the pull feed,
 *   no accepted op in the audit trail;
 * - script-like text is stored as text and rendered inert; CSV cells cannot become formulas.
 *
 * Pure API except the rendering test and the login page's lockout message, which use the
 * `page` fixture.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { parseCsvRecords } from '../../src/lib/domain/csv';
import {
	ENTITIES,
	MAX_BODY_BYTES,
	MAX_OPS_PER_PUSH,
	SUPPORTED_PROTOCOLS
} from '../../src/lib/domain/sync/protocol';
import {
	anonymous,
	auditEntries,
	baseURLOf,
	closeRegisteredPlaces,
	createAccount,
	createAndSignIn,
	currentCursor,
	Device,
	editPlace,
	entityIdOf,
	expectApiError,
	futureDate,
	indicatorEvaluate,
	indicatorRecord,
	meetingUpsert,
	moderatePlace,
	newPlace,
	PROTOCOL,
	pullAll,
	push,
	pushOne,
	pushOps,
	sessionRecord,
	signIn,
	signInAdmin,
	tallySet,
	teamRecord,
	TEST_PASSWORD,
	uniqueEmail,
	uuidv7,
	type TestAccount
} from './api/accounts';
import { postChunkedAndHold } from './api/raw-http';
import { routeCoverage } from './api/routes';

const EVIL_ORIGIN = 'http://evil.example';

interface World {
	baseURL: string;
	resident: APIRequestContext;
	admin: APIRequestContext;
	staff: APIRequestContext;
	/** Coordinator of fuji. */
	coordinator: APIRequestContext;
	organizer: APIRequestContext;
	organizerAccount: TestAccount;
	/** An approved place registered by staff in fuji. */
	placeId: string;
	/** A fuji meeting created by staff. */
	meetingId: string;
	/** A place from the pack's open data (origin 'pack'). */
	packPlaceId: string;
}

let w: World;

test.beforeAll(async ({ playwright }, info) => {
	const baseURL = baseURLOf(info);
	const admin = await signInAdmin(playwright, baseURL);
	const [staff, coordinator, organizer] = await Promise.all([
		createAndSignIn(playwright, baseURL, admin, 'staff'),
		createAndSignIn(playwright, baseURL, admin, 'coordinator', ['fuji']),
		createAndSignIn(playwright, baseURL, admin, 'organizer')
	]);
	const device = new Device();
	const place = newPlace(device, { name: '入力検査の居場所' });
	const meeting = meetingUpsert(device);
	expect(await pushOps(staff.api, device, [place, meeting])).toEqual([
		{ opId: place.opId, status: 'applied' },
		{ opId: meeting.opId, status: 'applied' }
	]);
	const resident = await anonymous(playwright, baseURL);
	const pack = (await (await resident.get('/api/pack')).json()) as {
		pack: { places: { id: string; origin: string }[] };
	};
	w = {
		baseURL,
		resident,
		admin,
		staff: staff.api,
		coordinator: coordinator.api,
		organizer: organizer.api,
		organizerAccount: organizer.account,
		placeId: place.placeId,
		meetingId: meeting.meetingId,
		packPlaceId: pack.pack.places.find((p) => p.origin === 'pack')!.id
	};
});

test.afterAll(async () => {
	if (!w) return;
	await closeRegisteredPlaces(w.staff);
	await Promise.all(
		[w.resident, w.admin, w.staff, w.coordinator, w.organizer].map((a) => a.dispose())
	);
});

// ---------------------------------------------------------------------------------------------
// JSON bodies: login, account creation, push
// ---------------------------------------------------------------------------------------------

interface JsonEndpoint {
	path: string;
	caller: () => APIRequestContext;
	/** The endpoint's body limit (read-json.ts maxBytes). */
	maxBytes: number;
	/** A body that would be accepted. */
	valid: () => Record<string, unknown>;
	wrongTypes: () => unknown;
	/** Reads the state a rejected request must leave alone… */
	snapshot: () => Promise<unknown>;
	/** …and asserts it is unchanged. */
	unchanged: (before: unknown, res: APIResponse) => Promise<void>;
}

const accountCount = async () =>
	((await (await w.admin.get('/api/admin/accounts')).json()) as { accounts: unknown[] }).accounts
		.length;

const JSON_ENDPOINTS: JsonEndpoint[] = [
	{
		path: '/api/auth/login',
		caller: () => w.resident,
		maxBytes: 4096,
		valid: () => ({ email: w.organizerAccount.email, password: TEST_PASSWORD }),
		wrongTypes: () => ({ email: 42, password: ['x'] }),
		snapshot: async () => null,
		// A rejected sign-in sets no session cookie.
		unchanged: async (_before, res) => expect(res.headers()['set-cookie']).toBeUndefined()
	},
	{
		path: '/api/admin/accounts',
		caller: () => w.admin,
		maxBytes: 8192,
		valid: () => ({
			email: uniqueEmail('bad-input'),
			password: TEST_PASSWORD,
			role: 'organizer',
			districtIds: []
		}),
		wrongTypes: () => ({
			email: 'x@example.test',
			password: 1234567890,
			role: 1,
			districtIds: 'fuji'
		}),
		snapshot: accountCount,
		unchanged: async (before) => expect(await accountCount()).toBe(before)
	},
	{
		path: '/api/sync/push',
		caller: () => w.staff,
		maxBytes: MAX_BODY_BYTES,
		valid: () => {
			const device = new Device();
			return { protocol: PROTOCOL, deviceId: device.deviceId, ops: [newPlace(device)] };
		},
		wrongTypes: () => ({ protocol: '1', deviceId: 5, ops: 'place.upsert' }),
		snapshot: () => currentCursor(w.staff),
		unchanged: async (before) =>
			expect((await pullAll(w.staff, before as number)).changes).toEqual([])
	}
];

interface BodyCase {
	name: string;
	/** Only for this endpoint; all endpoints when absent. */
	only?: string;
	request: (e: JsonEndpoint) => {
		headers?: Record<string, string>;
		data: string | Buffer | object;
	};
	status: number;
	reason: string;
	details?: (e: JsonEndpoint) => unknown;
}

const JSON_TYPE = { 'content-type': 'application/json' };
/**
 * Raw body bytes. Playwright sends a string body that does not parse as JSON under a JSON
 * content type as a JSON string ("…"), which would hide the malformed input from the server.
 */
const raw = (text: string) => Buffer.from(text, 'utf8');

const BODY_CASES: BodyCase[] = [
	{
		name: 'text/plain content type',
		request: (e) => ({
			headers: { 'content-type': 'text/plain', origin: new URL(w.baseURL).origin },
			data: JSON.stringify(e.valid())
		}),
		status: 415,
		reason: 'unsupported_media_type',
		details: () => ({ expected: 'application/json' })
	},
	{
		// curl or a script: no Origin at all. Not a browser's cross-site form, so not 403.
		name: 'text/plain content type without Origin',
		request: (e) => ({
			headers: { 'content-type': 'text/plain' },
			data: JSON.stringify(e.valid())
		}),
		status: 415,
		reason: 'unsupported_media_type',
		details: () => ({ expected: 'application/json' })
	},
	{
		name: 'form-encoded content type',
		request: () => ({
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: new URL(w.baseURL).origin
			},
			data: 'email=a%40b.test&password=x'
		}),
		status: 415,
		reason: 'unsupported_media_type',
		details: () => ({ expected: 'application/json' })
	},
	{
		name: 'not JSON',
		request: () => ({ headers: JSON_TYPE, data: raw('{"email": "a@b.test", ') }),
		status: 400,
		reason: 'invalid_json'
	},
	{
		name: 'empty body',
		request: () => ({ headers: JSON_TYPE, data: raw('') }),
		status: 400,
		reason: 'invalid_json'
	},
	{
		name: 'JSON null',
		request: () => ({ headers: JSON_TYPE, data: raw('null') }),
		status: 400,
		reason: 'invalid_body'
	},
	{
		name: 'a JSON array',
		request: (e) => ({ headers: JSON_TYPE, data: JSON.stringify([e.valid()]) }),
		status: 400,
		reason: 'invalid_body'
	},
	{
		// As deep as the endpoint's size limit allows: parsing must not blow the stack.
		name: 'deeply nested JSON',
		request: (e) => {
			const depth = Math.min(100_000, Math.floor(e.maxBytes / 2) - 8);
			return { headers: JSON_TYPE, data: raw('['.repeat(depth) + ']'.repeat(depth)) };
		},
		status: 400,
		reason: 'invalid_body'
	},
	{
		name: 'wrong types',
		request: (e) => ({ data: e.wrongTypes() as object }),
		status: 400,
		reason: 'invalid_body'
	},
	{
		// Strict schemas: a field the server does not know is an error, not silently dropped.
		name: 'an unknown field',
		request: (e) => ({ data: { ...e.valid(), isAdmin: true } }),
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: '', code: 'unrecognized_keys' }]
	},
	{
		name: 'over the size limit (Content-Length)',
		request: (e) => ({ data: { ...e.valid(), padding: 'x'.repeat(e.maxBytes) } }),
		status: 413,
		reason: 'body_too_large',
		details: (e) => ({ maxBytes: e.maxBytes })
	},
	// Endpoint-specific shapes.
	{
		name: 'an email too short to be one',
		only: '/api/auth/login',
		request: () => ({ data: { email: 'ab', password: 'x' } }),
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: 'email', code: 'too_small' }]
	},
	{
		name: 'an unknown role',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), role: 'superuser' } }),
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: 'role', code: 'invalid_value' }]
	},
	{
		name: 'a password under 10 characters',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), password: 'short' } }),
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: 'password', code: 'too_small' }]
	},
	// The password policy (server/auth/password-policy.ts), past the body schema.
	{
		name: 'one of the commonest passwords, with digits added',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), password: 'password2024' } }),
		status: 400,
		reason: 'weak_password',
		details: () => ({ rule: 'common' })
	},
	{
		name: 'the email as the password',
		only: '/api/admin/accounts',
		request: (e) => {
			const valid = e.valid() as { email: string };
			return { data: { ...valid, password: valid.email } };
		},
		status: 400,
		reason: 'weak_password',
		details: () => ({ rule: 'email' })
	},
	{
		name: 'a run of digits as the password',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), password: '1234567890' } }),
		status: 400,
		reason: 'weak_password',
		details: () => ({ rule: 'trivial' })
	},
	{
		name: 'a malformed email',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), email: 'not-an-email' } }),
		status: 400,
		reason: 'invalid_body'
	},
	{
		name: 'a malformed district id',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), districtIds: ['Fuji; drop table users'] } }),
		status: 400,
		reason: 'invalid_body'
	},
	{
		name: 'a district the pack does not have',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), role: 'coordinator', districtIds: ['atlantis'] } }),
		status: 400,
		reason: 'unknown_district',
		details: () => ({ districtIds: ['atlantis'] })
	},
	{
		name: 'a city the server does not have',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), cityIds: ['atlantis'] } }),
		status: 400,
		reason: 'unknown_city',
		details: () => ({ cityIds: ['atlantis'] })
	},
	{
		name: 'an account of no city',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), cityIds: [] } }),
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: 'cityIds', code: 'too_small' }]
	},
	{
		name: 'an email already taken',
		only: '/api/admin/accounts',
		request: (e) => ({ data: { ...e.valid(), email: w.organizerAccount.email.toUpperCase() } }),
		status: 409,
		reason: 'email_taken'
	},
	{
		name: 'a protocol version the server does not speak',
		only: '/api/sync/push',
		request: (e) => ({ data: { ...e.valid(), protocol: 99 } }),
		status: 400,
		reason: 'unsupported_protocol',
		details: () => ({ supported: [...SUPPORTED_PROTOCOLS] })
	},
	{
		name: 'no ops',
		only: '/api/sync/push',
		request: (e) => ({ data: { ...e.valid(), ops: [] } }),
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: 'ops', code: 'too_small' }]
	},
	{
		name: `more than ${MAX_OPS_PER_PUSH} ops`,
		only: '/api/sync/push',
		request: () => {
			const device = new Device();
			const ops = Array.from({ length: MAX_OPS_PER_PUSH + 1 }, () => newPlace(device));
			return { data: { protocol: PROTOCOL, deviceId: device.deviceId, ops } };
		},
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: 'ops', code: 'too_big' }]
	},
	{
		name: 'a device id that is not a UUID',
		only: '/api/sync/push',
		request: (e) => ({ data: { ...e.valid(), deviceId: 'my-phone' } }),
		status: 400,
		reason: 'invalid_body',
		details: () => [{ path: 'deviceId', code: 'uuid' }]
	}
];

test.describe('JSON bodies', () => {
	for (const e of JSON_ENDPOINTS) {
		for (const c of BODY_CASES.filter((c) => !c.only || c.only === e.path)) {
			test(`POST ${e.path} with ${c.name} → ${c.status} ${c.reason}, nothing written`, async () => {
				const before = await e.snapshot();
				const { headers, data } = c.request(e);
				const res = await e.caller().post(e.path, { headers, data });
				const details = await expectApiError(res, c.status, c.reason);
				if (c.details) expect(details).toEqual(c.details(e));
				await e.unchanged(before, res);
			});
		}

		test(`POST ${e.path} over the size limit, streamed and still uploading → 413`, async () => {
			const before = await e.snapshot();
			// No Content-Length (chunked), and the upload is not finished when the server passes the
			// limit: it must stop reading and still answer 413, not drop the connection.
			const cookies = (await e.caller().storageState()).cookies;
			const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
			const answer = await postChunkedAndHold(w.baseURL, e.path, e.maxBytes + 1024, cookie);
			expect(answer.status, 'the server closed the connection without an answer').toBe(413);
			expect(answer.body).toContain('"reason":"body_too_large"');
			if (e.path !== '/api/auth/login') await e.unchanged(before, {} as APIResponse);
		});
	}
});

// ---------------------------------------------------------------------------------------------
// Ops: each is answered alone, inside a 200 push
// ---------------------------------------------------------------------------------------------

/** An op written as raw JSON text, for what JSON.stringify cannot produce (1e400, __proto__). */
class RawOp {
	constructor(
		readonly json: string,
		readonly opId: string,
		readonly entityId: string
	) {}
}

interface OpCase {
	name: string;
	build: (d: Device) => unknown;
	reason: string;
	/** The op's answer details, when they are part of the contract. */
	details?: unknown;
	/** Who pushes; staff unless said otherwise (staff may do anything, so only input fails). */
	as?: 'staff' | 'organizer';
}

const session = (d: Device, overrides: object) => ({
	...sessionRecord(d, w.placeId),
	...overrides
});
const team = (d: Device, overrides: object) => ({ ...teamRecord(d, 'fuji'), ...overrides });
const place = (d: Device, fields: object) => {
	const op = newPlace(d);
	return { ...op, fields: { ...op.fields, ...fields } };
};
const teamJson = (d: Device, replace: (json: string) => string) => {
	const op = teamRecord(d, 'fuji');
	return new RawOp(replace(JSON.stringify(op)), op.opId, op.teamId);
};

const INVALID_OPS: OpCase[] = [
	// Dates: real calendar dates written YYYY-MM-DD, from 2000 on.
	{
		name: 'a session on 2024-02-30',
		build: (d) => session(d, { date: '2024-02-30' }),
		reason: 'invalid_op',
		details: [{ path: 'date', code: 'calendar_date' }]
	},
	{
		name: 'a session on 2024-2-3',
		build: (d) => session(d, { date: '2024-2-3' }),
		reason: 'invalid_op'
	},
	{
		name: 'a session on 1999-12-31',
		build: (d) => session(d, { date: '1999-12-31' }),
		reason: 'invalid_op'
	},
	{
		name: 'a team formed on 2023-13-01',
		build: (d) => team(d, { formedOn: '2023-13-01' }),
		reason: 'invalid_op'
	},
	{
		name: 'a meeting on 2024-02-30',
		build: (d) => meetingUpsert(d, { date: '2024-02-30' }),
		reason: 'invalid_op'
	},
	// Counts: whole numbers within the plausible limits (records.ts LIMITS).
	{
		name: 'a negative participant count',
		build: (d) => session(d, { participants: { total: -1 } }),
		reason: 'invalid_op',
		details: [{ path: 'participants.total', code: 'too_small' }]
	},
	{
		name: 'an absurd participant count',
		build: (d) => session(d, { participants: { total: 100_000 } }),
		reason: 'invalid_op',
		details: [{ path: 'participants.total', code: 'too_big' }]
	},
	{
		name: 'a fractional volunteer count',
		build: (d) => session(d, { volunteers: 2.5 }),
		reason: 'invalid_op'
	},
	{
		name: 'hours not in quarter hours',
		build: (d) => session(d, { hours: 0.1 }),
		reason: 'invalid_op'
	},
	{ name: 'negative hours', build: (d) => session(d, { hours: -0.25 }), reason: 'invalid_op' },
	{
		name: 'a count sent as a string',
		build: (d) => session(d, { participants: { total: '12' } }),
		reason: 'invalid_op'
	},
	{
		name: 'an absurd tally',
		build: (d) => tallySet(d, w.meetingId, { counts: { residents: 1e9 } }),
		reason: 'invalid_op'
	},
	{
		name: 'a tally for an unknown group',
		build: (d) => tallySet(d, w.meetingId, { counts: { aliens: 3 } as never }),
		reason: 'invalid_op'
	},
	{
		name: 'a tally version 0',
		build: (d) => tallySet(d, w.meetingId, { version: 0 }),
		reason: 'invalid_op'
	},
	{ name: 'a negative team size', build: (d) => team(d, { members: -3 }), reason: 'invalid_op' },
	{
		name: 'a team size of 1e400 (Infinity)',
		build: (d) => teamJson(d, (j) => j.replace('"members":6', '"members":1e400')),
		reason: 'invalid_op'
	},
	// Shapes: strict objects, known enums, bounded text.
	{
		name: 'an unknown op field',
		build: (d) => ({ ...newPlace(d), extra: 1 }),
		reason: 'invalid_op',
		details: [{ path: '', code: 'unrecognized_keys' }]
	},
	{
		name: 'a __proto__ key',
		build: (d) => teamJson(d, (j) => j.replace('{', '{"__proto__":{"role":"admin"},')),
		reason: 'invalid_op'
	},
	{
		name: 'a place approving itself',
		build: (d) => place(d, { moderation: 'approved' }),
		reason: 'invalid_op',
		details: [{ path: 'fields', code: 'unrecognized_keys' }]
	},
	{
		name: 'a place naming its owner',
		build: (d) => place(d, { ownerId: uuidv7() }),
		reason: 'invalid_op'
	},
	{ name: 'a blank place name', build: (d) => place(d, { name: '   ' }), reason: 'invalid_op' },
	{
		name: 'a 201-character place name',
		build: (d) => place(d, { name: 'あ'.repeat(201) }),
		reason: 'invalid_op'
	},
	{
		name: 'a category people may not set',
		build: (d) => place(d, { category: 'shelter' }),
		reason: 'invalid_op'
	},
	{
		name: 'a point with a string coordinate',
		build: (d) => place(d, { point: { lng: '139.4', lat: 35.93 } }),
		reason: 'invalid_op'
	},
	{
		name: 'a place id that is not a UUID',
		build: (d) => ({ ...newPlace(d), placeId: 'place-1' }),
		reason: 'invalid_op'
	},
	{
		name: 'a clock stamp that is not one',
		build: (d) => ({ ...newPlace(d), at: 'yesterday' }),
		reason: 'invalid_op'
	},
	{
		name: 'an unknown op kind',
		build: (d) => ({ ...newPlace(d), kind: 'place.delete' }),
		reason: 'invalid_op'
	},
	{
		name: 'an unknown moderation decision',
		build: (d) => ({ ...moderatePlace(d, w.placeId), decision: 'approve-all' }),
		reason: 'invalid_op'
	}
];

const REJECTED_OPS: OpCase[] = [
	{
		name: 'an indicator figure with a fraction of a count',
		build: (d) => indicatorRecord(d, { value: { kind: 'number', value: 139.5 } }),
		reason: 'invalid_value',
		details: { issues: [{ path: 'value', code: 'too-many-decimals' }] }
	},
	{
		name: 'an indicator figure of the wrong shape (No. 2 counts meetings with participants)',
		build: (d) => indicatorRecord(d, { indicatorNumber: 2 }),
		reason: 'invalid_value'
	},
	{
		name: 'an indicator the plan does not have',
		build: (d) => indicatorRecord(d, { indicatorNumber: 99 }),
		reason: 'unknown_indicator'
	},
	{
		name: 'an indicator figure for a year outside the plan',
		build: (d) => indicatorRecord(d, { fiscalYear: 2019 }),
		reason: 'outside_plan_period'
	},
	{
		name: 'an indicator figure citing an unknown document',
		build: (d) => indicatorRecord(d, { source: { kind: 'document', document: 'no-such-doc' } }),
		reason: 'unknown_source'
	},
	{
		name: 'an op from another device',
		build: () => newPlace(new Device()),
		reason: 'device_mismatch'
	},
	{
		name: 'a clock an hour ahead',
		build: (d) => ({ ...newPlace(d), at: d.at(Date.now() + 3_600_000) }),
		reason: 'clock_ahead'
	},
	{
		name: 'a session in the future',
		build: (d) => session(d, { date: futureDate() }),
		reason: 'future_date'
	},
	{
		name: 'men and women above the total',
		build: (d) => session(d, { participants: { total: 5, men: 3, women: 3 } }),
		reason: 'breakdown_exceeds_total'
	},
	{
		name: 'children above the total',
		build: (d) => session(d, { participants: { total: 5, children: 6 } }),
		reason: 'breakdown_exceeds_total'
	},
	{
		name: 'first-timers above the total',
		build: (d) => session(d, { firstTimers: 13 }),
		reason: 'first_timers_exceed_total'
	},
	{
		name: 'a session at an unknown place',
		build: (d) => sessionRecord(d, uuidv7()),
		reason: 'not_found'
	},
	{
		name: "a session at someone else's place",
		build: (d) => sessionRecord(d, w.placeId),
		reason: 'forbidden',
		as: 'organizer'
	},
	{
		name: 'a team formed in the future',
		build: (d) => team(d, { formedOn: futureDate() }),
		reason: 'future_date'
	},
	{
		name: 'a team in an unknown district',
		build: (d) => team(d, { districtId: 'atlantis' }),
		reason: 'unknown_district'
	},
	{
		name: 'a new place without a name',
		build: (d) => ({ ...newPlace(d), fields: { category: 'salon', districtId: 'fuji' } }),
		reason: 'missing_fields',
		details: { fields: ['name'] }
	},
	{
		name: 'a place in an unknown district',
		build: (d) => place(d, { districtId: 'atlantis' }),
		reason: 'unknown_district'
	},
	{
		name: 'a place in Osaka',
		build: (d) => place(d, { point: { lng: 135.5, lat: 34.7 } }),
		reason: 'outside_city'
	},
	{
		name: 'a place in an unknown pack',
		build: (d) => ({ ...newPlace(d), packId: 'atlantis' }),
		reason: 'not_found'
	},
	{
		name: 'a new meeting without a venue',
		build: (d) => ({
			...meetingUpsert(d),
			fields: { meetingKind: 'training', districtIds: ['fuji'], date: '2025-01-10' }
		}),
		reason: 'missing_fields'
	},
	{
		name: 'a meeting in an unknown district',
		build: (d) => meetingUpsert(d, { districtIds: ['atlantis'] }),
		reason: 'unknown_district'
	},
	{
		name: 'a tally at an unknown meeting',
		build: (d) => tallySet(d, uuidv7()),
		reason: 'not_found'
	},
	{
		name: 'moderating an unknown place',
		build: (d) => moderatePlace(d, uuidv7()),
		reason: 'not_found'
	},
	{
		name: "moderating the pack's open data",
		build: (d) => moderatePlace(d, w.packPlaceId),
		reason: 'not_found'
	},
	{
		name: "editing someone else's place",
		build: (d) => editPlace(d, w.placeId, { name: '乗っ取り' }),
		reason: 'forbidden',
		as: 'organizer'
	}
];

/** Pushes one op (object or raw JSON) with `device` as the request's device. */
async function pushAny(api: APIRequestContext, device: Device, op: unknown): Promise<APIResponse> {
	if (!(op instanceof RawOp)) return push(api, device, [op]);
	return api.post('/api/sync/push', {
		headers: JSON_TYPE,
		data: raw(`{"protocol":${PROTOCOL},"deviceId":"${device.deviceId}","ops":[${op.json}]}`)
	});
}

/**
 * Nothing of a rejected op may be visible: no change in the pull feed after `cursor`, and no
 * accepted entry for it in the audit trail. (The op ledger does keep rejected ops, so a retry
 * gets the first answer again; whether the audit should list them is the test further down.)
 */
async function expectNothingWritten(cursor: number, opId: string, entityId: string) {
	expect((await pullAll(w.staff, cursor)).changes).toEqual([]);
	if (!entityId) return;
	// Under every kind: ids are unique only within a kind, and a malformed op names none.
	for (const kind of ENTITIES) {
		const entries = await auditEntries(w.staff, entityId, kind);
		expect(
			entries.filter((e) => e.opId === opId && e.status !== 'rejected'),
			kind
		).toEqual([]);
	}
}

test.describe('ops: per-op answers, nothing written', () => {
	for (const c of [...INVALID_OPS, ...REJECTED_OPS]) {
		test(`${c.name} → rejected ${c.reason}`, async () => {
			const device = new Device();
			const op = c.build(device);
			const opId = op instanceof RawOp ? op.opId : ((op as { opId: string }).opId ?? '');
			const entityId = op instanceof RawOp ? op.entityId : entityIdOf(op);
			const cursor = await currentCursor(w.staff);
			const res = await pushAny(c.as === 'organizer' ? w.organizer : w.staff, device, op);
			expect(res.status(), await res.text()).toBe(200);
			const [result] = ((await res.json()) as { results: Record<string, unknown>[] }).results;
			expect(result).toMatchObject({ opId, status: 'rejected', reason: c.reason });
			if (c.details !== undefined) expect(result!.details).toEqual(c.details);
			await expectNothingWritten(cursor, opId, entityId);
		});
	}

	test('values that are not ops at all → rejected invalid_op with an empty opId', async () => {
		const device = new Device();
		const cursor = await currentCursor(w.staff);
		const results = await pushOps(w.staff, device, [null, 42, 'place.upsert', [], {}]);
		for (const r of results)
			expect(r).toMatchObject({ opId: '', status: 'rejected', reason: 'invalid_op' });
		expect((await pullAll(w.staff, cursor)).changes).toEqual([]);
	});

	test('one bad op does not block the others in its push', async () => {
		const device = new Device();
		const good1 = newPlace(device, { name: '良い1' });
		const bad = { ...sessionRecord(device, w.placeId), date: '2024-02-30' };
		const good2 = newPlace(device, { name: '良い2' });
		const cursor = await currentCursor(w.staff);
		const results = await pushOps(w.staff, device, [good1, bad, good2]);
		expect(results.map((r) => [r.status, r.reason])).toEqual([
			['applied', undefined],
			['rejected', 'invalid_op'],
			['applied', undefined]
		]);
		const changed = (await pullAll(w.staff, cursor)).changes.map((c) => c.id);
		expect(changed.sort()).toEqual([good1.placeId, good2.placeId].sort());
	});

	// Contract from the brief and src/lib/server/sync/audit.ts ("every accepted op"): a rejected
	// op has no entry in the audit trail. The op ledger records rejections for idempotency, and
	// auditTrail() reads the ledger unfiltered, so today the owner of a place (and its district's
	// coordinators) see other people's refused attempts, with their emails and op bodies.
	test('a rejected op leaves no entry in the audit trail', async () => {
		const device = new Device();
		const op = sessionRecord(device, w.placeId);
		expect(await pushOne(w.organizer, device, op)).toMatchObject({ reason: 'forbidden' });
		expect(await auditEntries(w.staff, op.sessionId, 'session')).toEqual([]);
	});

	// Postgres text and jsonb cannot hold U+0000 (nor lone surrogates in jsonb): such input must be
	// refused as invalid, not fail the database write.
	test('text with a NUL character → rejected invalid_op, not server_error', async () => {
		const device = new Device();
		const op = newPlace(device, { name: 'a\u0000b' });
		const cursor = await currentCursor(w.staff);
		expect(await pushOne(w.staff, device, op)).toMatchObject({
			status: 'rejected',
			reason: 'invalid_op'
		});
		await expectNothingWritten(cursor, op.opId, op.placeId);
	});

	test('text with a lone surrogate → rejected invalid_op, not server_error', async () => {
		const device = new Device();
		const op = newPlace(device, { name: 'a\ud800b' });
		const cursor = await currentCursor(w.staff);
		expect(await pushOne(w.staff, device, op)).toMatchObject({
			status: 'rejected',
			reason: 'invalid_op'
		});
		await expectNothingWritten(cursor, op.opId, op.placeId);
	});
});

// ---------------------------------------------------------------------------------------------
// Query parameters: strict on every endpoint (src/lib/server/http/query-schemas.ts)
// ---------------------------------------------------------------------------------------------

type Caller = 'resident' | 'organizer' | 'staff' | 'admin';

interface QueryCase {
	/** `METHOD /api/path`, as the route coverage check names it. */
	route: `${'GET' | 'POST'} /api/${string}`;
	/** The query string sent, without `?`. */
	query: string;
	/** The path asked for, where the route has a parameter (`/api/standard/[dataset]`). */
	path?: string;
	as: Caller;
	/** A well-formed body for a POST route, so that only the query is wrong. */
	body?: () => object;
	status: number;
	reason: string;
	details?: unknown;
}

const unknownParam = (name: string) => [{ path: name, code: 'unrecognized_keys' }];
const pathOf = (route: string) => route.slice(route.indexOf(' ') + 1);

/** Endpoints without parameters refuse any; the ones with a schema refuse what it lacks. */
const QUERY_CASES: QueryCase[] = [
	...(
		[
			['GET /api/pack', 'resident'],
			['GET /api/pack/geometry', 'resident'],
			['GET /api/places.geojson', 'resident'],
			['GET /api/places.csv', 'resident'],
			['GET /api/prefs', 'resident'],
			['GET /api/auth/me', 'organizer'],
			['GET /api/admin/accounts', 'admin']
		] as const
	).map(([route, as]): QueryCase => ({
		route,
		query: 'cachebust=1',
		as,
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('cachebust')
	})),
	{
		route: 'GET /api/plan',
		query: 'plan=tsurugashima',
		as: 'resident',
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('plan')
	},
	{
		route: 'GET /api/plan',
		query: 'city=nowhere',
		as: 'resident',
		status: 404,
		reason: 'unknown_city',
		details: { city: 'nowhere', known: ['tokorozawa', 'tsurugashima'] }
	},
	// The national layouts: an unknown parameter, an unknown dataset (with the ones there are).
	{
		route: 'GET /api/standard/[dataset]',
		path: '/api/standard/evacuation-sites.csv',
		query: 'city=tokorozawa&format=xlsx',
		as: 'resident',
		status: 400,
		reason: 'invalid_query',
		details: [...unknownParam('city'), ...unknownParam('format')]
	},
	{
		route: 'GET /api/standard/[dataset]',
		path: '/api/standard/shelters.xlsx',
		query: '',
		as: 'resident',
		status: 404,
		reason: 'dataset_not_found',
		details: { datasets: ['evacuation-sites.csv', 'public-facilities.csv'] }
	},
	{
		route: 'GET /api/places.geojson',
		query: 'format=kml&bbox=1,2,3,4',
		as: 'resident',
		status: 400,
		reason: 'invalid_query',
		details: [...unknownParam('format'), ...unknownParam('bbox')]
	},
	{
		route: 'POST /api/auth/login',
		query: 'next=/work',
		as: 'resident',
		body: () => ({ email: w.organizerAccount.email, password: TEST_PASSWORD }),
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('next')
	},
	{
		route: 'POST /api/admin/accounts',
		query: 'role=admin',
		as: 'admin',
		body: () => ({
			email: uniqueEmail('query'),
			password: TEST_PASSWORD,
			role: 'organizer',
			districtIds: []
		}),
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('role')
	},
	{
		route: 'POST /api/sync/push',
		query: 'protocol=2',
		as: 'staff',
		body: () => {
			const device = new Device();
			return { protocol: PROTOCOL, deviceId: device.deviceId, ops: [newPlace(device)] };
		},
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('protocol')
	},
	// The sync pull (the protocol's pullQuerySchema).
	...[
		'',
		'since=-1',
		'since=abc',
		'since=1.5',
		'since=Infinity',
		'since=9007199254740993',
		'since=0&limit=0',
		'since=0&limit=-5',
		'since=0&limit=100000',
		'since=0&limit=ten',
		'since=0&resync=yes',
		'since=0&view=ZZ'
	].map((query): QueryCase => ({
		route: 'GET /api/sync/pull',
		query,
		as: 'staff',
		status: 400,
		reason: 'invalid_query'
	})),
	{
		route: 'GET /api/sync/pull',
		query: 'since=0&extra=1',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('extra')
	},
	{
		// Which one would count? Neither: refused.
		route: 'GET /api/sync/pull',
		query: 'since=0&since=999999',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'since', code: 'duplicate' }]
	},
	{
		route: 'GET /api/sync/pull',
		query: 'protocol=99&since=0',
		as: 'staff',
		status: 400,
		reason: 'unsupported_protocol',
		details: { supported: [...SUPPORTED_PROTOCOLS] }
	},
	// The live notices: a bad `since` is refused before any stream opens.
	...['since=-1', 'since=ten', 'since=1.5', 'since=9007199254740993'].map((query): QueryCase => ({
		route: 'GET /api/sync/events',
		query,
		as: 'staff',
		status: 400,
		reason: 'invalid_query'
	})),
	{
		route: 'GET /api/sync/events',
		query: 'since=0&since=5',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'since', code: 'duplicate' }]
	},
	{
		route: 'GET /api/sync/events',
		query: 'protocol=3',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('protocol')
	},
	// Every salon's year: an unknown parameter, an unreadable or future fiscal year.
	{
		route: 'GET /api/paperwork/salons',
		query: 'year=2023',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'year', code: 'unrecognized_keys' }]
	},
	...['fy=abc', 'fy=2999'].map((query): QueryCase => ({
		route: 'GET /api/paperwork/salons',
		query,
		as: 'staff',
		status: 400,
		reason: 'invalid_fiscal_year',
		details: { fy: 'unreadable or in the future' }
	})),
	// The survey, as every salon's year: an unknown parameter, an unreadable or future fiscal year.
	{
		route: 'GET /api/paperwork/survey',
		query: 'year=2023',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'year', code: 'unrecognized_keys' }]
	},
	...['fy=abc', 'fy=2999'].map((query): QueryCase => ({
		route: 'GET /api/paperwork/survey',
		query,
		as: 'staff',
		status: 400,
		reason: 'invalid_fiscal_year',
		details: { fy: 'unreadable or in the future' }
	})),
	// The audit trail.
	...[
		'',
		'id=',
		`id=${'a'.repeat(101)}`,
		'id=a%00b',
		`id=${encodeURIComponent("' or 1=1 --")}`
	].map((query): QueryCase => ({
		route: 'GET /api/audit',
		query,
		as: 'staff',
		status: 400,
		reason: 'invalid_query'
	})),
	{
		// A kind of record the app does not have.
		route: 'GET /api/audit',
		query: 'kind=user&id=x',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'kind', code: 'invalid_value' }]
	},
	{
		route: 'GET /api/audit',
		query: 'id=x&extra=1',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('extra')
	},
	{
		route: 'GET /api/audit',
		query: 'id=x&before=not-an-op-id',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'before', code: 'invalid_format' }]
	},
	{
		route: 'GET /api/audit',
		// A place of the pack (it has a trail, empty): the cursor is no op of it.
		query: `id=welfare-hohoemi-no-sato&before=${'01890a5d-ac96-774b-bcce-b302099a8057'}`,
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'before', code: 'unknown_cursor' }]
	},
	{
		route: 'GET /api/audit',
		query: 'id=x&limit=0',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'limit', code: 'too_small' }]
	}
];

/** The indicator endpoints, the parameters each needs besides plan and fy, and its years. */
const INDICATOR_ROUTES = [
	{ route: 'GET /api/indicators.csv', extra: '', years: 'with-year-before', type: /^text\/csv/ },
	{
		route: 'GET /api/indicators/computed',
		extra: '',
		years: 'with-year-before',
		type: /^application\/json/
	},
	{
		route: 'GET /api/indicators/history',
		extra: '&no=2',
		years: 'with-year-before',
		type: /^application\/json/
	},
	{ route: 'GET /api/indicators/progress.csv', extra: '', years: 'plan', type: /^text\/csv/ },
	{
		route: 'GET /api/indicators/progress.xlsx',
		extra: '',
		years: 'plan',
		type: /^application\/vnd\.openxmlformats/
	}
] as const;
/** Tsurugashima's plan runs 2022–2026; figures may also be entered for 2021, the year before. */
const YEARS = { 'with-year-before': { from: 2021, to: 2026 }, plan: { from: 2022, to: 2026 } };

for (const e of INDICATOR_ROUTES) {
	const q = (rest: string) => `plan=tsurugashima${rest}`;
	const year = `&fy=2023${e.extra}`;
	const indicatorCase = (query: string, status: number, reason: string, details?: unknown) =>
		QUERY_CASES.push({ route: e.route, query, as: 'staff', status, reason, details });
	indicatorCase(q(`${year}&extra=1`), 400, 'invalid_query', unknownParam('extra'));
	indicatorCase(`${q(year)}&plan=tokorozawa`, 400, 'invalid_query', [
		{ path: 'plan', code: 'duplicate' }
	]);
	indicatorCase(`plan=nowhere${year}`, 404, 'unknown_plan');
	// Without plan or city the account's own city answers; an unknown city is named.
	indicatorCase(`city=nowhere${year}`, 404, 'unknown_city');
	indicatorCase(`city=tsurugashima${year}&plan=tsurugashima`, 400, 'invalid_query', [
		{ path: 'city', code: 'city_and_plan' }
	]);
	indicatorCase(q(e.extra), 400, 'invalid_fiscal_year', { fy: null, ...YEARS[e.years] });
	for (const fy of ['abc', '2023.5', '令和99年度', `${'9'.repeat(40)}`]) {
		indicatorCase(
			q(`&fy=${encodeURIComponent(fy)}${e.extra}`),
			400,
			fy.length > 32 ? 'invalid_query' : 'invalid_fiscal_year'
		);
	}
}
QUERY_CASES.push(
	...['abc', '0', '-1', '2.5', ''].map((no): QueryCase => ({
		route: 'GET /api/indicators/history',
		query: `plan=tsurugashima&fy=2023&no=${no}`,
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'no', code: 'integer' }]
	})),
	{
		route: 'GET /api/indicators/history',
		query: 'plan=tsurugashima&fy=2023',
		as: 'staff',
		status: 400,
		reason: 'invalid_query',
		details: [{ path: 'no', code: 'invalid_type' }]
	},
	{
		route: 'GET /api/indicators/history',
		query: 'plan=tsurugashima&fy=2023&no=99',
		as: 'staff',
		status: 404,
		reason: 'unknown_indicator',
		details: { no: 99 }
	},
	...['GET /api/indicators/progress.csv', 'GET /api/indicators/progress.xlsx'].map(
		(route): QueryCase => ({
			route: route as QueryCase['route'],
			query: 'plan=tsurugashima&fy=2023&lang=de',
			as: 'resident',
			status: 400,
			reason: 'invalid_query',
			details: [{ path: 'lang', code: 'invalid_value' }]
		})
	),
	{
		// Open data has no English headers to choose: lang is not one of its parameters.
		route: 'GET /api/indicators.csv',
		query: 'plan=tsurugashima&fy=2023&lang=en',
		as: 'resident',
		status: 400,
		reason: 'invalid_query',
		details: unknownParam('lang')
	}
);

const callers = (): Record<Caller, APIRequestContext> => ({
	resident: w.resident,
	organizer: w.organizer,
	staff: w.staff,
	admin: w.admin
});

test.describe('query parameters', () => {
	for (const c of QUERY_CASES) {
		const [method, path] = [c.route.split(' ')[0], c.path ?? pathOf(c.route)];
		test(`${method} ${path}?${c.query} → ${c.status} ${c.reason}, nothing written`, async () => {
			const api = callers()[c.as];
			const cursor = await currentCursor(w.staff);
			const accounts = c.body ? await accountCount() : null;
			const url = `${path}?${c.query}`;
			const res = method === 'POST' ? await api.post(url, { data: c.body!() }) : await api.get(url);
			const details = await expectApiError(res, c.status, c.reason);
			if (c.details !== undefined) expect(details).toEqual(c.details);
			else if (c.reason === 'invalid_query') {
				// Details point at the field without echoing the input.
				expect(details).toEqual(
					expect.arrayContaining([{ path: expect.any(String), code: expect.any(String) }])
				);
			}
			expect(res.headers()['set-cookie']).toBeUndefined();
			expect((await pullAll(w.staff, cursor)).changes).toEqual([]);
			if (accounts !== null) expect(await accountCount()).toBe(accounts);
		});
	}

	test('POST /api/auth/logout?x=1 → 400 invalid_query, the session lives on', async ({
		playwright
	}) => {
		const session = await signIn(playwright, w.baseURL, w.organizerAccount.email, TEST_PASSWORD);
		const res = await session.post('/api/auth/logout?x=1');
		expect(await expectApiError(res, 400, 'invalid_query')).toEqual(unknownParam('x'));
		expect((await session.get('/api/auth/me')).status()).toBe(200);
		await session.dispose();
	});

	// A new endpoint must come with its bad input: every route the app serves has a row above
	// (the JSON bodies, the query cases, or the logout test).
	test('every API route × method has bad-input cases here', () => {
		const covered = [
			...JSON_ENDPOINTS.map((e) => `POST ${e.path}`),
			...QUERY_CASES.map((c) => c.route),
			'POST /api/auth/logout'
		];
		expect(routeCoverage(covered)).toEqual({ missing: [], unknown: [] });
	});

	// Edge years of every indicator endpoint: inside its years an answer, outside a 400 with the
	// range, never a 500 (fy=2021 on the progress table used to throw in buildProgressTable).
	for (const e of INDICATOR_ROUTES) {
		for (const fy of [2020, 2021, 2026, 2027]) {
			const { from, to } = YEARS[e.years];
			const inside = fy >= from && fy <= to;
			test(`${e.route}?fy=${fy} → ${inside ? '200' : '400 invalid_fiscal_year'}`, async () => {
				const cursor = await currentCursor(w.staff);
				const res = await w.staff.get(`${pathOf(e.route)}?plan=tsurugashima&fy=${fy}${e.extra}`);
				if (inside) {
					expect(res.status(), await res.text()).toBe(200);
					expect(res.headers()['content-type']).toMatch(e.type);
				} else {
					const details = await expectApiError(res, 400, 'invalid_fiscal_year');
					expect(details).toEqual({ fy: String(fy), from, to });
				}
				expect((await pullAll(w.staff, cursor)).changes).toEqual([]);
			});
		}
	}

	test('fy reads 2023, 令和5年度, R5 and full-width digits as the same year', async () => {
		const csv = (fy: string) =>
			w.resident
				.get(`/api/indicators/progress.csv?plan=tsurugashima&fy=${encodeURIComponent(fy)}`)
				.then((r) => r.text());
		const western = await csv('2023');
		for (const fy of ['令和5年度', 'R5', '２０２３']) expect(await csv(fy), fy).toBe(western);
	});
});

// ---------------------------------------------------------------------------------------------
// Cross-site requests (hooks.server.ts): refused before any handler runs
// ---------------------------------------------------------------------------------------------

interface CrossSiteCase {
	name: string;
	headers: (baseURL: string) => Record<string, string>;
}

const CROSS_SITE: CrossSiteCase[] = [
	{ name: 'Origin: http://evil.example', headers: () => ({ origin: EVIL_ORIGIN }) },
	{ name: 'Origin: null (sandboxed frame)', headers: () => ({ origin: 'null' }) },
	{ name: 'a look-alike Origin', headers: (base) => ({ origin: `${base}.evil.example` }) },
	{
		name: 'Sec-Fetch-Site: cross-site and no Origin',
		headers: () => ({ 'sec-fetch-site': 'cross-site' })
	}
];

test.describe('cross-site requests', () => {
	for (const c of CROSS_SITE) {
		test(`push with ${c.name} → 403 cross_site_request, nothing written`, async () => {
			const device = new Device();
			const cursor = await currentCursor(w.staff);
			const res = await w.staff.post('/api/sync/push', {
				headers: c.headers(w.baseURL),
				data: { protocol: PROTOCOL, deviceId: device.deviceId, ops: [newPlace(device)] }
			});
			await expectApiError(res, 403, 'cross_site_request');
			expect((await pullAll(w.staff, cursor)).changes).toEqual([]);
		});
	}

	test('a cross-site form post (the classic CSRF) → 403, nothing written', async () => {
		// A plain HTML form can only send form content types. SvelteKit's own origin check refuses
		// those before hooks.server.ts runs, so this 403 carries SvelteKit's message, not
		// `{ reason, details }`; the status and the absence of any write are what count here.
		const device = new Device();
		const cursor = await currentCursor(w.staff);
		const res = await w.staff.post('/api/sync/push', {
			headers: { origin: EVIL_ORIGIN, 'content-type': 'text/plain' },
			data: JSON.stringify({
				protocol: PROTOCOL,
				deviceId: device.deviceId,
				ops: [newPlace(device)]
			})
		});
		expect(res.status()).toBe(403);
		expect((await pullAll(w.staff, cursor)).changes).toEqual([]);
	});

	test('login from another site → 403 cross_site_request, no session cookie', async () => {
		const res = await w.resident.post('/api/auth/login', {
			headers: { origin: EVIL_ORIGIN },
			data: { email: w.organizerAccount.email, password: TEST_PASSWORD }
		});
		await expectApiError(res, 403, 'cross_site_request');
		expect(res.headers()['set-cookie']).toBeUndefined();
	});

	test('account creation from another site → 403 cross_site_request, no account', async () => {
		const email = uniqueEmail('csrf');
		const res = await w.admin.post('/api/admin/accounts', {
			headers: { origin: EVIL_ORIGIN },
			data: { email, password: TEST_PASSWORD, role: 'admin', districtIds: [] }
		});
		await expectApiError(res, 403, 'cross_site_request');
		const list = (await (await w.admin.get('/api/admin/accounts')).json()) as {
			accounts: { email: string }[];
		};
		expect(list.accounts.map((a) => a.email)).not.toContain(email);
	});

	test('logout from another site → 403 cross_site_request, the session lives on', async ({
		playwright
	}) => {
		const session = await signIn(playwright, w.baseURL, w.organizerAccount.email, TEST_PASSWORD);
		const res = await session.post('/api/auth/logout', { headers: { origin: EVIL_ORIGIN } });
		await expectApiError(res, 403, 'cross_site_request');
		expect((await session.get('/api/auth/me')).status()).toBe(200);
		await session.dispose();
	});

	test('same-origin writes and cross-site reads pass', async () => {
		const device = new Device();
		const res = await w.staff.post('/api/sync/push', {
			headers: { origin: new URL(w.baseURL).origin, 'sec-fetch-site': 'same-origin' },
			data: { protocol: PROTOCOL, deviceId: device.deviceId, ops: [newPlace(device)] }
		});
		expect(res.status()).toBe(200);
		// Reads change nothing, so their origin does not matter (open data is meant to be shared).
		const read = await w.staff.get('/api/auth/me', { headers: { origin: EVIL_ORIGIN } });
		expect(read.status()).toBe(200);
	});
});

// ---------------------------------------------------------------------------------------------
// Sign-in brakes
// ---------------------------------------------------------------------------------------------

test.describe('sign-in', () => {
	// Five failures lock the account (login.ts ACCOUNT_MAX_FAILURES), and the fifth already says
	// so. Each test here spends 5 of the 20 failures per address per 15 minutes the whole run may
	// make (ADDRESS_MAX_FAILURES), so other specs must stay well below 10.
	test('5 wrong passwords: the 5th answers 423 account_locked with Retry-After', async () => {
		const account = await createAccount(w.admin, 'organizer');
		const attempt = (password: string) =>
			w.resident.post('/api/auth/login', { data: { email: account.email, password } });
		for (let i = 1; i <= 4; i++) {
			const res = await attempt(`wrong-password-${i}`);
			const details = await expectApiError(res, 401, 'invalid_credentials');
			expect(details).toEqual({ retryAfterSeconds: null });
			expect(res.headers()['set-cookie']).toBeUndefined();
		}
		const locked = await attempt('wrong-password-5');
		const details = (await expectApiError(locked, 423, 'account_locked')) as {
			retryAfterSeconds: number;
		};
		const retryAfter = Number(locked.headers()['retry-after']);
		expect(retryAfter).toBe(15 * 60);
		expect(details.retryAfterSeconds).toBe(retryAfter);
		expect(locked.headers()['set-cookie']).toBeUndefined();
		// While locked, even the right password is refused and no session is made.
		const right = await attempt(TEST_PASSWORD);
		await expectApiError(right, 423, 'account_locked');
		expect(right.headers()['set-cookie']).toBeUndefined();
	});

	test('the login page says in Japanese that the account is locked, on the locking attempt', async ({
		page
	}) => {
		const account = await createAccount(w.admin, 'organizer');
		for (let i = 1; i <= 4; i++) {
			const res = await w.resident.post('/api/auth/login', {
				data: { email: account.email, password: `wrong-password-${i}` }
			});
			await expectApiError(res, 401, 'invalid_credentials');
		}
		await page.goto('/login');
		await page.locator('body[data-hydrated]').waitFor();
		await page.getByLabel('メールアドレス').fill(account.email);
		await page.getByLabel('パスワード').fill('wrong-password-5');
		await page.getByRole('button', { name: 'ログイン' }).click();
		await expect(page.locator('form').getByRole('alert')).toHaveText(
			'続けて間違えたため、約15分間ログインできません。'
		);
		await expect(page).toHaveURL(/\/login$/);
	});

	test('an email with a NUL character → 4xx, not 500', async () => {
		const res = await w.resident.post('/api/auth/login', {
			data: { email: 'a\u0000b@example.test', password: 'whatever-password' }
		});
		expect(res.status(), await res.text()).toBeLessThan(500);
		expect([400, 401]).toContain(res.status());
	});
});

// ---------------------------------------------------------------------------------------------
// Script-like and formula-like text: stored as text, rendered inert, exported safely
// ---------------------------------------------------------------------------------------------

const SCRIPT_NAME = '<img src=x onerror=alert(1)><script>alert(2)</script>';

async function csvRecords(): Promise<Record<string, string>[]> {
	const res = await w.resident.get('/api/places.csv');
	expect(res.status()).toBe(200);
	return parseCsvRecords(await res.text());
}

test.describe('script-like and formula-like text', () => {
	let placeId: string;

	test.beforeAll(async () => {
		// A coordinator registering in their own district: approved at once, so it is public.
		const device = new Device();
		const op = newPlace(device, { name: SCRIPT_NAME, address: '<b>鶴ヶ島市藤金</b>' });
		expect(await pushOne(w.coordinator, device, op)).toEqual({ opId: op.opId, status: 'applied' });
		placeId = op.placeId;
	});

	test('the place page shows the name as text; nothing runs', async ({ page }) => {
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		const response = await page.goto(`/places/${placeId}`);
		expect(response?.status()).toBe(200);
		// The server's HTML escapes it: no live tag in the markup.
		const html = (await response?.text()) ?? '';
		expect(html).not.toContain('<script>alert(2)</script>');
		expect(html).not.toContain('<img src=x');
		await page.locator('body[data-hydrated]').waitFor();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCRIPT_NAME);
		expect(await page.title()).toContain(SCRIPT_NAME);
		// After hydration too: no element was made from the text. (SvelteKit's own hydration
		// script carries the name inside an escaped string literal; no script *is* the payload.)
		expect(await page.locator('img[src="x"], img[onerror]').count()).toBe(0);
		const scripts = await page
			.locator('script')
			.evaluateAll((els) => els.map((el) => el.textContent?.trim() ?? ''));
		expect(scripts).not.toContain('alert(2)');
		await expect(page.getByText('<b>鶴ヶ島市藤金</b>')).toBeVisible();
		expect(dialogs).toEqual([]);
	});

	test('the CSV export carries the name as plain text', async () => {
		const record = (await csvRecords()).find((r) => r.id === placeId);
		expect(record?.name).toBe(SCRIPT_NAME);
	});

	test('the GeoJSON export carries the name as plain text', async () => {
		const geo = (await (await w.resident.get('/api/places.geojson')).json()) as {
			features: { id: string; properties: { name: string } }[];
		};
		expect(geo.features.find((f) => f.id === placeId)?.properties.name).toBe(SCRIPT_NAME);
	});

	// CSV injection: a cell starting with = + - @ is a formula to Excel (a leading tab or CR is
	// trimmed away by the schema). The export prefixes a quote mark so it stays text.
	const FORMULAS = [
		'=1+2',
		'=HYPERLINK("http://evil.example/","詳しくはこちら")',
		'+1+2',
		"@SUM(1+1)*cmd|' /C calc'!A0",
		// Starts like a negative number, but is a formula all the same (classic DDE payload).
		"-2+3+cmd|' /C calc'!A0"
	];
	for (const formula of FORMULAS) {
		test(`a name starting ${JSON.stringify(formula.slice(0, 6))} is exported as text`, async () => {
			const device = new Device();
			const op = newPlace(device, { name: formula, address: formula });
			expect(await pushOne(w.coordinator, device, op)).toMatchObject({ status: 'applied' });
			const record = (await csvRecords()).find((r) => r.id === op.placeId);
			expect(record?.name).toBe(`'${formula}`);
			expect(record?.address).toBe(`'${formula}`);
		});
	}

	test('a plain negative number stays a number', async () => {
		const device = new Device();
		const op = newPlace(device, { name: '-5' });
		expect(await pushOne(w.coordinator, device, op)).toMatchObject({ status: 'applied' });
		expect((await csvRecords()).find((r) => r.id === op.placeId)?.name).toBe('-5');
	});
});

// ---------------------------------------------------------------------------------------------
// indicator.evaluate: bad evaluations (a block of its own). A year ahead of the running one is
// refused with future_date too; the plan runs through 令和8年度, so no such year lies inside it
// while the suite runs today — tests/unit/server/indicator-evaluations.test.ts pins the clock.
// ---------------------------------------------------------------------------------------------

test.describe('indicator.evaluate: bad evaluations are refused, nothing written', () => {
	const cases: {
		name: string;
		overrides: Record<string, unknown>;
		reason: string;
		details?: unknown;
	}[] = [
		{ name: 'a mark outside ◎○△× (◯ U+25EF)', overrides: { mark: '◯' }, reason: 'invalid_op' },
		{ name: 'a mark given as a word', overrides: { mark: 'good' }, reason: 'invalid_op' },
		{
			name: 'a direction outside 拡充・継続・見直し・廃止',
			overrides: { direction: '中止' },
			reason: 'invalid_op'
		},
		{
			name: '成果 over 4,000 characters',
			overrides: { results: 'あ'.repeat(4001) },
			reason: 'invalid_op'
		},
		{
			name: 'a reason over 4,000 characters',
			overrides: { direction: '見直し', reason: 'あ'.repeat(4001) },
			reason: 'invalid_op'
		},
		{ name: 'no department', overrides: { department: '' }, reason: 'invalid_op' },
		{ name: 'an unknown field', overrides: { score: 5 }, reason: 'invalid_op' },
		{ name: 'text with a NUL character', overrides: { issues: 'a\u0000b' }, reason: 'invalid_op' },
		{
			name: '見直し without a reason',
			overrides: { direction: '見直し', reason: null },
			reason: 'reason_required',
			details: { direction: '見直し' }
		},
		{
			name: '廃止 with a blank reason',
			overrides: { direction: '廃止', reason: '\u3000' },
			reason: 'reason_required'
		},
		{
			name: 'nothing in it',
			overrides: { results: null, issues: ' ', mark: null, direction: null },
			reason: 'empty_evaluation'
		},
		{
			name: 'an indicator the plan does not have',
			overrides: { indicatorNumber: 99 },
			reason: 'unknown_indicator'
		},
		{
			name: 'the baseline year, before the plan',
			overrides: { fiscalYear: 2021 },
			reason: 'outside_plan_period',
			details: { from: 2022, to: 2026 }
		},
		{
			name: 'a year after the plan',
			overrides: { fiscalYear: 2030 },
			reason: 'outside_plan_period'
		}
	];

	for (const c of cases) {
		test(`indicator.evaluate with ${c.name} → rejected ${c.reason}`, async () => {
			const device = new Device();
			const op = { ...indicatorEvaluate(device), ...c.overrides };
			const cursor = await currentCursor(w.staff);
			const result = await pushOne(w.staff, device, op);
			expect(result).toMatchObject({ opId: op.opId, status: 'rejected', reason: c.reason });
			if (c.details !== undefined) expect(result.details).toEqual(c.details);
			await expectNothingWritten(cursor, op.opId, op.evaluationId);
		});
	}
});
