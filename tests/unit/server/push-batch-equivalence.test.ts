/**
 * A batch push must answer and leave the database exactly as pushing the same ops one request
 * at a time would (the server batches the entity reads and writes of a batch for speed; this
 * is the proof that doing so changed no rule). One mixed batch — valid ops, rule violations,
 * schema-invalid ops, duplicates in and across requests, a reused op id, versions that exist,
 * sessions and tallies in and out of order, places and meetings created or closed mid-batch —
 * runs both ways on two fresh databases per engine, after the same setup. Compared: every
 * per-op answer, and every table a push writes (user ids mapped to names, timestamps and
 * change-feed sequence numbers left out: those depend on the number of requests).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '#lib/server/app-context.js';
import { createAccount, type Account } from '#lib/server/auth/accounts-repo.js';
import type { Database, Queryable } from '#lib/server/db/database.js';
import { committedClock } from '#lib/server/sync/change-feed.js';
import { handlePush } from '#lib/server/sync/push.js';
import type { OpResult } from '#lib/domain/sync/protocol.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import type { Role } from '#lib/domain/policy.js';
import { ENGINES, syncContext, TestDevice, type Engine } from './sync-helpers';
import { sessionOp, tallyOp } from '../ops';

/** Server time for every push: 2024-07-01 12:00 in Japan. */
const NOW = Date.parse('2024-07-01T03:00:00Z');
const HOUR = 3600_000;

type Who = 'organizer' | 'coordinator' | 'staff';
const ROLES: Record<Who, { role: Role; districtIds: string[] }> = {
	organizer: { role: 'organizer', districtIds: [] },
	coordinator: { role: 'coordinator', districtIds: ['fuji'] },
	staff: { role: 'staff', districtIds: [] }
};

interface Request {
	who: Who;
	device: TestDevice;
	ops: Record<string, unknown>[];
}

const place = (device: TestDevice, placeId: string, districtId = 'fuji') => ({
	...device.envelope(),
	kind: 'place.upsert',
	placeId,
	packId: 'tsurugashima',
	fields: { name: '検証用サロン（生成）', category: 'salon', districtId, point: null }
});

const session = (
	device: TestDevice,
	placeId: string,
	sessionId: string,
	version: number,
	overrides: Parameters<typeof sessionOp>[2] = {}
) =>
	sessionOp(device, placeId, {
		sessionId,
		version,
		participants: { total: 10 + version, men: 3, women: 5 },
		volunteers: 2,
		...overrides
	});

const meeting = (
	device: TestDevice,
	meetingId: string,
	fields: Record<string, unknown> = {
		meetingKind: 'area-meeting',
		districtIds: ['fuji'],
		date: '2024-06-10',
		venue: '富士見市民センター'
	}
) => ({ ...device.envelope(), kind: 'meeting.upsert', meetingId, fields });

const tally = (
	device: TestDevice,
	tallyId: string,
	meetingId: string,
	version: number,
	overrides: Parameters<typeof tallyOp>[2] = {}
) =>
	tallyOp(device, meetingId, {
		tallyId,
		version,
		counts: { 'support-council': version, 'welfare-commissioner': 2 },
		organisations: ['富士見地区社協'],
		...overrides
	});

const team = (device: TestDevice, teamId: string, version = 1, districtId = 'fuji') => ({
	...device.envelope(),
	kind: 'team.record',
	teamId,
	version,
	districtId,
	formedOn: '2024-05-01',
	members: 6,
	childrenTakePart: false,
	linkedToEvacuationPlan: true,
	deleted: false
});

