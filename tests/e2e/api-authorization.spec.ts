/**
 * Authorization matrix: every API endpoint and every sync op, for every kind of caller.
 *
 * Callers (src/lib/domain/policy.ts): a resident (anonymous), the organizer who registered the
 * place under test ("owner"), another organizer, a coordinator of the place's district (fuji),
 * a coordinator of another district (sakae), staff, and an admin. Each row of a table below is
 * one endpoint or op with the exact answer each caller must get; a test is generated per cell,
 * so a failure names the endpoint and the caller.
 *
 * Pushes and pulls speak the app's current sync protocol (PROTOCOL, from the domain's
 * PROTOCOL_VERSION), as today's app does: a rule that only older protocols met would go unseen.
 *
 * Pure API: only request contexts, no browser. Meant for one project (see the report on
 * testIgnore for the desktop project).
 */
import {
	expect,
	test,
	type APIRequestContext,
	type APIResponse,
	type PlaywrightWorkerArgs
} from '@playwright/test';
import { PROTOCOL_VERSION, type Change, type OpResult } from '../../src/lib/domain/sync/protocol';
import {
	anonymous,
	apiContextOptions,
	baseURLOf,
	closeRegisteredPlaces,
	createAndSignIn,
	Device,
	editMeeting,
	editPlace,
	indicatorEvaluate,
	indicatorRecord,
	meetingUpsert,
	moderatePlace,
	newPlace,
	pullAll,
	PROTOCOL,
	pushOne,
	sessionRecord,
	signIn,
	signInAdmin,
	tallySet,
	teamRecord,
	TEST_PASSWORD,
	uniqueEmail,
	type TestAccount
} from './api/accounts';
import { openEventStream } from './api/event-stream';
import { apiRoutes, routeCoverage } from './api/routes';

const ACTORS = [
	'resident',
	'owner',
	'organizer',
	'coordinator',
	'otherCoordinator',
	'staff',
	'admin'
] as const;
type Actor = (typeof ACTORS)[number];
type SignedIn = Exclude<Actor, 'resident'>;
const SIGNED_IN = ACTORS.filter((a): a is SignedIn => a !== 'resident');

/** The place's district, and one the "other" coordinator is assigned instead. */
const DISTRICT = 'fuji';
const OTHER_DISTRICT = 'sakae';

interface World {
	api: Record<Actor, APIRequestContext>;
	accounts: Record<SignedIn, TestAccount>;
	/** Registered by the owner in fuji; the moderation and edit rows act on it. */
	placeId: string;
	/** Registered by the owner in fuji and never moderated: it stays pending (not public). */
	pendingPlaceId: string;
	/** A session record at the pending place, logged by the owner. */
	sessionId: string;
	/** A fuji meeting created by staff. */
	meetingId: string;
	/** The device staff created it on (its id is in the meeting's history). */
	meetingDeviceId: string;
	/**
	 * Registered by the owner in fuji under the fuji meeting's id (ids are unique only within a
	 * kind): its history must be the place's, never the meeting's.
	 */
	placeUnderMeetingId: string;
	/** A city-wide meeting (no district) created by staff. */
	cityMeetingId: string;
	/** A fuji team record created by staff. */
	teamId: string;
}

// ---------------------------------------------------------------------------------------------
// Expected answers
// ---------------------------------------------------------------------------------------------

interface HttpAnswer {
	status: number;
	reason?: string;
	/** The error's details; null unless said otherwise. */
	details?: unknown;
}
const ok = (status = 200): HttpAnswer => ({ status });
/** An entry of GET /api/audit, as far as the rows check it. */
interface AuditRow {
	kind: string;
	userEmail: string | null;
	deviceId: string;
}

const SIGNIN_REQUIRED: HttpAnswer = { status: 401, reason: 'signin_required' };
const FORBIDDEN: HttpAnswer = { status: 403, reason: 'forbidden' };

const everyone = (answer: HttpAnswer): Record<Actor, HttpAnswer> =>
	Object.fromEntries(ACTORS.map((a) => [a, answer])) as Record<Actor, HttpAnswer>;
/** Residents must sign in; every signed-in caller gets `answer` unless overridden. */
const signedIn = (
	answer: HttpAnswer,
	overrides: Partial<Record<SignedIn, HttpAnswer>> = {}
): Record<Actor, HttpAnswer> => ({ ...everyone(answer), resident: SIGNIN_REQUIRED, ...overrides });
const adminOnly = (answer: HttpAnswer) => signedIn(FORBIDDEN, { admin: answer });

/** A session made for one test only, for rows that must not change the shared ones. */
interface Fresh {
	actor: Actor;
	/** A new context: anonymous for a resident, else a new sign-in of the actor's account. */
	session: () => Promise<APIRequestContext>;
}

