import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { IbashoDb, SCHEMA_HISTORY, UNKNOWN_ACCOUNT } from '#lib/client/db/ibasho-db.js';
import { readPackBundle } from '#lib/client/db/pack-store.js';
import { makePlace } from '../factories';

const names: string[] = [];
afterEach(async () => {
	while (names.length) await Dexie.delete(names.pop()!);
});

describe('Dexie schema history', () => {
	it('is in order, starting at 1, with no gaps', () => {
		expect(SCHEMA_HISTORY.map((s) => s.version)).toEqual(SCHEMA_HISTORY.map((_, i) => i + 1));
	});

	it('upgrading a version-1 database to the current one keeps every row', async () => {
		const name = `migration-${Math.random()}`;
		names.push(name);
		// A device that installed the first release: only version 1 is known to it.
		const v1 = new Dexie(name);
		v1.version(1).stores(SCHEMA_HISTORY[0]!.stores);
		await v1.open();
		const places = Array.from({ length: 50 }, (_, i) =>
			makePlace({ id: `p-${String(i).padStart(3, '0')}`, districtIds: [i % 2 ? 'fuji' : 'sakae'] })
		);
		await v1
			.table('places')
			.bulkPut(places.map((p, ordinal) => ({ ...p, packId: 'test', ordinal })));
		await v1.table('packs').put({
			id: 'test',
			meta: { id: 'test', districts: [], towns: [], attributions: [] },
			config: { tiles: { url: null, attribution: '', maxZoom: 18, allowPrefetch: false } },
			savedAt: 1
		});
		v1.close();

		const current = new IbashoDb(name);
		await current.open();
		expect(current.verno).toBe(SCHEMA_HISTORY.at(-1)!.version);
		expect(await current.packs.count()).toBe(1);
		// Version 4 moved the downloaded places into chunks: every one is still there, in order.
		expect(await current.packChunks.count()).toBe(1);
		const bundle = await readPackBundle(current, 'test');
		expect(bundle?.pack.places.map((p) => p.id)).toEqual(places.map((p) => p.id));
		expect(bundle?.pack.places.filter((p) => p.districtIds.includes('fuji'))).toHaveLength(25);
		expect(bundle?.pack.places[0]).toEqual(places[0]);
		current.close();
	});

	/** A database as version 5 of the app left it, with these outbox rows and device state. */
	async function version5(outbox: Record<string, unknown>[], kv: Record<string, unknown>[]) {
		const name = `migration-v5-${Math.random()}`;
		names.push(name);
		const v5 = new Dexie(name);
		for (const step of SCHEMA_HISTORY.filter((s) => s.version <= 5)) {
			v5.version(step.version).stores(step.stores);
		}
		await v5.open();
		await v5.table('outbox').bulkAdd(outbox);
		await v5.table('kv').bulkPut(kv);
		v5.close();
		return name;
	}
	const outboxRow = (opId: string, status: string, reason?: string) => ({
		opId,
		op: { opId, kind: 'session.record' },
		entity: 'session',
		entityId: `s-${opId}`,
		status,
		...(reason ? { reason } : {}),
		createdAt: 1
	});

	it('version 7 gives each unsent op the account recorded on the device', async () => {
		const name = await version5(
			[
				outboxRow('a', 'pending'),
				outboxRow('b', 'rejected', 'clock_ahead'),
				outboxRow('c', 'rejected', 'server_error'),
				outboxRow('d', 'rejected', 'forbidden'),
				outboxRow('e', 'conflict', 'version_exists')
			],
			[{ key: 'account', value: { userId: 'u-1', email: 'x@example.test', role: 'organizer' } }]
		);
		const db = new IbashoDb(name);
		const rows = await db.outbox.orderBy('seq').toArray();
		// Every row is kept; ops an earlier app refused for a passing reason are due again.
		expect(rows.map((r) => [r.opId, r.userId, r.status, r.reason, r.retryAt])).toEqual([
			['a', 'u-1', 'pending', undefined, undefined],
			['b', 'u-1', 'pending', 'clock_ahead', 0],
			['c', 'u-1', 'pending', 'server_error', 0],
			['d', 'u-1', 'rejected', 'forbidden', undefined],
			['e', 'u-1', 'conflict', 'version_exists', undefined]
		]);
		const pending = await db.outbox
			.where('[userId+status+seq]')
			.between(['u-1', 'pending', 0], ['u-1', 'pending', Infinity])
			.count();
		expect(pending).toBe(3);
		db.close();
	});

	it('version 7 keeps the ops of a device with no account recorded, as nobody’s', async () => {
		const name = await version5([outboxRow('a', 'pending')], []);
		const db = new IbashoDb(name);
		expect((await db.outbox.toArray()).map((r) => r.userId)).toEqual([UNKNOWN_ACCOUNT]);
		db.close();
	});
});