/** The setup requests and the one mixed batch, built once so both runs push the same ops. */
function scenario() {
	const clock = () => NOW - HOUR;
	const phone = new TestDevice(clock); // the coordinator's phone: pushes the mixed batch
	const other = new TestDevice(clock); // the organizer's phone
	const second = new TestDevice(clock); // the coordinator's second phone
	const office = new TestDevice(clock); // staff
	const id = () => uuidv7();
	const ids = <K extends string>(...names: K[]) =>
		Object.fromEntries(names.map((n) => [n, id()])) as Record<K, string>;
	const { p1, pOther, p2, p3, pMissing } = ids('p1', 'pOther', 'p2', 'p3', 'pMissing');
	const { s0, sA, sB, sC, sD, sE } = ids('s0', 'sA', 'sB', 'sC', 'sD', 'sE');
	const { sF, sG, sH, sI, sJ } = ids('sF', 'sG', 'sH', 'sI', 'sJ');
	const { m1, m2, m3, mClosed } = ids('m1', 'm2', 'm3', 'mClosed');
	const { mMinami, mMissing } = ids('mMinami', 'mMissing');
	const { t1, t2, tOther, t3, t4 } = ids('t1', 't2', 'tOther', 't3', 't4');
	const { t5, t6, t7, t8 } = ids('t5', 't6', 't7', 't8');
	const teamId = id();
	const { sOther, teamMinami } = ids('sOther', 'teamMinami');

	const s0v1 = session(phone, p1, s0, 1);
	const setup: Request[] = [
		{
			who: 'organizer',
			device: other,
			ops: [place(other, pOther), session(other, pOther, sOther, 1)]
		},
		{
			who: 'coordinator',
			device: phone,
			ops: [
				place(phone, p1),
				s0v1,
				meeting(phone, m1),
				meeting(phone, m2),
				meeting(phone, mClosed),
				meeting(phone, mClosed, { closed: true })
			]
		},
		{
			who: 'staff',
			device: office,
			ops: [
				meeting(office, mMinami, {
					meetingKind: 'training',
					districtIds: ['minami'],
					date: '2024-06-11',
					venue: '南公民館'
				}),
				team(office, teamMinami, 1, 'minami')
			]
		},
		{ who: 'coordinator', device: second, ops: [tally(second, tOther, m1, 1)] }
	];

	const aV1 = session(phone, p1, sA, 1);
	const dup = session(phone, p1, sJ, 1);
	const labelled: [string, Record<string, unknown>][] = [
		['session A v1', aV1],
		['session A v2', session(phone, p1, sA, 2, { participants: { total: 20 } })],
		['session B v2 before v1', session(phone, p1, sB, 2, { hours: 1.5 })],
		['session B v1 after v2', session(phone, p1, sB, 1)],
		['session S0 v1 again, new op id', session(phone, p1, s0, 1)],
		['session at a place that does not exist', session(phone, pMissing, sC, 1)],
		['session at another organizer’s place', session(phone, pOther, sD, 1)],
		[
			'breakdown over the total',
			session(phone, p1, id(), 1, { participants: { total: 5, men: 4, women: 4 } })
		],
		['first-timers over the total', session(phone, p1, id(), 1, { firstTimers: 99 })],
		['schema-invalid', session(phone, p1, id(), 1, { date: '2024-02-30' })],
		['op from another device', session(other, p1, id(), 1)],
		['session J v1', dup],
		['session J v1, the same op again', dup],
		['session A v1’s op id with another body', { ...aV1, volunteers: 9 }],
		['setup’s S0 op again', s0v1],
		[
			'clock far ahead',
			{
				...session(phone, p1, sE, 1),
				at: encodeHlc({ wall: NOW + 3 * HOUR, counter: 0, node: phone.deviceId })
			}
		],
		['future date', session(phone, p1, sF, 1, { date: '2024-07-02' })],
		['session A v1 again, new op id', session(phone, p1, sA, 1)],
		['new place P2', place(phone, p2)],
		['session at P2, registered earlier in the batch', session(phone, p2, sG, 1)],
		['session G v2 moves it to P1', session(phone, p1, sG, 2)],
		['another organizer’s session moved to P1', session(phone, p1, sOther, 2)],
		[
			'another organizer’s session deleted, naming P1',
			session(phone, p1, sOther, 3, { deleted: true })
		],
		['session at P3, registered later in the batch', session(phone, p3, sH, 1)],
		['new place P3', place(phone, p3)],
		['tally T1 v1', tally(phone, t1, m1, 1)],
		['tally T1 v2', tally(phone, t1, m1, 2)],
		['tally T2 v3 before v2', tally(phone, t2, m1, 3)],
		['tally T2 v2 after v3 (stale)', tally(phone, t2, m1, 2)],
		['tally T2 v3 again, new op id (stale)', tally(phone, t2, m1, 3)],
		['another phone’s tally', tally(phone, tOther, m1, 5)],
		['tally of a meeting that does not exist', tally(phone, t3, mMissing, 1)],
		['tally of another district’s meeting', tally(phone, t4, mMinami, 1)],
		['tally made after its meeting closed', tally(phone, t5, mClosed, 1)],
		[
			'tally made before its meeting closed',
			tally(phone, t6, mClosed, 1, {
				at: encodeHlc({ wall: NOW - 2 * HOUR, counter: 0, node: phone.deviceId })
			})
		],
		['tally T1 moved to another meeting', tally(phone, t1, m2, 3)],
		['tally version 0 (schema)', tally(phone, id(), m1, 0)],
		['close meeting M1', meeting(phone, m1, { closed: true })],
		['tally of M1 after it closed', tally(phone, t7, m1, 1)],
		['new meeting M3', meeting(phone, m3)],
		['tally of M3, created earlier in the batch', tally(phone, t8, m3, 1)],
		['session A v3 deletes it', session(phone, p1, sA, 3, { deleted: true })],
		['session I v2 with hours', session(phone, p1, sI, 2, { hours: 2.25 })],
		['team record', team(phone, teamId)],
		['the same team version again, new op id', team(phone, teamId)],
		['another district’s team moved to fuji', team(phone, teamMinami, 2, 'fuji')],
		['session B v3 after the other kinds', session(phone, p1, sB, 3)]
	];
	const batch: Request = { who: 'coordinator', device: phone, ops: labelled.map(([, op]) => op) };
	return { setup, batch, labels: labelled.map(([label]) => label), ids: { sA, sB, t1, t2, m1 } };
}