interface HttpCase {
	name: string;
	/** The route the row exercises, `METHOD /api/path` (checked against src/routes/api). */
	route: string;
	call: (api: APIRequestContext, world: World, fresh: Fresh) => Promise<APIResponse>;
	/** A caller left out of the map is not tried on this row. */
	expected: Partial<Record<Actor, HttpAnswer>>;
	/** Extra checks on a successful answer. */
	check?: (body: unknown, actor: Actor, world: World) => void;
}

const HTTP_CASES: HttpCase[] = [
	// Public data: residents read it without an account, and so does everyone else.
	{
		name: 'GET /api/pack',
		route: 'GET /api/pack',
		call: (api) => api.get('/api/pack'),
		expected: everyone(ok())
	},
	{
		name: 'GET /api/pack/geometry',
		route: 'GET /api/pack/geometry',
		call: (api) => api.get('/api/pack/geometry'),
		expected: everyone(ok())
	},
	{
		name: 'GET /api/places.geojson',
		route: 'GET /api/places.geojson',
		call: (api) => api.get('/api/places.geojson'),
		expected: everyone(ok())
	},
	{
		name: 'GET /api/places.csv',
		route: 'GET /api/places.csv',
		call: (api) => api.get('/api/places.csv'),
		expected: everyone(ok())
	},
	{
		// Open data in the national layouts: public, like the app's own CSV.
		name: 'GET /api/standard/evacuation-sites.csv',
		route: 'GET /api/standard/[dataset]',
		call: (api) => api.get('/api/standard/evacuation-sites.csv'),
		expected: everyone(ok())
	},
	{
		name: 'GET /api/prefs',
		route: 'GET /api/prefs',
		call: (api) => api.get('/api/prefs'),
		expected: everyone(ok())
	},
	{
		// The plan is transcribed from public documents; staff entries are not in it.
		name: 'GET /api/plan',
		route: 'GET /api/plan',
		call: (api) => api.get('/api/plan'),
		expected: everyone(ok()),
		check: (body) => {
			const { city, plan } = body as { city: string; plan: { indicators: unknown[] } };
			expect(city).toBe('tsurugashima');
			expect(plan.indicators).toHaveLength(20);
		}
	},
	{
		// A pending registration is not public data: the open-data feeds must not carry it.
		name: 'GET /api/pack leaves out a pending registration',
		route: 'GET /api/pack',
		call: (api) => api.get('/api/pack'),
		expected: everyone(ok()),
		check: (body, _actor, w) => {
			const ids = (body as { pack: { places: { id: string }[] } }).pack.places.map((p) => p.id);
			expect(ids).not.toContain(w.pendingPlaceId);
		}
	},
	{
		name: 'GET /api/auth/me',
		route: 'GET /api/auth/me',
		call: (api) => api.get('/api/auth/me'),
		expected: signedIn(ok()),
		check: (body, actor, w) => {
			const account = (body as { account: TestAccount }).account;
			expect(account.userId).toBe(w.accounts[actor as SignedIn].userId);
			expect(account.role).toBe(w.accounts[actor as SignedIn].role);
			// The password hash never leaves the server.
			expect(JSON.stringify(body)).not.toMatch(/password_?hash|\$argon2/i);
		}
	},
	{
		name: 'GET /api/sync/pull',
		route: 'GET /api/sync/pull',
		call: (api) => api.get(`/api/sync/pull?protocol=${PROTOCOL}&since=0&limit=1`),
		expected: signedIn(ok())
	},
	{
		// Live notices: any signed-in account, for what its pull would give it (unit:
		// live-feed.test.ts); the stream starts with `ready`.
		name: 'GET /api/sync/events',
		route: 'GET /api/sync/events',
		call: async (api) => {
			const res = await openEventStream(api);
			if (res.status() === 200) {
				expect(res.headers()['content-type']).toMatch(/^text\/event-stream/);
				expect(await res.text()).toMatch(/^retry: \d+\nevent: ready\nid: \d+\n/);
			}
			return res;
		},
		expected: signedIn(ok())
	},
	{
		name: 'POST /api/sync/push',
		route: 'POST /api/sync/push',
		call: (api) => {
			const device = new Device();
			return api.post('/api/sync/push', {
				data: { protocol: PROTOCOL, deviceId: device.deviceId, ops: [newPlace(device)] }
			});
		},
		expected: signedIn(ok())
	},
	{
		// A place's history: its owner, the coordinators of its district, and staff.
		name: 'GET /api/audit?kind=place&id=<place>',
		route: 'GET /api/audit',
		call: (api, w) => api.get(`/api/audit?kind=place&id=${w.placeId}`),
		expected: signedIn(ok(), { organizer: FORBIDDEN, otherCoordinator: FORBIDDEN }),
		check: (body) => expect((body as { entries: unknown[] }).entries.length).toBeGreaterThan(0)
	},
	{
		// Apps that name no kind ask for a place's history, as they always did.
		name: 'GET /api/audit?id=<place> (no kind: a place)',
		route: 'GET /api/audit',
		call: (api, w) => api.get(`/api/audit?id=${w.placeId}`),
		expected: signedIn(ok(), { organizer: FORBIDDEN, otherCoordinator: FORBIDDEN }),
		check: (body) => expect((body as { entries: unknown[] }).entries.length).toBeGreaterThan(0)
	},
	{
		// Any other record's history is for staff only, even for its district's coordinator.
		name: 'GET /api/audit?kind=meeting&id=<meeting>',
		route: 'GET /api/audit',
		call: (api, w) => api.get(`/api/audit?kind=meeting&id=${w.meetingId}`),
		expected: signedIn(FORBIDDEN, { staff: ok(), admin: ok() }),
		check: (body) =>
			expect((body as { entries: AuditRow[] }).entries.map((e) => e.kind)).toEqual([
				'meeting.upsert'
			])
	},
	{
		// The owner registered a place under the meeting's id: the place's history is theirs to
		// read, and it holds the place's ops only — not the meeting's, its maker's email or phone.
		name: "GET /api/audit?kind=place&id=<the meeting's id, also a place's>",
		route: 'GET /api/audit',
		call: (api, w) => api.get(`/api/audit?kind=place&id=${w.placeUnderMeetingId}`),
		expected: signedIn(ok(), { organizer: FORBIDDEN, otherCoordinator: FORBIDDEN }),
		check: (body, _actor, w) => {
			const entries = (body as { entries: AuditRow[] }).entries;
			expect(entries.map((e) => [e.kind, e.userEmail])).toEqual([
				['place.upsert', w.accounts.owner.email]
			]);
			expect(JSON.stringify(body)).not.toContain(w.accounts.staff.email);
			expect(JSON.stringify(body)).not.toContain(w.meetingDeviceId);
		}
	},
	{
		name: "GET /api/audit?id=<the meeting's id, also a place's> (no kind: the place)",
		route: 'GET /api/audit',
		call: (api, w) => api.get(`/api/audit?id=${w.placeUnderMeetingId}`),
		expected: signedIn(ok(), { organizer: FORBIDDEN, otherCoordinator: FORBIDDEN }),
		check: (body) =>
			expect((body as { entries: AuditRow[] }).entries.map((e) => e.kind)).toEqual(['place.upsert'])
	},
	{
		// The same id as a meeting: still the meeting's history, staff's only.
		name: "GET /api/audit?kind=meeting&id=<the meeting's id, also a place's>",
		route: 'GET /api/audit',
		call: (api, w) => api.get(`/api/audit?kind=meeting&id=${w.placeUnderMeetingId}`),
		expected: signedIn(FORBIDDEN, { staff: ok(), admin: ok() }),
		check: (body) =>
			expect((body as { entries: AuditRow[] }).entries.map((e) => e.kind)).toEqual([
				'meeting.upsert'
			])
	},
	{
		// An id of no record of the kind asked for, whoever asks.
		name: 'GET /api/audit?kind=team&id=<the meeting>',
		route: 'GET /api/audit',
		call: (api, w) => api.get(`/api/audit?kind=team&id=${w.meetingId}`),
		expected: signedIn({ status: 404, reason: 'unknown_record', details: { kind: 'team' } })
	},
	{
		// The plan's published figures are open data.
		name: 'GET /api/indicators.csv',
		route: 'GET /api/indicators.csv',
		call: (api) => api.get('/api/indicators.csv?plan=tsurugashima&fy=2023'),
		expected: everyone(ok())
	},
	{
		name: 'GET /api/indicators/progress.xlsx',
		route: 'GET /api/indicators/progress.xlsx',
		call: (api) => api.get('/api/indicators/progress.xlsx?plan=tsurugashima&fy=2023'),
		expected: everyone(ok())
	},
	{
		name: 'GET /api/indicators/progress.csv',
		route: 'GET /api/indicators/progress.csv',
		call: (api) => api.get('/api/indicators/progress.csv?plan=tsurugashima&fy=2023'),
		expected: everyone(ok())
	},
	{
		// The 通いの場 survey figures: staff only.
		name: 'GET /api/paperwork/survey',
		route: 'GET /api/paperwork/survey',
		call: (api) => api.get('/api/paperwork/survey?fy=2023'),
		expected: signedIn(FORBIDDEN, { staff: ok(), admin: ok() })
	},
	{
		// Every salon's year with the grant verdict: staff only (organizers see their own offline).
		name: 'GET /api/paperwork/salons',
		route: 'GET /api/paperwork/salons',
		call: (api) => api.get('/api/paperwork/salons?fy=2023'),
		expected: signedIn(FORBIDDEN, { staff: ok(), admin: ok() })
	},
	{
		// Figures computed from records (by district) and the entry history: staff only.
		name: 'GET /api/indicators/computed',
		route: 'GET /api/indicators/computed',
		call: (api) => api.get('/api/indicators/computed?plan=tsurugashima&fy=2023'),
		expected: signedIn(FORBIDDEN, { staff: ok(), admin: ok() })
	},
	{
		name: 'GET /api/indicators/history',
		route: 'GET /api/indicators/history',
		call: (api) => api.get('/api/indicators/history?plan=tsurugashima&fy=2023&no=2'),
		expected: signedIn(FORBIDDEN, { staff: ok(), admin: ok() })
	},
	{
		name: 'GET /api/admin/accounts',
		route: 'GET /api/admin/accounts',
		call: (api) => api.get('/api/admin/accounts'),
		expected: adminOnly(ok()),
		check: (body) => expect(JSON.stringify(body)).not.toMatch(/password_?hash|\$argon2/i)
	},
	{
		name: 'POST /api/admin/accounts',
		route: 'POST /api/admin/accounts',
		call: (api) =>
			api.post('/api/admin/accounts', {
				data: {
					email: uniqueEmail('matrix'),
					password: TEST_PASSWORD,
					role: 'organizer',
					districtIds: []
				}
			}),
		expected: adminOnly(ok(201))
	},
	{
		// Anyone may sign in: a resident (no session) with an account's credentials, and a signed-in
		// caller again as themselves. Each call uses a session of its own: signing in replaces the
		// cookie of the context it is made in.
		name: 'POST /api/auth/login',
		route: 'POST /api/auth/login',
		call: async (_api, w, fresh) => {
			const account = w.accounts[fresh.actor === 'resident' ? 'owner' : fresh.actor];
			return (await fresh.session()).post('/api/auth/login', {
				data: { email: account.email, password: account.password }
			});
		},
		expected: everyone(ok()),
		check: (body, actor, w) => {
			const account = w.accounts[actor === 'resident' ? 'owner' : actor];
			expect((body as { account: TestAccount }).account.userId).toBe(account.userId);
		}
	},
	{
		// A wrong password is refused whoever asks, with the same answer.
		name: 'POST /api/auth/login with a wrong password',
		route: 'POST /api/auth/login',
		call: async (_api, w, fresh) =>
			(await fresh.session()).post('/api/auth/login', {
				data: { email: w.accounts.organizer.email, password: 'not-the-password' }
			}),
		expected: {
			resident: { status: 401, reason: 'invalid_credentials', details: { retryAfterSeconds: null } }
		}
	},
	{
		// Ends the caller's own session (a fresh one, so the matrix's shared sessions live on; the
		// tests after the table check that only that session ends). A resident has nothing to end.
		name: 'POST /api/auth/logout',
		route: 'POST /api/auth/logout',
		call: async (_api, _w, fresh) => (await fresh.session()).post('/api/auth/logout'),
		expected: everyone(ok(204))
	}
];

