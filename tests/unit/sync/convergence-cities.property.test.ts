/**
 * Property-based convergence across cities: one server with two packs (Tsurugashima, with
 * school districts, and Tokorozawa, with none), phones of accounts of one city or of both, and
 * random local edits in either city synced through a transport that drops requests, loses
 * answers after the server committed and sends requests twice. The single-city property
 * (convergence.property.test.ts) covers the protocol's faults in depth; this one is about
 * cities staying apart while they converge.
 *
 * Each run: the organizer of each city registers a salon in it (Tsurugashima's in a district,
 * Tokorozawa's city-wide), staff of each city open a meeting in it (Tokorozawa's city-wide, so
 * only the city the op names tells where it belongs) — all synced without faults. Then a random
 * list of commands: sessions logged at the salon of the phone's city, tallies set and meeting
 * venues changed by staff phones (a phone of a two-city account picks the city), sync passes
 * with faults, phones going offline and online. A final phase syncs every phone without faults
 * until nothing changes. Then, for the run's records:
 *
 *  1. No row leaks: a phone holds only records of the cities its account holds, and every
 *     feed row of a record names the record's own city.
 *  2. Each city converges: every phone of an account holding a city holds exactly that city's
 *     records as the server has them (meeting venue, tally versions and counts, the latest
 *     version of each session), with nothing left pending; tally sums agree with the server.
 *  3. Each city's feed, read by an account of that city alone, carries that city's rows only.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import {
	recordSession,
	registerPlace,
	saveMeeting,
	saveTally,
	type Writer
} from '#lib/client/db/local-writes.js';
import { syncOnce, SyncError, type SyncTransport } from '#lib/client/sync/sync-runner.js';
import { buildPlacePack } from '#lib/domain/pack/build-place-pack.js';
import { sumTallies } from '#lib/domain/records.js';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { readChanges } from '#lib/server/sync/change-feed.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { readPackSources } from '../pack-files';
import { account } from '../server/sync-helpers';
import { testAppContext } from '../server/test-database';
import { inProcessTransport } from './in-process-transport';
import { salonFields, sessionInput } from './sync-fixture';

const NUM_RUNS = Number(process.env.CONVERGENCE_CITIES_RUNS ?? 40);
const SEED = Number(process.env.CONVERGENCE_SEED ?? 20_261_208);
const CITIES = ['tsurugashima', 'tokorozawa'] as const;
type City = (typeof CITIES)[number];
/** The kinds of account a phone may be signed in with. */
const HOLDERS = ['organizer-t', 'organizer-k', 'staff-t', 'staff-k', 'staff-both'] as const;
type Holder = (typeof HOLDERS)[number];
const CITIES_OF: Record<Holder, readonly City[]> = {
	'organizer-t': ['tsurugashima'],
	'organizer-k': ['tokorozawa'],
	'staff-t': ['tsurugashima'],
	'staff-k': ['tokorozawa'],
	'staff-both': CITIES
};

type Command =
	| { kind: 'session'; device: number; total: number; day: number }
	| { kind: 'tally'; device: number; city: number; residents: number }
	| { kind: 'venue'; device: number; city: number; venue: string }
	| { kind: 'sync'; device: number; drop: boolean; lose: boolean; dup: boolean }
	| { kind: 'offline'; device: number; offline: boolean };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
	fc.record({
		kind: fc.constant('session' as const),
		device: fc.nat(),
		total: fc.integer({ min: 1, max: 40 }),
		day: fc.integer({ min: 1, max: 28 })
	}),
	fc.record({
		kind: fc.constant('tally' as const),
		device: fc.nat(),
		city: fc.nat(),
		residents: fc.integer({ min: 0, max: 30 })
	}),
	fc.record({
		kind: fc.constant('venue' as const),
		device: fc.nat(),
		city: fc.nat(),
		venue: fc.constantFrom('公民館（生成）', '市民センター（生成）', '集会所（生成）')
	}),
	fc.record({
		kind: fc.constant('sync' as const),
		device: fc.nat(),
		drop: fc.boolean(),
		lose: fc.boolean(),
		dup: fc.boolean()
	}),
	fc.record({ kind: fc.constant('offline' as const), device: fc.nat(), offline: fc.boolean() })
);

const scenarioArb = fc.record({
	devices: fc.array(fc.constantFrom(...HOLDERS), { minLength: 2, maxLength: 5 }),
	commands: fc.array(commandArb, { maxLength: 30 })
});

/** A transport with this pass's faults: the request dropped, its answer lost, or sent twice. */
function faulty(inner: SyncTransport, f: { drop: boolean; lose: boolean; dup: boolean }) {
	const wrap =
		<A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			if (f.drop) throw new SyncError('offline', 'request dropped');
			if (f.dup) await call(...args);
			const result = await call(...args);
			if (f.lose) throw new SyncError('offline', 'answer lost');
			return result;
		};
	return { push: wrap(inner.push), pull: wrap(inner.pull) } satisfies SyncTransport;
}

