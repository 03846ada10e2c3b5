/**
 * Helpers for the pure API specs (api-*.spec.ts): sign in, create accounts through the admin
 * API, build well-formed sync ops, push them, and read what the server kept (pull feed, audit).
 *
 * The domain modules are imported by relative path because the e2e runner has no `#lib` alias;
 * they are framework-free (no SvelteKit, no server code), so importing them here is safe.
 */
import {
	expect,
	type APIRequestContext,
	type APIResponse,
	type PlaywrightWorkerArgs
} from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';
import type { Role } from '../../../src/lib/domain/policy';
import { todayInJapan } from '../../../src/lib/domain/fiscal-year';
import { encodeHlc } from '../../../src/lib/domain/sync/hlc';
import {
	MAX_OPS_PER_PUSH,
	PROTOCOL_VERSION,
	type Change,
	type Entity,
	type OpOf,
	type OpResult,
	type PlaceFields,
	type PullResponse,
	type PushResponse
} from '../../../src/lib/domain/sync/protocol';
import { uuidv7 } from '../../../src/lib/domain/sync/uuid';

export { E2E_ADMIN, uuidv7 };

type Playwright = PlaywrightWorkerArgs['playwright'];

/** The only pack the test server loads. */
export const PACK_ID = 'tsurugashima';
/** Every account made here shares this password (MIN_PASSWORD_LENGTH is 10). */
export const TEST_PASSWORD = 'e2e-account-password';
/** The app's current sync protocol: the API specs speak what today's app speaks. */
export const PROTOCOL = PROTOCOL_VERSION;

export interface TestAccount {
	userId: string;
	email: string;
	password: string;
	role: Role;
	districtIds: string[];
}

/** The `{ reason, details }` body every API error has. */
export interface ApiErrorBody {
	reason: string;
	details: unknown;
}

export interface AuditEntry {
	opId: string;
	kind: string;
	status: string;
	reason: string | null;
	userEmail: string | null;
	deviceId: string;
	receivedAt: string;
	body: unknown;
}

/** The base URL of the running project, for contexts made outside the `request` fixture. */
export function baseURLOf(info: { project: { use: { baseURL?: string } } }): string {
	const url = info.project.use.baseURL;
	if (!url) throw new Error('playwright.config.ts must set use.baseURL');
	return url;
}

/**
 * Options of a request context made outside the `request` fixture: the behind-proxy project's
 * https uses a throwaway self-signed certificate (tests/e2e/behind-proxy/serve.mjs).
 */
export function apiContextOptions(baseURL: string) {
	return { baseURL, ignoreHTTPSErrors: baseURL.startsWith('https:') };
}

/** A request context with no session: a resident. */
export function anonymous(playwright: Playwright, baseURL: string): Promise<APIRequestContext> {
	return playwright.request.newContext(apiContextOptions(baseURL));
}

/**
 * A request context holding the session cookie of `email`. Throws (with the server's answer)
 * when sign-in fails, so a broken setup reads as a setup failure and not as a wrong status.
 */
export async function signIn(
	playwright: Playwright,
	baseURL: string,
	email: string,
	password: string
): Promise<APIRequestContext> {
	const api = await playwright.request.newContext(apiContextOptions(baseURL));
	const res = await api.post('/api/auth/login', { data: { email, password } });
	if (res.status() !== 200) {
		const body = await res.text();
		await api.dispose();
		throw new Error(`sign-in as ${email} failed: ${res.status()} ${body}`);
	}
	return api;
}

/** The bootstrap admin of the test server (playwright.config.ts). */
export function signInAdmin(playwright: Playwright, baseURL: string): Promise<APIRequestContext> {
	return signIn(playwright, baseURL, E2E_ADMIN.email, E2E_ADMIN.password);
}

let emailSeq = 0;
/** Unique across runs against one server and across workers: time, counter and randomness. */
export function uniqueEmail(label: string): string {
	emailSeq += 1;
	const random = Math.random().toString(36).slice(2, 8);
	return `${label}-${Date.now().toString(36)}-${emailSeq}-${random}@example.test`;
}