type OpAnswer = 'applied' | 'forbidden';

interface OpCase {
	name: string;
	/** The op to push; may first set up a record of its own (as staff or the owner) to act on. */
	build: (device: Device, world: World, actor: SignedIn) => unknown | Promise<unknown>;
	expected: Record<SignedIn, OpAnswer>;
}

/** Coordinators of the district, staff and admins; nobody else. */
const DISTRICT_MANAGERS: Record<SignedIn, OpAnswer> = {
	owner: 'forbidden',
	organizer: 'forbidden',
	coordinator: 'applied',
	otherCoordinator: 'forbidden',
	staff: 'applied',
	admin: 'applied'
};
/** The place's owner, staff and admins; coordinators only moderate, they do not edit. */
const OWNER_OR_STAFF: Record<SignedIn, OpAnswer> = {
	owner: 'applied',
	organizer: 'forbidden',
	coordinator: 'forbidden',
	otherCoordinator: 'forbidden',
	staff: 'applied',
	admin: 'applied'
};

/** Staff and admins only: a change that needs rights over the record as stored and as sent. */
const STAFF_ONLY: Record<SignedIn, OpAnswer> = {
	owner: 'forbidden',
	organizer: 'forbidden',
	coordinator: 'forbidden',
	otherCoordinator: 'forbidden',
	staff: 'applied',
	admin: 'applied'
};

