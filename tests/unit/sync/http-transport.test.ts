/**
 * The phone checks the server's answers against the protocol's schemas before acting on them.
 * Before the fix they were cast: a proxy's error page answered 200, a truncated body or a
 * wrong shape crashed the sync pass (or worse, reached the outbox). Now such an answer is a
 * retryable transport failure and the outbox is left as it was.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { IbashoDb } from '#lib/client/db/ibasho-db.js';
import { registerPlace } from '#lib/client/db/local-writes.js';
import { httpTransport } from '#lib/client/sync/http-transport.js';
import { SyncError, syncOnce } from '#lib/client/sync/sync-runner.js';
import { PROTOCOL_VERSION } from '#lib/domain/sync/protocol.js';
import { salonFields } from './sync-fixture';

/** fetch answering every request with `body` (JSON unless a string) and `status`. */
function answer(body: unknown, status = 200) {
	vi.stubGlobal(
		'fetch',
		vi.fn(
			async () =>
				new Response(typeof body === 'string' ? body : JSON.stringify(body), {
					status,
					headers: { 'content-type': 'application/json' }
				})
		)
	);
}
afterEach(() => vi.unstubAllGlobals());

const push = () =>
	httpTransport.push({ protocol: PROTOCOL_VERSION, deviceId: 'd', ops: [{ opId: 'x' }] });
const pull = () => httpTransport.pull({ since: 0, limit: 10 });

/** The SyncError kind a call fails with (or 'none'). */
async function failure(call: () => Promise<unknown>): Promise<string> {
	try {
		await call();
		return 'none';
	} catch (error) {
		if (error instanceof SyncError) return error.kind;
		throw error;
	}
}

describe('push answers', () => {
	it('accepts a well-formed answer, keeping a reason code this app does not know', async () => {
		const results = [
			{ opId: 'a', status: 'applied' },
			{ opId: 'b', status: 'rejected', reason: 'some_new_reason', details: { x: 1 } }
		];
		answer({ protocol: PROTOCOL_VERSION, results, extra: 'ignored' });
		expect(await push()).toEqual({ protocol: PROTOCOL_VERSION, results });
	});

	it.each([
		['not JSON (a proxy page)', '<html>502</html>'],
		['no results', { protocol: PROTOCOL_VERSION }],
		['results of the wrong type', { protocol: PROTOCOL_VERSION, results: 'ok' }],
		['an unknown status', { protocol: PROTOCOL_VERSION, results: [{ opId: 'a', status: 'ok' }] }],
		[
			'a result without its op id',
			{ protocol: PROTOCOL_VERSION, results: [{ status: 'applied' }] }
		],
		['null', null]
	])('an answer with %s is a server failure, retried later', async (_label, body) => {
		answer(body);
		expect(await failure(push)).toBe('server');
	});

	it('413 means the body was too large (the runner splits the batch)', async () => {
		answer({ reason: 'body_too_large', details: { maxBytes: 1 } }, 413);
		expect(await failure(push)).toBe('too_large');
	});
});

describe('pull answers', () => {
	const page = {
		protocol: PROTOCOL_VERSION,
		changes: [{ seq: 3, entity: 'place', id: 'p', data: { name: 'x' }, deleted: false }],
		cursor: 3,
		hasMore: false,
		reset: false,
		view: '0123456789abcdef'
	};

	it('accepts a well-formed page', async () => {
		answer(page);
		expect(await pull()).toEqual(page);
	});

	it.each([
		['a change of an unknown entity', { ...page, changes: [{ ...page.changes[0], entity: 'x' }] }],
		['a cursor that is not a number', { ...page, cursor: '3' }],
		['no hasMore', { ...page, hasMore: undefined }],
		['a negative seq', { ...page, changes: [{ ...page.changes[0], seq: -1 }] }]
	])('a page with %s is a server failure, retried later', async (_label, body) => {
		answer(body);
		expect(await failure(pull)).toBe('server');
	});
});

describe('a sync pass that gets a malformed answer', () => {
	const db = new IbashoDb(`http-transport-${Math.random()}`);
	afterAll(async () => {
		db.close();
		await Dexie.delete(db.name);
	});

	it('stops with a retryable error and leaves the outbox as it was', async () => {
		const w = { db, userId: 'u-1' };
		const salon = await registerPlace(w, 'tsurugashima', salonFields('fuji'));
		answer({ protocol: PROTOCOL_VERSION, results: [{ opId: salon.opId, status: 'appplied' }] });
		await expect(syncOnce(db, httpTransport, { userId: 'u-1' })).rejects.toMatchObject({
			kind: 'server'
		});
		const rows = await db.outbox.toArray();
		expect(rows.map((r) => [r.opId, r.status])).toEqual([[salon.opId, 'pending']]);
	});
});