/** Creates an account through POST /api/admin/accounts; `admin` must be an admin's context. */
export async function createAccount(
	admin: APIRequestContext,
	role: Role,
	districtIds: string[] = []
): Promise<TestAccount> {
	const email = uniqueEmail(role);
	const res = await admin.post('/api/admin/accounts', {
		data: { email, password: TEST_PASSWORD, role, districtIds }
	});
	expect(res.status(), `create ${role}: ${await res.text()}`).toBe(201);
	const { account } = (await res.json()) as { account: Omit<TestAccount, 'password'> };
	return { ...account, password: TEST_PASSWORD };
}

/** Creates an account and signs it in. */
export async function createAndSignIn(
	playwright: Playwright,
	baseURL: string,
	admin: APIRequestContext,
	role: Role,
	districtIds: string[] = []
): Promise<{ account: TestAccount; api: APIRequestContext }> {
	const account = await createAccount(admin, role, districtIds);
	return { account, api: await signIn(playwright, baseURL, account.email, account.password) };
}

/** A calendar date in Japan `daysAgo` days back (session and team dates must not be future). */
export function pastDate(daysAgo = 3): string {
	return todayInJapan(Date.now() - daysAgo * 86_400_000);
}

/** Tomorrow in Japan: a real date the server must refuse as `future_date`. */
export function futureDate(): string {
	return todayInJapan(Date.now() + 2 * 86_400_000);
}

// One clock for every device of the test process: each stamp is later than the one before, so
// a later op always wins last-writer-wins merges even when two ops share a millisecond.
let lastWall = 0;
function nextWall(): number {
	lastWall = Math.max(Date.now(), lastWall + 1);
	return lastWall;
}

/** A device: its own id and hybrid logical clock. Ops it builds pass the protocol schema. */
export class Device {
	readonly deviceId = uuidv7();
	private counter = 0;

	/** An HLC stamp; `wall` overrides the clock (e.g. to run ahead of the server). */
	at(wall = nextWall()): string {
		this.counter += 1;
		return encodeHlc({ wall, counter: this.counter, node: this.deviceId });
	}

	envelope(): { opId: string; deviceId: string; at: string } {
		return { opId: uuidv7(), deviceId: this.deviceId, at: this.at() };
	}
}

// Every place id newPlace() made in this worker, whether or not the server accepted it.
const registeredPlaceIds = new Set<string>();

/** place.upsert registering a new place: name, category and district are required. */
export function newPlace(
	device: Device,
	fields: Partial<PlaceFields> = {},
	placeId = uuidv7()
): OpOf<'place.upsert'> {
	registeredPlaceIds.add(placeId);
	return {
		...device.envelope(),
		kind: 'place.upsert',
		placeId,
		packId: PACK_ID,
		fields: { name: 'E2E サロン', category: 'salon', districtId: 'fuji', ...fields }
	};
}

/** place.upsert editing an existing place: only the given fields. */
export function editPlace(
	device: Device,
	placeId: string,
	fields: Partial<PlaceFields>
): OpOf<'place.upsert'> {
	return { ...device.envelope(), kind: 'place.upsert', placeId, packId: PACK_ID, fields };
}

export function moderatePlace(
	device: Device,
	placeId: string,
	decision: 'approve' | 'return' = 'approve'
): OpOf<'place.moderate'> {
	return {
		...device.envelope(),
		kind: 'place.moderate',
		placeId,
		decision,
		reason: decision === 'return' ? '住所を確認してください' : null
	};
}

export function sessionRecord(
	device: Device,
	placeId: string,
	overrides: Partial<OpOf<'session.record'>> = {}
): OpOf<'session.record'> {
	return {
		...device.envelope(),
		kind: 'session.record',
		sessionId: uuidv7(),
		version: 1,
		placeId,
		date: pastDate(),
		participants: { total: 12, men: 4, women: 8, children: 0 },
		volunteers: 3,
		firstTimers: 1,
		hours: 2,
		deleted: false,
		...overrides
	};
}