describe('convergence across cities (property)', () => {
	let ctx: AppContext;
	const accounts = {} as Record<Holder, Account>;
	const dbs: IbashoDb[] = [];

	beforeAll(async () => {
		const tokorozawa = buildPlacePack(readPackSources('packs/tokorozawa'));
		ctx = await testAppContext('pglite', { packs: [tsurugashimaPack(), tokorozawa] });
		for (const holder of HOLDERS) {
			const role = holder.startsWith('staff') ? 'staff' : 'organizer';
			accounts[holder] = await account(ctx, role, [], [...CITIES_OF[holder]]);
		}
	}, 60_000);
	afterAll(async () => {
		for (const db of dbs) {
			db.close();
			await Dexie.delete(db.name);
		}
		await ctx?.db.close();
	});

	const writer = (db: IbashoDb, who: Account): Writer => ({ db, userId: who.userId });
	const syncClean = (db: IbashoDb, who: Account) =>
		syncOnce(db, inProcessTransport(ctx, who), { userId: who.userId });

	it('each city converges on every phone that holds it, and nothing crosses cities', async () => {
		await fc.assert(
			fc.asyncProperty(scenarioArb, async ({ devices: holders, commands }) => {
				// The run's records: one salon and one meeting per city, made by phones of their own.
				const salons = {} as Record<City, string>;
				const meetings = {} as Record<City, string>;
				for (const city of CITIES) {
					const org = accounts[city === 'tsurugashima' ? 'organizer-t' : 'organizer-k'];
					const staff = accounts[city === 'tsurugashima' ? 'staff-t' : 'staff-k'];
					const setup = new IbashoDb(`cities-setup-${Math.random()}`);
					dbs.push(setup);
					// Tokorozawa has no districts: its salon names none.
					const fields = {
						...salonFields('sakae', { name: 'テストサロン（生成）' }),
						...(city === 'tokorozawa' ? { districtId: null } : {})
					};
					const place = await registerPlace(writer(setup, org), city, fields);
					salons[city] = place.placeId;
					await syncClean(setup, org);
					const staffPhone = new IbashoDb(`cities-setup-${Math.random()}`);
					dbs.push(staffPhone);
					const meeting = await saveMeeting(
						writer(staffPhone, staff),
						null,
						{
							meetingKind: 'training',
							districtIds: city === 'tsurugashima' ? ['sakae'] : [],
							date: '2026-11-20',
							venue: '会場（生成）',
							closed: false
						},
						city
					);
					meetings[city] = meeting.meetingId;
					await syncClean(staffPhone, staff);
				}

				const phones = holders.map((holder) => {
					const db = new IbashoDb(`cities-${holder}-${Math.random()}`);
					dbs.push(db);
					return { holder, who: accounts[holder], db, offline: false };
				});
				for (const p of phones) await syncClean(p.db, p.who);
				const sessionIds = new Set<string>();

				for (const c of commands) {
					const p = phones[c.device % phones.length]!;
					const cities = CITIES_OF[p.holder];
					const w = writer(p.db, p.who);
					if (c.kind === 'session') {
						// Organizers log at their own salon; the salon is their city's.
						if (!p.holder.startsWith('organizer')) continue;
						const city = cities[0]!;
						const day = String(c.day).padStart(2, '0');
						const op = await recordSession(
							w,
							sessionInput(salons[city], {
								date: `2026-10-${day}`,
								participants: { total: c.total }
							})
						);
						sessionIds.add(op.sessionId);
					} else if (c.kind === 'tally' || c.kind === 'venue') {
						if (!p.holder.startsWith('staff')) continue;
						const city = cities[c.city % cities.length]!;
						if (c.kind === 'tally') {
							await saveTally(w, meetings[city], { residents: c.residents }, []);
						} else {
							await saveMeeting(w, meetings[city], { venue: c.venue });
						}
					} else if (c.kind === 'offline') {
						p.offline = c.offline;
					} else if (!p.offline) {
						await syncOnce(p.db, faulty(inProcessTransport(ctx, p.who), c), {
							userId: p.who.userId
						}).catch((e: unknown) => {
							if (!(e instanceof SyncError)) throw e;
						});
					}
				}

				// Final phase: every phone online, synced without faults until nothing changes.
				for (let round = 0; round < 4; round++) {
					let moved = 0;
					for (const p of phones) {
						const r = await syncClean(p.db, p.who);
						moved += r.pushed + r.pulled;
					}
					if (moved === 0) break;
				}

				// The server's state of the run's records, with their cities.
				const runMeetings = Object.values(meetings);
				const serverMeetings = await ctx.db.query<{ id: string; pack_id: string; venue: string }>(
					`select id::text, pack_id, data->>'venue' as venue
					 from meetings where id = any($1::uuid[])`,
					[runMeetings]
				);
				const cityOfMeeting = new Map(serverMeetings.map((m) => [m.id, m.pack_id as City]));
				expect(cityOfMeeting).toEqual(
					new Map(CITIES.map((city) => [meetings[city], city] as const))
				);
				const serverTallies = await ctx.db.query<{
					id: string;
					meeting_id: string;
					version: number;
					data: { counts: Record<string, number> };
				}>(
					`select id::text, meeting_id::text, version, data from tallies
					 where meeting_id = any($1::uuid[])`,
					[runMeetings]
				);
				const serverSessions = await ctx.db.query<{
					id: string;
					version: number;
					place_id: string;
				}>(
					`select distinct on (id) id::text, version, place_id from session_records
					 where place_id = any($1::text[]) order by id, version desc`,
					[Object.values(salons)]
				);
				const cityOfPlace = new Map(CITIES.map((city) => [salons[city], city] as const));

				for (const p of phones) {
					const held = CITIES_OF[p.holder];
					const label = `${p.holder} phone`;
					// 1. Nothing of another city on this phone.
					for (const m of await p.db.meetings.toArray()) {
						const city = cityOfMeeting.get(m.meetingId);
						if (city) expect(held, `${label} meeting`).toContain(city);
						if (city) expect(m.packId, `${label} meeting city`).toBe(city);
					}
					for (const t of await p.db.tallies.toArray()) {
						const city = cityOfMeeting.get(t.meetingId);
						if (city) expect(held, `${label} tally`).toContain(city);
					}
					for (const s of await p.db.sessions.toArray()) {
						const city = cityOfPlace.get(s.placeId);
						if (city) expect(held, `${label} session`).toContain(city);
					}
					for (const place of await p.db.places.toArray()) {
						const city = cityOfPlace.get(place.id);
						if (city) expect(held, `${label} salon`).toContain(city);
					}

					// 2. Staff phones hold each of their cities' meeting and tallies as the server does.
					if (p.holder.startsWith('staff')) {
						for (const city of held) {
							const meeting = await p.db.meetings.get(meetings[city]);
							const server = serverMeetings.find((m) => m.id === meetings[city])!;
							expect(meeting?.venue, `${label} ${city} venue`).toBe(server.venue);
							expect(meeting?.syncState).toBe('sent');
							const tallies = await p.db.tallies
								.where('meetingId')
								.equals(meetings[city])
								.toArray();
							const expected = serverTallies.filter((t) => t.meeting_id === meetings[city]);
							expect(
								tallies.map((t) => [t.tallyId, t.version, t.syncState]).sort(),
								`${label} ${city} tallies`
							).toEqual(expected.map((t) => [t.id, t.version, 'sent']).sort());
							expect(sumTallies(tallies)).toEqual(sumTallies(expected.map((t) => t.data)));
						}
					}
					// Organizer phones hold the latest version of every session at their salon.
					if (p.holder.startsWith('organizer')) {
						const salon = salons[held[0]!];
						const latest = new Map<string, number>();
						for (const s of await p.db.sessions.where('placeId').equals(salon).toArray()) {
							expect(s.syncState, `${label} session`).toBe('sent');
							latest.set(s.sessionId, Math.max(latest.get(s.sessionId) ?? 0, s.version));
						}
						const expected = serverSessions.filter((s) => s.place_id === salon);
						expect(latest, `${label} sessions`).toEqual(
							new Map(expected.map((s) => [s.id, s.version]))
						);
					}
				}
				// Every session made in the run reached the server, in its salon's city.
				expect(new Set(serverSessions.map((s) => s.id))).toEqual(sessionIds);

				// 3. The feed: every row of the run's records names the record's city, and a reader of
				// one city is sent that city's rows only.
				const runIds = [
					...runMeetings,
					...serverTallies.map((t) => t.id),
					...serverSessions.map((s) => s.id),
					...Object.values(salons)
				];
				const rows = await ctx.db.query<{ entity: string; entity_id: string; city: string }>(
					'select entity, entity_id, city from changes where entity_id = any($1::text[])',
					[runIds]
				);
				for (const r of rows) {
					const expected =
						r.entity === 'meeting'
							? cityOfMeeting.get(r.entity_id)
							: r.entity === 'tally'
								? cityOfMeeting.get(serverTallies.find((t) => t.id === r.entity_id)!.meeting_id)
								: r.entity === 'session'
									? cityOfPlace.get(serverSessions.find((s) => s.id === r.entity_id)!.place_id)
									: cityOfPlace.get(r.entity_id);
					expect(r.city, `${r.entity} ${r.entity_id}`).toBe(expected);
				}
				for (const city of CITIES) {
					const reader = accounts[city === 'tsurugashima' ? 'staff-t' : 'staff-k'];
					const feed = await readChanges(
						ctx.db,
						{ userId: reader.userId, cityIds: [city], districtIds: [], seesAll: true },
						0,
						100_000
					);
					expect(feed.filter((r) => runIds.includes(r.entity_id) && r.city !== city)).toEqual([]);
					expect(feed.some((r) => r.entity_id === meetings[city])).toBe(true);
				}
			}),
			{ numRuns: NUM_RUNS, seed: SEED, endOnFailure: true }
		);
	}, 600_000);
});
