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
import { expect, it } from 'vitest';
import { recordSession, registerPlace } from '#lib/client/db/local-writes.js';
import { syncOnce, SyncError } from '#lib/client/sync/sync-runner.js';
import { shapedPulls } from './in-process-transport';
import { purgeATombstone, salonFields, sessionInput, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('repro-reset-loop', {
	organizer: 'organizer',
	// In another district: its deleted team is a tombstone the organizer never sees.
	coordinator: ['coordinator', ['fuji']]
});

it('a phone resets once, not on every sync', async () => {
	const { organizer, coordinator } = f.accounts;
	// An organizer's phone registers a salon and syncs: its cursor is at that change.
	const phone = f.device('organizer');
	await registerPlace(f.writer(phone, organizer), 'tsurugashima', salonFields('sakae'));
	await f.sync(phone, organizer);
	await purgeATombstone(f, coordinator);

	// The organizer's phone syncs three times; count the resets the server answers.
	let resets = 0;
	const counting = shapedPulls(f.server(organizer), { onPage: (page) => (resets += +page.reset) });
	for (let i = 0; i < 3; i++) await syncOnce(phone, counting, { userId: organizer.userId });
	// Before the fix: 3 — every sync drops and re-downloads everything.
	expect(resets).toBeLessThanOrEqual(1);
});

it('a re-pull longer than one page ends', async () => {
	const { organizer, coordinator } = f.accounts;
	// The organizer has two changes below the purge line (a salon and a session).
	const phone = f.device('organizer-paged');
	const w = f.writer(phone, organizer);
	const place = await registerPlace(w, 'tsurugashima', salonFields('sakae'));
	await recordSession(w, sessionInput(place.placeId));
	await f.sync(phone, organizer);
	await purgeATombstone(f, coordinator);

	// Pages of one change (as 500 are for an account with more than 500 changes); the guard
	// stops the pass after 50 pulls instead of letting it spin forever.
	const paged = shapedPulls(f.server(organizer), {
		pageSize: 1,
		pullsBeforeFailure: 50,
		failure: new SyncError('server', 'still pulling after 50 pages')
	});
	// Before the fix: rejects — reset, page 1, reset, page 1, ... never reaching the end.
	await expect(syncOnce(phone, paged, { userId: organizer.userId })).resolves.toBeDefined();
});