export function meetingUpsert(
	device: Device,
	fields: OpOf<'meeting.upsert'>['fields'] = {},
	meetingId = uuidv7()
): OpOf<'meeting.upsert'> {
	return {
		...device.envelope(),
		kind: 'meeting.upsert',
		meetingId,
		fields: {
			meetingKind: 'area-meeting',
			districtIds: ['fuji'],
			date: pastDate(),
			venue: '藤公民館',
			closed: false,
			...fields
		}
	};
}

/** meeting.upsert changing only the given fields of an existing meeting. */
export function editMeeting(
	device: Device,
	meetingId: string,
	fields: OpOf<'meeting.upsert'>['fields']
): OpOf<'meeting.upsert'> {
	return { ...device.envelope(), kind: 'meeting.upsert', meetingId, fields };
}

export function tallySet(
	device: Device,
	meetingId: string,
	overrides: Partial<OpOf<'tally.set'>> = {}
): OpOf<'tally.set'> {
	return {
		...device.envelope(),
		kind: 'tally.set',
		tallyId: uuidv7(),
		meetingId,
		version: 1,
		counts: { residents: 5, 'city-staff': 1 },
		organisations: ['藤地区支え合い協議会'],
		...overrides
	};
}

export function teamRecord(
	device: Device,
	districtId: string,
	overrides: Partial<OpOf<'team.record'>> = {}
): OpOf<'team.record'> {
	return {
		...device.envelope(),
		kind: 'team.record',
		teamId: uuidv7(),
		version: 1,
		districtId,
		formedOn: pastDate(30),
		members: 6,
		childrenTakePart: false,
		linkedToEvacuationPlan: true,
		deleted: false,
		...overrides
	};
}

/** A staff entry of indicator 3 (健康づくりの担い手) for the plan's first year. */
export function indicatorRecord(
	device: Device,
	overrides: Partial<OpOf<'indicator.record'>> = {}
): OpOf<'indicator.record'> {
	return {
		...device.envelope(),
		kind: 'indicator.record',
		entryId: uuidv7(),
		planId: 'tsurugashima',
		indicatorNumber: 3,
		fiscalYear: 2022,
		value: { kind: 'number', value: 139 },
		activities: 'テスト入力（e2e 生成）',
		source: { kind: 'reported', by: '健康長寿課' },
		note: null,
		...overrides
	};
}

/** A staff evaluation of indicator 3 for the plan's first year (generated test text). */
export function indicatorEvaluate(
	device: Device,
	overrides: Partial<OpOf<'indicator.evaluate'>> = {}
): OpOf<'indicator.evaluate'> {
	return {
		...device.envelope(),
		kind: 'indicator.evaluate',
		evaluationId: uuidv7(),
		planId: 'tsurugashima',
		indicatorNumber: 3,
		fiscalYear: 2022,
		results: 'テスト評価の成果（e2e 生成）',
		issues: 'テスト評価の課題（e2e 生成）',
		mark: '○',
		direction: '継続',
		reason: null,
		department: '健康長寿課',
		...overrides
	};
}

/** The id of the record an op (or a malformed op-like object) is about, as the audit keys it. */
export function entityIdOf(op: unknown): string {
	const o = (op ?? {}) as Record<string, unknown>;
	// Own ids before references: a session names its place, a tally its meeting.
	for (const key of ['sessionId', 'tallyId', 'teamId', 'meetingId', 'placeId', 'entryId']) {
		if (typeof o[key] === 'string') return o[key] as string;
	}
	return '';
}

/** POST /api/sync/push with a well-formed envelope and whatever ops are given. */
export function push(api: APIRequestContext, device: Device, ops: unknown[]): Promise<APIResponse> {
	return api.post('/api/sync/push', {
		data: { protocol: PROTOCOL, deviceId: device.deviceId, ops }
	});
}

/** Pushes ops and returns the per-op results; the request itself must succeed. */
export async function pushOps(
	api: APIRequestContext,
	device: Device,
	ops: unknown[]
): Promise<OpResult[]> {
	const res = await push(api, device, ops);
	expect(res.status(), await res.text()).toBe(200);
	const body = (await res.json()) as PushResponse;
	expect(body.results).toHaveLength(ops.length);
	return body.results;
}

