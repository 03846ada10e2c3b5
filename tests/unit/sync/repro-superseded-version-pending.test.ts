/**
 * Repro (found by convergence.property.test.ts): when a session is logged and corrected
 * before a sync, both versions go out in one push and both are applied — but the first
 * version's local row stays `syncState: 'pending'` forever.
 *
 * Why: applyPushResults (src/lib/client/sync/sync-runner.ts) marks each op's row 'pending'
 * while any other op of the same entity id is still pending in the outbox. That fits places
 * and meetings (one row, several ops), but a session or team version is a row of its own,
 * acknowledged by its own op: version 1's answer is handled while version 2's op is still
 * pending, so version 1 is marked 'pending', and nothing marks it again (pulls only carry the
 * latest version). Teams behave the same. The work screens show only the latest version, so
 * nobody sees it today, but the row says the server lacks something it has.
 *
 * Fixed since (commit 8085eeb): now a regression test that fails if the bug returns.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IbashoDb } from '$lib/client/db/ibasho-db';
import { recordSession, registerPlace } from '$lib/client/db/local-writes';
import { syncOnce } from '$lib/client/sync/sync-runner';
import type { AppContext } from '$lib/server/app-context';
import type { Account } from '$lib/server/auth/accounts-repo';
import { account, syncContext } from '../server/sync-helpers';
import { inProcessTransport } from './in-process-transport';

let ctx: AppContext;
let organizer: Account;
let phone: IbashoDb;

beforeAll(async () => {
	ctx = await syncContext('pglite');
	organizer = await account(ctx, 'organizer');
	phone = new IbashoDb(`repro-superseded-${Math.random()}`);
}, 60_000);
afterAll(async () => {
	phone.close();
	await Dexie.delete(phone.name);
	await ctx.db.close();
});

it('every acknowledged session version is marked sent', async () => {
	const w = { db: phone, userId: organizer.userId };
	const place = await registerPlace(w, 'tsurugashima', {
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
	});
	const input = {
		placeId: place.placeId,
		date: '2024-06-11',
		participants: { total: 10 },
		volunteers: 1,
		firstTimers: 0,
		hours: null
	};
	const first = await recordSession(w, input);
	await recordSession(w, { ...input, participants: { total: 12 } }, first); // a typo fixed
	const report = await syncOnce(phone, inProcessTransport(ctx, organizer));
	expect(report.pushed).toBe(3);
	expect(await phone.outbox.count()).toBe(0);

	const rows = await phone.sessions.where('sessionId').equals(first.sessionId).sortBy('version');
	// Before the fix: ['pending', 'sent'] — version 1 is on the server, yet marked unsent for good.
	expect(rows.map((r) => r.syncState)).toEqual(['sent', 'sent']);
});