/**
 * A fresh session of the owner at the owner's place, and a salon the caller registered (so
 * the caller may record sessions there, whoever they are): the next version of the owner's
 * session, naming the caller's salon.
 */
async function ownersSessionAtCallersSalon(d: Device, w: World, actor: SignedIn, deleted: boolean) {
	const ownerDevice = new Device();
	const session = sessionRecord(ownerDevice, w.placeId);
	expect(await pushOne(w.api.owner, ownerDevice, session)).toMatchObject({ status: 'applied' });
	const salon = newPlace(d, { name: `${actor} のサロン`, districtId: DISTRICT });
	expect(await pushOne(w.api[actor], d, salon)).toMatchObject({ status: 'applied' });
	return sessionRecord(d, salon.placeId, { sessionId: session.sessionId, version: 2, deleted });
}

/** A fresh fuji team made by staff; the caller sends its next version. */
async function nextVersionOfAFujiTeam(d: Device, w: World, districtId: string) {
	const staffDevice = new Device();
	const team = teamRecord(staffDevice, DISTRICT);
	expect(await pushOne(w.api.staff, staffDevice, team)).toMatchObject({ status: 'applied' });
	return teamRecord(d, districtId, { teamId: team.teamId, version: 2, members: 7 });
}

/** A fresh city-wide meeting made by staff, for one caller: a change cannot leak into the next. */
async function freshCityMeeting(w: World): Promise<string> {
	const staffDevice = new Device();
	const meeting = meetingUpsert(staffDevice, { districtIds: [] });
	expect(await pushOne(w.api.staff, staffDevice, meeting)).toMatchObject({ status: 'applied' });
	return meeting.meetingId;
}

