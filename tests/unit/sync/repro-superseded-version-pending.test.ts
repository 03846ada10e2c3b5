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
import { expect, it } from 'vitest';
import { recordSession, registerPlace } from '#lib/client/db/local-writes.js';
import { salonFields, sessionInput, useSyncFixture } from './sync-fixture';

const f = useSyncFixture('repro-superseded', { organizer: 'organizer' });

it('every acknowledged session version is marked sent', async () => {
	const { organizer } = f.accounts;
	const phone = f.device();
	const w = f.writer(phone, organizer);
	const place = await registerPlace(w, 'tsurugashima', salonFields('sakae'));
	const input = sessionInput(place.placeId);
	const first = await recordSession(w, input);
	await recordSession(w, { ...input, participants: { total: 12 } }, first); // a typo fixed
	const report = await f.sync(phone, organizer);
	expect(report.pushed).toBe(3);
	expect(await phone.outbox.count()).toBe(0);

	const rows = await phone.sessions.where('sessionId').equals(first.sessionId).sortBy('version');
	// Before the fix: ['pending', 'sent'] — version 1 is on the server, yet marked unsent for good.
	expect(rows.map((r) => r.syncState)).toEqual(['sent', 'sent']);
});