/** What the batch must answer, by label (status and reason). */
const EXPECTED: Record<string, [OpResult['status'], OpResult['reason']?]> = {
	'session A v1': ['applied'],
	'session A v2': ['applied'],
	'session B v2 before v1': ['applied'],
	'session B v1 after v2': ['applied'],
	'session S0 v1 again, new op id': ['conflict', 'version_exists'],
	'session at a place that does not exist': ['rejected', 'not_found'],
	'session at another organizer’s place': ['rejected', 'forbidden'],
	'breakdown over the total': ['rejected', 'breakdown_exceeds_total'],
	'first-timers over the total': ['rejected', 'first_timers_exceed_total'],
	'schema-invalid': ['rejected', 'invalid_op'],
	'op from another device': ['rejected', 'device_mismatch'],
	'session J v1': ['applied'],
	'session J v1, the same op again': ['applied'],
	'session A v1’s op id with another body': ['conflict', 'op_id_reused'],
	'setup’s S0 op again': ['applied'],
	'clock far ahead': ['rejected', 'clock_ahead'],
	'future date': ['rejected', 'future_date'],
	'session A v1 again, new op id': ['conflict', 'version_exists'],
	'new place P2': ['applied'],
	'session at P2, registered earlier in the batch': ['applied'],
	'session G v2 moves it to P1': ['applied'],
	'another organizer’s session moved to P1': ['rejected', 'forbidden'],
	'another organizer’s session deleted, naming P1': ['rejected', 'forbidden'],
	'session at P3, registered later in the batch': ['rejected', 'not_found'],
	'new place P3': ['applied'],
	'tally T1 v1': ['applied'],
	'tally T1 v2': ['applied'],
	'tally T2 v3 before v2': ['applied'],
	'tally T2 v2 after v3 (stale)': ['applied'],
	'tally T2 v3 again, new op id (stale)': ['applied'],
	'another phone’s tally': ['rejected', 'tally_device_mismatch'],
	'tally of a meeting that does not exist': ['rejected', 'not_found'],
	'tally of another district’s meeting': ['rejected', 'forbidden'],
	'tally made after its meeting closed': ['rejected', 'meeting_closed'],
	'tally made before its meeting closed': ['applied'],
	'tally T1 moved to another meeting': ['rejected', 'tally_device_mismatch'],
	'tally version 0 (schema)': ['rejected', 'invalid_op'],
	'close meeting M1': ['applied'],
	'tally of M1 after it closed': ['rejected', 'meeting_closed'],
	'new meeting M3': ['applied'],
	'tally of M3, created earlier in the batch': ['applied'],
	'session A v3 deletes it': ['applied'],
	'session I v2 with hours': ['applied'],
	'team record': ['applied'],
	'the same team version again, new op id': ['conflict', 'version_exists'],
	'another district’s team moved to fuji': ['rejected', 'forbidden'],
	'session B v3 after the other kinds': ['applied']
};