const OP_CASES: OpCase[] = [
	{
		// Anyone signed in registers a place (it waits for approval unless they could approve it).
		name: 'place.upsert registering a new place',
		build: (d) => newPlace(d),
		expected: {
			owner: 'applied',
			organizer: 'applied',
			coordinator: 'applied',
			otherCoordinator: 'applied',
			staff: 'applied',
			admin: 'applied'
		}
	},
	{
		name: "place.upsert editing the owner's place",
		build: (d, w) => editPlace(d, w.placeId, { scheduleNote: `更新 ${Date.now()}` }),
		expected: OWNER_OR_STAFF
	},
	{
		name: 'place.moderate approving a fuji place',
		build: (d, w) => moderatePlace(d, w.placeId, 'approve'),
		expected: DISTRICT_MANAGERS
	},
	{
		name: "session.record at the owner's place",
		build: (d, w) => sessionRecord(d, w.placeId),
		expected: OWNER_OR_STAFF
	},
	{
		// Rights over the place a session is at, not only over the place the op names: anyone
		// with a salon of their own must not move someone else's session into it.
		name: "session.record moving the owner's session to the caller's salon",
		build: (d, w, actor) => ownersSessionAtCallersSalon(d, w, actor, false),
		expected: OWNER_OR_STAFF
	},
	{
		name: "session.record deleting the owner's session, naming the caller's salon",
		build: (d, w, actor) => ownersSessionAtCallersSalon(d, w, actor, true),
		expected: OWNER_OR_STAFF
	},
	{
		name: 'meeting.upsert creating a fuji meeting',
		build: (d) => meetingUpsert(d, { districtIds: [DISTRICT] }),
		expected: DISTRICT_MANAGERS
	},
	{
		name: 'meeting.upsert editing the fuji meeting',
		build: (d, w) => editMeeting(d, w.meetingId, { venue: `藤公民館 ${Date.now()}` }),
		expected: DISTRICT_MANAGERS
	},
	{
		// Adding one's own district to another district's meeting does not make it one's own
		// meeting. Each caller gets a fresh fuji meeting, so an edit that went through cannot
		// change what the next caller is allowed to do.
		name: 'meeting.upsert adding sakae to a fuji meeting',
		build: async (d, w) => {
			const staffDevice = new Device();
			const meeting = meetingUpsert(staffDevice, { districtIds: [DISTRICT] });
			expect(await pushOne(w.api.staff, staffDevice, meeting)).toMatchObject({
				status: 'applied'
			});
			return editMeeting(d, meeting.meetingId, { districtIds: [DISTRICT, OTHER_DISTRICT] });
		},
		expected: DISTRICT_MANAGERS
	},
	{
		name: 'tally.set at the fuji meeting',
		build: (d, w) => tallySet(d, w.meetingId),
		expected: DISTRICT_MANAGERS
	},
	// A city-wide meeting (no district) is staff's: no coordinator sees it in their feed, so
	// none may make, cancel, move or tally into one (README, roles).
	{
		name: 'meeting.upsert creating a city-wide meeting',
		build: (d) => meetingUpsert(d, { districtIds: [] }),
		expected: STAFF_ONLY
	},
	{
		name: 'meeting.upsert cancelling a city-wide meeting',
		build: async (d, w) => editMeeting(d, await freshCityMeeting(w), { cancelled: true }),
		expected: STAFF_ONLY
	},
	{
		name: 'meeting.upsert moving a city-wide meeting to fuji',
		build: async (d, w) => editMeeting(d, await freshCityMeeting(w), { districtIds: [DISTRICT] }),
		expected: STAFF_ONLY
	},
	{
		name: 'tally.set at a city-wide meeting',
		build: (d, w) => tallySet(d, w.cityMeetingId),
		expected: STAFF_ONLY
	},
	{
		// The fuji district would lose sight of it.
		name: 'meeting.upsert making a fuji meeting city-wide',
		build: async (d, w) => {
			const staffDevice = new Device();
			const meeting = meetingUpsert(staffDevice, { districtIds: [DISTRICT] });
			expect(await pushOne(w.api.staff, staffDevice, meeting)).toMatchObject({
				status: 'applied'
			});
			return editMeeting(d, meeting.meetingId, { districtIds: [] });
		},
		expected: STAFF_ONLY
	},
	{
		name: 'team.record for fuji',
		build: (d) => teamRecord(d, DISTRICT),
		expected: DISTRICT_MANAGERS
	},
	{
		name: 'team.record correcting a fuji team',
		build: (d, w) => nextVersionOfAFujiTeam(d, w, DISTRICT),
		expected: DISTRICT_MANAGERS
	},
	{
		// A sakae coordinator may record sakae teams, but not take fuji's over.
		name: 'team.record moving a fuji team to sakae',
		build: (d, w) => nextVersionOfAFujiTeam(d, w, OTHER_DISTRICT),
		expected: STAFF_ONLY
	},
	{
		name: 'indicator.record entering a yearly figure',
		build: (d) => indicatorRecord(d),
		expected: STAFF_ONLY
	}
];

