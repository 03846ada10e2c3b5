/**
 * The setup every phones-against-one-server test file repeats, in one place: a fresh server
 * (PGlite in memory, with the Tsurugashima pack), the accounts the file names, and phones
 * (Dexie on fake-indexeddb) that are deleted when the file's tests end. Also the fixtures those
 * files share: a salon's fields, a session's input, a purged tombstone.
 *
 * Call `useSyncFixture` at the top level of a test file: it registers the file's beforeAll and
 * afterAll. Its fields are filled in by beforeAll, so read them inside tests only.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import {
	recordTeam,
	type MeetingFields,
	type SessionInput,
	type Writer
} from '#lib/client/db/local-writes.js';
import { syncOnce, type SyncReport, type SyncTransport } from '#lib/client/sync/sync-runner.js';
import type { Role } from '#lib/domain/policy.js';
import type { PlaceFields } from '#lib/domain/sync/protocol.js';
import type { AppContext } from '#lib/server/app-context.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';
import { purgeTombstones } from '#lib/server/sync/change-feed.js';
import { account, syncContext } from '../server/sync-helpers';
import { inProcessTransport } from './in-process-transport';

/** An account to create: a role, or a coordinator's role with its districts. */
export type AccountSpec = Role | readonly [Role, readonly string[]];

export interface SyncFixture<K extends string> {
	ctx: AppContext;
	accounts: Record<K, Account>;
	/** A fresh phone; `name` only makes a failing test's database easier to tell apart. */
	device(name?: string): IbashoDb;
	/** What local writes need: the phone and the account signed in on it. */
	writer(db: IbashoDb, who: Account): Writer;
	/** The server as `who`, with no faults. */
	server(who: Account): SyncTransport;
	/** One sync pass of `db` as `who`, with no faults. */
	sync(db: IbashoDb, who: Account): Promise<SyncReport>;
}

export function useSyncFixture<K extends string>(
	name: string,
	specs: Record<K, AccountSpec>
): SyncFixture<K> {
	const dbs: IbashoDb[] = [];
	const fixture: SyncFixture<K> = {
		ctx: undefined as unknown as AppContext,
		accounts: {} as Record<K, Account>,
		device(label = 'phone') {
			const db = new IbashoDb(`${name}-${label}-${Math.random()}`);
			dbs.push(db);
			return db;
		},
		writer: (db, who) => ({ db, userId: who.userId }),
		server: (who) => inProcessTransport(fixture.ctx, who),
		sync: (db, who) => syncOnce(db, inProcessTransport(fixture.ctx, who), { userId: who.userId })
	};
	beforeAll(async () => {
		fixture.ctx = await syncContext('pglite');
		// Password hashing dominates account creation; it runs off the main thread.
		const entries = Object.entries(specs) as [K, AccountSpec][];
		const made = await Promise.all(
			entries.map(([, spec]) =>
				typeof spec === 'string'
					? account(fixture.ctx, spec)
					: account(fixture.ctx, spec[0], [...spec[1]])
			)
		);
		entries.forEach(([key], i) => (fixture.accounts[key] = made[i]!));
	}, 60_000);
	afterAll(async () => {
		for (const db of dbs) {
			db.close();
			await Dexie.delete(db.name);
		}
		await fixture.ctx?.db.close();
	});
	return fixture;
}

/** A salon as a person registers it (not located: no point needed). */
export const salonFields = (
	districtId = 'sakae',
	overrides: Partial<PlaceFields> = {}
): PlaceFields => ({
	name: 'いきいきサロン',
	category: 'salon',
	point: null,
	districtId,
	address: null,
	scheduleRule: null,
	scheduleNote: null,
	audience: [],
	accessibility: [],
	fee: null,
	contact: null,
	contactConsent: false,
	status: 'active',
	...overrides
});

/** An area meeting of `districtIds` on 2024-07-01, open for tallies. */
export const meetingFields = (
	districtIds: string[] = ['sakae'],
	overrides: Partial<MeetingFields> = {}
): MeetingFields => ({
	meetingKind: 'area-meeting',
	districtIds,
	date: '2024-07-01',
	venue: '市民センター',
	closed: false,
	...overrides
});

/** A session held at `placeId` (10 people on 2024-06-11 unless told otherwise). */
export const sessionInput = (placeId: string, overrides: Partial<SessionInput> = {}) =>
	({
		placeId,
		date: '2024-06-11',
		participants: { total: 10 },
		volunteers: 1,
		firstTimers: 0,
		hours: null,
		...overrides
	}) satisfies SessionInput;

/**
 * On a phone of its own, `coordinator` records a team in its first district and deletes it,
 * syncs, and the server purges tombstones: the purge line moves past every cursor before now.
 * Returns how many tombstones went.
 */
export async function purgeATombstone(
	fixture: SyncFixture<string>,
	coordinator: Account
): Promise<number> {
	const phone = fixture.device('purger');
	const w = fixture.writer(phone, coordinator);
	const input = {
		districtId: coordinator.districtIds[0]!,
		formedOn: '2024-05-01',
		members: 5,
		childrenTakePart: false,
		linkedToEvacuationPlan: false
	};
	const team = await recordTeam(w, input);
	await recordTeam(w, input, team, true);
	await fixture.sync(phone, coordinator);
	const purged = await purgeTombstones(fixture.ctx.db, 0);
	expect(purged).toBeGreaterThan(0);
	return purged;
}
