/**
 * Repro (found by convergence.property.test.ts): a phone resets on EVERY sync, forever, once
 * the purge line is above the newest change its account can see.
 *
 * handlePull (src/lib/server/sync/pull.ts) answers "reset" when `0 < since < purgedThrough`,
 * and the client then pulls from 0. The last page's cursor is the seq of the last change the
 * account may see (`rows.at(-1)?.seq ?? since`). `purged_through` is global: it is the seq of
 * the newest purged tombstone of ANY account. If that tombstone was not visible to this
 * account (another district's deleted team, another organizer's deleted session), or if it
 * was the newest change the account had, the re-pull ends with a cursor still below the purge
 * line — so the next sync resets again: the phone drops its synced copies and downloads
 * everything, every time, until some newer change it may see happens to arrive. (Between
 * the reset and the end of the re-pull the screens are empty, and a tally saved then is
 * counted twice: see repro-tally-after-reset.test.ts.)
 *
 *
 * Worse, within ONE sync pass: after a reset the client pulls from 0 page by page, and each
 * page's cursor is a seq below the purge line; if the account has more changes below the line
 * than fit in one page (PULL_PAGE = 500 in production), the next page's `since` is again
 * below the line, the server answers "reset" again, and syncOnce never returns (it loops
 * reset → first page → reset ...). The second test shows it with pages of 1.
 *
 * Fixed since (commit 8085eeb): now a regression test that fails if the bug returns.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IbashoDb } from '$lib/client/db/ibasho-db';
import { recordSession, registerPlace, recordTeam } from '$lib/client/db/local-writes';
import { syncOnce, SyncError, type SyncTransport } from '$lib/client/sync/sync-runner';
import type { PlaceFields } from '$lib/domain/sync/protocol';
import type { AppContext } from '$lib/server/app-context';
import type { Account } from '$lib/server/auth/accounts-repo';
import { purgeTombstones } from '$lib/server/sync/change-feed';
import { account, syncContext } from '../server/sync-helpers';
import { inProcessTransport } from './in-process-transport';

let ctx: AppContext;
let organizer: Account;
let coordinator: Account;
const dbs: IbashoDb[] = [];
const device = (name: string) => {
	const db = new IbashoDb(`repro-reset-loop-${name}-${Math.random()}`);
	dbs.push(db);
	return db;
};

beforeAll(async () => {
	ctx = await syncContext('pglite');
	[organizer, coordinator] = await Promise.all([
		account(ctx, 'organizer'),
		account(ctx, 'coordinator', ['fuji'])
	]);
}, 60_000);
afterAll(async () => {
	for (const db of dbs) {
		db.close();
		await Dexie.delete(db.name);
	}
	await ctx.db.close();
});

const salon: PlaceFields = {
	name: 'サロン',
	category: 'salon',
	point: null,
	districtId: 'sakae',
	address: null,
	scheduleRule: null,
	scheduleNote: null,
	audience: [],
	accessibility: [],
	fee: null,
	contact: null,
	contactConsent: false,
	status: 'active'
};

/** In another district a coordinator records a team and deletes it (a tombstone the
 * organizer never sees); then the server purges tombstones. */
async function purgeAnotherDistrictsTombstone() {
	const other = device('coordinator');
	const wc = { db: other, userId: coordinator.userId };
	const input = {
		districtId: 'fuji',
		formedOn: '2024-05-01',
		members: 5,
		childrenTakePart: false,
		linkedToEvacuationPlan: false
	};
	const team = await recordTeam(wc, input);
	await recordTeam(wc, input, team, true);
	await syncOnce(other, inProcessTransport(ctx, coordinator));
	expect(await purgeTombstones(ctx.db, 0)).toBe(1);
}

it('a phone resets once, not on every sync', async () => {
	// An organizer's phone registers a salon and syncs: its cursor is at that change.
	const phone = device('organizer');
	await registerPlace({ db: phone, userId: organizer.userId }, 'tsurugashima', salon);
	await syncOnce(phone, inProcessTransport(ctx, organizer));
	await purgeAnotherDistrictsTombstone();

	// The organizer's phone syncs three times; count the resets the server answers.
	const server = inProcessTransport(ctx, organizer);
	let resets = 0;
	const counting: SyncTransport = {
		push: server.push,
		async pull(since, limit, resync) {
			const page = await server.pull(since, limit, resync);
			if (page.reset) resets += 1;
			return page;
		}
	};
	for (let i = 0; i < 3; i++) await syncOnce(phone, counting);
	// Before the fix: 3 — every sync drops and re-downloads everything.
	expect(resets).toBeLessThanOrEqual(1);
});

it('a re-pull longer than one page ends', async () => {
	// The organizer has two changes below the purge line (a salon and a session).
	const phone = device('organizer-paged');
	const w = { db: phone, userId: organizer.userId };
	const place = await registerPlace(w, 'tsurugashima', salon);
	await recordSession(w, {
		placeId: place.placeId,
		date: '2024-06-11',
		participants: { total: 10 },
		volunteers: 1,
		firstTimers: 0,
		hours: null
	});
	await syncOnce(phone, inProcessTransport(ctx, organizer));
	await purgeAnotherDistrictsTombstone();

	// Pages of one change (as 500 are for an account with more than 500 changes); the guard
	// stops the pass after 50 pulls instead of letting it spin forever.
	const server = inProcessTransport(ctx, organizer);
	let pulls = 0;
	const paged: SyncTransport = {
		push: server.push,
		async pull(since, _limit, resync) {
			if (++pulls > 50) throw new SyncError('server', 'still pulling after 50 pages');
			return server.pull(since, 1, resync);
		}
	};
	// Before the fix: rejects — reset, page 1, reset, page 1, ... never reaching the end.
	await expect(syncOnce(phone, paged)).resolves.toBeDefined();
});