/** What each caller's pull feed shows (residents cannot pull at all). */
interface VisibilityCase {
	name: string;
	/** The record's kind: ids are unique only within one (a place shares the meeting's). */
	entity: Change['entity'];
	id: (world: World) => string;
	sees: Record<SignedIn, boolean>;
}

const SEEN_IN_DISTRICT: Record<SignedIn, boolean> = {
	owner: false,
	organizer: false,
	coordinator: true,
	otherCoordinator: false,
	staff: true,
	admin: true
};

const VISIBILITY_CASES: VisibilityCase[] = [
	{
		name: "the owner's pending registration",
		entity: 'place',
		id: (w) => w.pendingPlaceId,
		sees: { ...SEEN_IN_DISTRICT, owner: true }
	},
	{
		name: "a session record at the owner's place",
		entity: 'session',
		id: (w) => w.sessionId,
		sees: { ...SEEN_IN_DISTRICT, owner: true }
	},
	{ name: 'a fuji meeting', entity: 'meeting', id: (w) => w.meetingId, sees: SEEN_IN_DISTRICT },
	{
		name: 'a city-wide meeting',
		entity: 'meeting',
		id: (w) => w.cityMeetingId,
		sees: { ...SEEN_IN_DISTRICT, coordinator: false }
	},
	{ name: 'a fuji team record', entity: 'team', id: (w) => w.teamId, sees: SEEN_IN_DISTRICT }
];

// ---------------------------------------------------------------------------------------------
// The world every row acts on
// ---------------------------------------------------------------------------------------------

let world: World;
let bootstrapAdmin: APIRequestContext;

test.beforeAll(async ({ playwright }, info) => {
	const baseURL = baseURLOf(info);
	bootstrapAdmin = await signInAdmin(playwright, baseURL);
	const make = (role: TestAccount['role'], districts: string[] = []) =>
		createAndSignIn(playwright, baseURL, bootstrapAdmin, role, districts);
	const [owner, organizer, coordinator, otherCoordinator, staff, admin] = await Promise.all([
		make('organizer'),
		make('organizer'),
		make('coordinator', [DISTRICT]),
		make('coordinator', [OTHER_DISTRICT]),
		make('staff'),
		make('admin')
	]);
	const accounts = {
		owner: owner.account,
		organizer: organizer.account,
		coordinator: coordinator.account,
		otherCoordinator: otherCoordinator.account,
		staff: staff.account,
		admin: admin.account
	};
	const api = {
		resident: await anonymous(playwright, baseURL),
		owner: owner.api,
		organizer: organizer.api,
		coordinator: coordinator.api,
		otherCoordinator: otherCoordinator.api,
		staff: staff.api,
		admin: admin.api
	};

	const ownerDevice = new Device();
	const place = newPlace(ownerDevice, { name: '藤の居場所' });
	const pending = newPlace(ownerDevice, { name: '藤の未承認サロン' });
	const session = sessionRecord(ownerDevice, pending.placeId);
	for (const op of [place, pending, session]) {
		expect(await pushOne(owner.api, ownerDevice, op)).toMatchObject({ status: 'applied' });
	}
	const staffDevice = new Device();
	const meeting = meetingUpsert(staffDevice, { districtIds: [DISTRICT] });
	const cityMeeting = meetingUpsert(staffDevice, { districtIds: [] });
	const team = teamRecord(staffDevice, DISTRICT);
	for (const op of [meeting, cityMeeting, team]) {
		expect(await pushOne(staff.api, staffDevice, op)).toMatchObject({ status: 'applied' });
	}
	// The owner's phone registers a salon under the meeting's id (an id is any UUID the device
	// sends): the server accepts it, as places and meetings are kept apart.
	const underMeetingId = newPlace(ownerDevice, { name: '藤の同じ番号のサロン' }, meeting.meetingId);
	expect(await pushOne(owner.api, ownerDevice, underMeetingId)).toMatchObject({
		status: 'applied'
	});
	world = {
		api,
		accounts,
		placeId: place.placeId,
		pendingPlaceId: pending.placeId,
		sessionId: session.sessionId,
		meetingId: meeting.meetingId,
		meetingDeviceId: staffDevice.deviceId,
		placeUnderMeetingId: underMeetingId.placeId,
		cityMeetingId: cityMeeting.meetingId,
		teamId: team.teamId
	};
});