const entityIdOf = (op: Record<string, unknown>) =>
	String(op.sessionId ?? op.tallyId ?? op.placeId ?? op.meetingId ?? op.teamId);

/** Accounts with the same emails on every database; ids differ, so dumps map them to names. */
async function accounts(ctx: AppContext): Promise<Record<Who, Account>> {
	const entries = await Promise.all(
		(Object.keys(ROLES) as Who[]).map(async (who) => {
			const a = await createAccount(ctx.db, {
				email: `${who}@equivalence.example.test`,
				password: 'correct horse battery',
				cityIds: [ctx.defaultPackId],
				...ROLES[who]
			});
			return [who, a] as const;
		})
	);
	return Object.fromEntries(entries) as Record<Who, Account>;
}

const push = (db: Database, ctx: AppContext, actor: Account, device: TestDevice, ops: unknown[]) =>
	handlePush(
		db,
		{ actor, packs: ctx.packs, plans: ctx.plans, now: NOW },
		{
			deviceId: device.deviceId,
			ops
		}
	).then((r) => r.results);

/** Every table a push writes, in a stable order, without timestamps and feed numbers. */
async function dump(db: Queryable, users: Record<Who, Account>): Promise<unknown> {
	const tables = {
		places: `select id, pack_id, origin, status, moderation, data, owner_id, stamps, district_ids
		         from places where origin = 'user' order by id`,
		place_events:
			'select place_id, field, at, value from place_events order by place_id, field, at',
		session_records: `select id, version, place_id, recorded_by, held_on::text as held_on, data,
		                    deleted, current, hours::text as hours
		                  from session_records order by id, version`,
		meetings: 'select id, created_by, stamps, data, district_ids from meetings order by id',
		tallies: 'select id, meeting_id, device_id, user_id, version, data from tallies order by id',
		team_records: `select id, version, recorded_by, district_id, data, deleted
		               from team_records order by id, version`,
		ops: `select op_id, body_hash, kind, entity_id, user_id, device_id, status, reason, details, body
		      from ops order by op_id`,
		changes: `select entity, entity_id, data, deleted, owner_id, district_ids, is_public
		          from changes order by entity, entity_id`
	};
	const out: Record<string, unknown> = {};
	for (const [name, sql] of Object.entries(tables)) out[name] = await db.query(sql);
	let json = JSON.stringify(out);
	for (const [who, a] of Object.entries(users)) json = json.replaceAll(a.userId, `<${who}>`);
	return JSON.parse(json);
}

interface Run {
	results: OpResult[];
	tables: unknown;
	/** Entity ids the batch put in the change feed, in feed (seq) order. */
	feed: string[];
}

/** Fresh database, the setup, then the batch in one request or one request per op. */
async function runScenario(
	engine: Engine,
	s: ReturnType<typeof scenario>,
	mode: 'batch' | 'one-by-one',
	wrap: (db: Database) => Database = (db) => db
): Promise<Run> {
	const ctx = await syncContext(engine);
	try {
		const users = await accounts(ctx);
		for (const r of s.setup) {
			const answers = await push(ctx.db, ctx, users[r.who], r.device, r.ops);
			expect(answers.every((a) => a.status === 'applied')).toBe(true);
		}
		const setupSeq = await committedClock(ctx.db);
		const db = wrap(ctx.db);
		const actor = users[s.batch.who];
		const results: OpResult[] = [];
		if (mode === 'batch')
			results.push(...(await push(db, ctx, actor, s.batch.device, s.batch.ops)));
		else
			for (const op of s.batch.ops)
				results.push(...(await push(db, ctx, actor, s.batch.device, [op])));
		const feed = await ctx.db.query<{ entity_id: string }>(
			'select entity_id from changes where seq > $1 order by seq',
			[setupSeq]
		);
		return { results, tables: await dump(ctx.db, users), feed: feed.map((r) => r.entity_id) };
	} finally {
		await ctx.db.close();
	}
}