export async function pushOne(
	api: APIRequestContext,
	device: Device,
	op: unknown
): Promise<OpResult> {
	const [result] = await pushOps(api, device, [op]);
	return result!;
}

/**
 * Every change after `since` the account may see, following pages (`limit` each) while the
 * server says `hasMore`, sending back the `view` each page names as a device does; `pages`
 * counts the requests. In the current protocol unless told (protocol 1 has no views, no `gone`
 * changes and no evaluations).
 */
export async function pullAll(
	api: APIRequestContext,
	since = 0,
	limit = 1000,
	protocol: number = PROTOCOL
): Promise<{ changes: Change[]; cursor: number; pages: number; view: string | undefined }> {
	const changes: Change[] = [];
	let cursor = since;
	let view: string | undefined;
	for (let pages = 1; ; pages++) {
		const viewParam = view ? `&view=${view}` : '';
		const res = await api.get(
			`/api/sync/pull?protocol=${protocol}&since=${cursor}&limit=${limit}${viewParam}`
		);
		expect(res.status(), await res.text()).toBe(200);
		const page = (await res.json()) as PullResponse;
		expect(page.reset, 'a pull from a live cursor must not be told to start over').toBe(false);
		changes.push(...page.changes);
		if (page.hasMore) expect(page.cursor, 'a page must move the cursor').toBeGreaterThan(cursor);
		cursor = page.cursor;
		view = page.view;
		if (!page.hasMore) return { changes, cursor, pages, view };
	}
}

/** The cursor after every change the account may see now. */
export async function currentCursor(api: APIRequestContext): Promise<number> {
	return (await pullAll(api, 0)).cursor;
}

/**
 * The history of the record of `kind` with id `id` (ids are unique only within a kind). A
 * record that does not exist has none: 404 `unknown_record` reads as no entries.
 */
export async function auditEntries(
	api: APIRequestContext,
	id: string,
	kind: Entity = 'place'
): Promise<AuditEntry[]> {
	const res = await api.get(`/api/audit?kind=${kind}&id=${encodeURIComponent(id)}`);
	const text = await res.text();
	if (res.status() === 404) {
		expect(JSON.parse(text), text).toEqual({ reason: 'unknown_record', details: { kind } });
		return [];
	}
	expect(res.status(), text).toBe(200);
	return (JSON.parse(text) as { entries: AuditEntry[] }).entries;
}

/**
 * Asserts an API error: the exact status, a JSON body of exactly `{ reason, details }`, and the
 * reason code. Returns the details for further checks.
 */
export async function expectApiError(
	res: APIResponse,
	status: number,
	reason: string
): Promise<unknown> {
	const text = await res.text();
	expect(res.status(), text).toBe(status);
	expect(res.headers()['content-type'] ?? '').toMatch(/^application\/json/);
	const body = JSON.parse(text) as ApiErrorBody;
	expect(Object.keys(body).sort()).toEqual(['details', 'reason']);
	expect(body.reason).toBe(reason);
	return body.details;
}

/**
 * Takes every place this worker registered out of public view by closing it (as staff). Specs
 * share one server, and later specs count the public places (find.spec.ts expects the pack's
 * 39): an API spec must leave the public list as it found it. Call from afterAll.
 */
export async function closeRegisteredPlaces(staff: APIRequestContext): Promise<void> {
	const res = await staff.get('/api/pack');
	const pack = (await res.json()) as { pack: { places: { id: string }[] } };
	const ids = pack.pack.places.map((p) => p.id).filter((id) => registeredPlaceIds.has(id));
	registeredPlaceIds.clear();
	const device = new Device();
	for (let i = 0; i < ids.length; i += MAX_OPS_PER_PUSH) {
		const ops = ids
			.slice(i, i + MAX_OPS_PER_PUSH)
			.map((id) => editPlace(device, id, { status: 'closed' }));
		const results = await pushOps(staff, device, ops);
		expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
	}
}