test.afterAll(async () => {
	if (world) await closeRegisteredPlaces(world.api.staff);
	await Promise.all([bootstrapAdmin, ...Object.values(world?.api ?? {})].map((a) => a?.dispose()));
});

// ---------------------------------------------------------------------------------------------
// Generated tests: one per cell
// ---------------------------------------------------------------------------------------------

/** The endpoints known when this matrix was written (the brief of issue 4's hygiene pass). */
const KNOWN_ROUTES = [
	'GET /api/pack',
	'GET /api/pack/geometry',
	'GET /api/places.geojson',
	'GET /api/places.csv',
	'GET /api/prefs',
	'GET /api/plan',
	'GET /api/indicators.csv',
	'GET /api/indicators/progress.csv',
	'GET /api/indicators/progress.xlsx',
	'GET /api/indicators/computed',
	'GET /api/indicators/history',
	'GET /api/audit',
	'GET /api/sync/pull',
	'GET /api/sync/events',
	'GET /api/auth/me',
	'GET /api/admin/accounts',
	'POST /api/auth/login',
	'POST /api/auth/logout',
	'POST /api/sync/push',
	'POST /api/admin/accounts'
];

/** A new context for one test: anonymous for a resident, else a new sign-in of the actor. */
function freshSession(
	playwright: PlaywrightWorkerArgs['playwright'],
	baseURL: string,
	actor: Actor
): Promise<APIRequestContext> {
	if (actor === 'resident') return anonymous(playwright, baseURL);
	const account = world.accounts[actor];
	return signIn(playwright, baseURL, account.email, account.password);
}

const describeAnswer = (a: HttpAnswer) => (a.reason ? `${a.status} ${a.reason}` : `${a.status}`);

test.describe('endpoints × callers', () => {
	for (const c of HTTP_CASES) {
		for (const actor of ACTORS) {
			const expected = c.expected[actor];
			if (!expected) continue;
			test(`${c.name} as ${actor} → ${describeAnswer(expected)}`, async ({ playwright }, info) => {
				const sessions: APIRequestContext[] = [];
				const fresh: Fresh = {
					actor,
					session: async () => {
						const api = await freshSession(playwright, baseURLOf(info), actor);
						sessions.push(api);
						return api;
					}
				};
				try {
					const res = await c.call(world.api[actor], world, fresh);
					const text = await res.text();
					expect(res.status(), text).toBe(expected.status);
					if (expected.reason) {
						expect(JSON.parse(text)).toEqual({
							reason: expected.reason,
							details: expected.details ?? null
						});
					} else if (c.check) {
						c.check(text ? JSON.parse(text) : null, actor, world);
					}
				} finally {
					await Promise.all(sessions.map((s) => s.dispose()));
				}
			});
		}
	}

	// A new endpoint cannot be left out: every route the app serves (read from
	// src/routes/api/**/+server.ts) has rows here, and together they try every caller.
	test('every API route × method is in the matrix, for every caller', () => {
		// The reader itself must see the endpoints the app is known to have.
		expect(apiRoutes()).toEqual(expect.arrayContaining(KNOWN_ROUTES));
		const callers = new Map<string, Set<string>>();
		for (const c of HTTP_CASES) {
			const set = callers.get(c.route) ?? new Set<string>();
			for (const actor of Object.keys(c.expected)) set.add(actor);
			callers.set(c.route, set);
		}
		expect(routeCoverage(callers.keys())).toEqual({ missing: [], unknown: [] });
		const partial = [...callers]
			.filter(([, actors]) => ACTORS.some((a) => !actors.has(a)))
			.map(([route, actors]) => `${route}: ${ACTORS.filter((a) => !actors.has(a)).join(', ')}`);
		expect(partial, 'routes some caller is never tried on').toEqual([]);
	});

	test('a forged or unknown session cookie is a resident → 401 signin_required', async ({
		playwright
	}, info) => {
		for (const token of ['x'.repeat(43), 'y'.repeat(500), '']) {
			const api = await playwright.request.newContext({
				...apiContextOptions(baseURLOf(info)),
				extraHTTPHeaders: { cookie: `ibasho_session=${token}` }
			});
			const res = await api.get('/api/auth/me');
			expect(res.status()).toBe(401);
			expect(await res.json()).toEqual({ reason: 'signin_required', details: null });
			await api.dispose();
		}
	});

	for (const actor of SIGNED_IN) {
		test(`POST /api/auth/logout as ${actor} → 204, ends only that session`, async ({
			playwright
		}, info) => {
			const account = world.accounts[actor];
			const session = await signIn(playwright, baseURLOf(info), account.email, account.password);
			expect((await session.post('/api/auth/logout')).status()).toBe(204);
			expect(await (await session.get('/api/auth/me')).json()).toEqual({
				reason: 'signin_required',
				details: null
			});
			// The matrix's own session of the same account still works.
			expect((await world.api[actor].get('/api/auth/me')).status()).toBe(200);
			await session.dispose();
		});
	}
});