/** The database with every transaction's queries matching `fails` throwing (fault injection). */
function failing(db: Database, fails: (sql: string, params: unknown[]) => boolean): Database {
	return {
		...db,
		transaction: (fn) =>
			db.transaction((tx) =>
				fn({
					query: (sql, params = []) =>
						fails(sql, params) ? Promise.reject(new Error('injected fault')) : tx.query(sql, params)
				})
			)
	};
}

describe.each(ENGINES)('%s: a batch push equals pushing one op at a time', (engine) => {
	const s = scenario();
	let reference: Run;

	beforeEach(() => {
		// The isolation fallback logs the failure it recovers from; keep the output readable.
		vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterEach(() => vi.restoreAllMocks());

	it('one op per request: the answers this scenario is about', async () => {
		reference = await runScenario(engine, s, 'one-by-one');
		const answers = Object.fromEntries(
			s.labels.map((label, i) => {
				const r = reference.results[i]!;
				return [label, r.reason ? [r.status, r.reason] : [r.status]];
			})
		);
		expect(answers).toEqual(EXPECTED);
		expect(reference.results.map((r) => r.opId)).toEqual(s.batch.ops.map((op) => op.opId));
		expect(reference.results[s.labels.indexOf('tally T2 v2 after v3 (stale)')]!.details).toEqual({
			stale: true,
			version: 3
		});

		// Only a session's highest version is current, whatever order its versions came in.
		const tables = reference.tables as Record<string, Record<string, unknown>[]>;
		const versions = (id: string) =>
			tables.session_records!.filter((r) => r.id === id).map((r) => [r.version, r.current]);
		expect(versions(s.ids.sA)).toEqual([
			[1, false],
			[2, false],
			[3, true]
		]);
		expect(versions(s.ids.sB)).toEqual([
			[1, false],
			[2, false],
			[3, true]
		]);
		const tallyVersion = (id: string) => tables.tallies!.find((r) => r.id === id)?.version;
		expect([tallyVersion(s.ids.t1), tallyVersion(s.ids.t2)]).toEqual([2, 3]);
		const feedRow = (id: string) => tables.changes!.find((r) => r.entity_id === id);
		expect(feedRow(s.ids.sA)).toMatchObject({ deleted: true, data: { version: 3 } });
	});

	it('one request: the same answers and the same tables', async () => {
		const batch = await runScenario(engine, s, 'batch');
		expect(batch.results).toEqual(reference.results);
		expect(batch.tables).toEqual(reference.tables);
		// One request numbers its changes once, each entity where the batch first changed it.
		// (An op seen before — in the setup or earlier in the batch — changes nothing again.)
		const seenBefore = new Set(s.setup.flatMap((r) => r.ops.map((op) => op.opId)));
		const changed = s.batch.ops.flatMap((op, i) => {
			const r = batch.results[i]!;
			const changes = r.status === 'applied' && !(r.details as { stale?: boolean })?.stale;
			const isRepeat = seenBefore.has(op.opId) || s.batch.ops.indexOf(op) < i;
			return changes && !isRepeat ? [entityIdOf(op)] : [];
		});
		expect(batch.feed).toEqual([...new Set(changed)]);
	});

	it('a batch whose transaction fails is retried op by op with the same outcome', async () => {
		let failed = false;
		const once = (sql: string) => {
			if (failed || !/insert into (session_records|tallies)/.test(sql)) return false;
			failed = true;
			return true;
		};
		const batch = await runScenario(engine, s, 'batch', (db) => failing(db, once));
		expect(failed).toBe(true);
		expect(batch.results).toEqual(reference.results);
		expect(batch.tables).toEqual(reference.tables);
	});

	it('one op that always fails is answered server_error alone', async () => {
		// Session I has one op only, so no other op writes its rows.
		const poison = s.batch.ops[s.labels.indexOf('session I v2 with hours')]!;
		const hits = (sql: string, params: unknown[]) =>
			/insert into session_records/.test(sql) &&
			JSON.stringify(params).includes(poison.sessionId as string);
		const batch = await runScenario(engine, s, 'batch', (db) => failing(db, hits));
		const expected = reference.results.map((r) =>
			r.opId === poison.opId ? { opId: r.opId, status: 'rejected', reason: 'server_error' } : r
		);
		expect(batch.results).toEqual(expected);
	});
});