test.describe('sync ops × callers (per-op answers of POST /api/sync/push)', () => {
	for (const c of OP_CASES) {
		for (const actor of SIGNED_IN) {
			const expected = c.expected[actor];
			test(`${c.name} as ${actor} → ${expected}`, async () => {
				const device = new Device();
				const op = await c.build(device, world, actor);
				const result: OpResult = await pushOne(world.api[actor], device, op);
				const opId = (op as { opId: string }).opId;
				if (expected === 'applied') {
					expect(result).toEqual({ opId, status: 'applied' });
				} else {
					expect(result).toEqual({ opId, status: 'rejected', reason: 'forbidden' });
				}
			});
		}
	}
});

test.describe('pull feed × callers (who sees which record)', () => {
	// One pull per caller, shared by the rows: the feed is read, never changed, here.
	const feeds = new Map<SignedIn, Change[]>();
	const feedOf = async (actor: SignedIn) => {
		if (!feeds.has(actor)) feeds.set(actor, (await pullAll(world.api[actor], 0)).changes);
		return feeds.get(actor)!;
	};

	for (const c of VISIBILITY_CASES) {
		for (const actor of SIGNED_IN) {
			const sees = c.sees[actor];
			test(`${c.name}: ${actor} ${sees ? 'sees it' : 'does not see it'}`, async () => {
				const records = (await feedOf(actor)).map((ch) => `${ch.entity}:${ch.id}`);
				if (sees) expect(records).toContain(`${c.entity}:${c.id(world)}`);
				else expect(records).not.toContain(`${c.entity}:${c.id(world)}`);
			});
		}
	}
});

// ---------------------------------------------------------------------------------------------
// indicator.evaluate: staff evaluations of an indicator's year (a block of its own)
// ---------------------------------------------------------------------------------------------

test.describe('indicator.evaluate × callers', () => {
	const expected: Record<SignedIn, OpAnswer> = {
		owner: 'forbidden',
		organizer: 'forbidden',
		coordinator: 'forbidden',
		otherCoordinator: 'forbidden',
		staff: 'applied',
		admin: 'applied'
	};

	for (const actor of SIGNED_IN) {
		test(`indicator.evaluate evaluating a year as ${actor} → ${expected[actor]}`, async () => {
			const device = new Device();
			const op = indicatorEvaluate(device);
			const result: OpResult = await pushOne(world.api[actor], device, op);
			if (expected[actor] === 'applied') {
				expect(result).toEqual({ opId: op.opId, status: 'applied' });
			} else {
				expect(result).toEqual({ opId: op.opId, status: 'rejected', reason: 'forbidden' });
			}
		});
	}

	test('the standing evaluation reaches staff and admins only', async () => {
		const device = new Device();
		const op = indicatorEvaluate(device, { indicatorNumber: 4 });
		expect(await pushOne(world.api.staff, device, op)).toMatchObject({ status: 'applied' });
		for (const actor of SIGNED_IN) {
			const ids = (await pullAll(world.api[actor], 0, 1000, PROTOCOL_VERSION)).changes
				.filter((c) => c.entity === 'evaluation')
				.map((c) => c.id);
			if (expected[actor] === 'applied') expect(ids).toContain('tsurugashima/4/2022/evaluation');
			else expect(ids, actor).toEqual([]);
		}
	});
});
