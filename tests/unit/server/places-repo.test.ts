import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '#lib/server/db/open-database.js';
import { DataDirLockedError, lockDataDir } from '#lib/server/db/data-dir-lock.js';
import { findPublicPlace, listPublicPlaces, seedPackPlaces } from '#lib/server/places-repo.js';
import type { Database } from '#lib/server/db/database.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { makePlace } from '../factories';
import { ENGINES, openTestDatabase } from './test-database';

const opened: Database[] = [];
afterEach(async () => {
	while (opened.length) await opened.pop()!.close();
});

// Every test runs on PGlite and on PostgreSQL, each against a fresh database.
describe.each(ENGINES)('%s', (engine) => {
	async function freshDb() {
		const db = await openTestDatabase(engine);
		opened.push(db);
		return db;
	}

	describe('pack seeding', () => {
		it('loads every Tsurugashima place once and is a no-op the second time', async () => {
			const db = await freshDb();
			const { pack } = tsurugashimaPack();
			const first = await seedPackPlaces(db, pack.id, pack.places);
			const second = await seedPackPlaces(db, pack.id, pack.places);
			expect(first.changed).toBe(true);
			expect(second.changed).toBe(false);
			const listed = await listPublicPlaces(db, pack.id);
			expect(listed.map((p) => p.id)).toEqual(pack.places.map((p) => p.id));
		});

		it('never removes or overwrites places people registered when the pack changes', async () => {
			const db = await freshDb();
			const packPlace = makePlace({ id: 'pack-1', origin: 'pack' });
			await seedPackPlaces(db, 'test', [packPlace]);
			await db.query(
				// Approved: its published version is what residents see (migration 9).
				`insert into places (id, pack_id, origin, status, moderation, data, published)
				 values ($1, 'test', 'user', 'active', 'approved', $2, $2)`,
				['user-1', JSON.stringify(makePlace({ id: 'user-1', origin: 'user' }))]
			);
			await seedPackPlaces(db, 'test', []); // the pack no longer lists pack-1
			const ids = (await listPublicPlaces(db, 'test')).map((p) => p.id);
			expect(ids).toEqual(['user-1']);
		});

		it('hides pending and closed places from residents', async () => {
			const db = await freshDb();
			await seedPackPlaces(db, 'test', [
				makePlace({ id: 'ok' }),
				makePlace({ id: 'pending', moderation: 'pending' }),
				makePlace({ id: 'closed', status: 'closed' })
			]);
			expect((await listPublicPlaces(db, 'test')).map((p) => p.id)).toEqual(['ok']);
			expect(await findPublicPlace(db, 'pending')).toBeNull();
			expect((await findPublicPlace(db, 'ok'))?.id).toBe('ok');
		});
	});
});

// PGlite only by nature: the lock guards PGlite's data directory, which PostgreSQL does not have.
describe('PGlite data directory', () => {
	it('refuses a second owner while the first is open, and keeps data across reopen', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ibasho-'));
		try {
			const db = await openDatabase({ dataDir: dir });
			await seedPackPlaces(db, 'test', [makePlace({ id: 'kept' })]);
			await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
			await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
			await db.close();
			const again = await openDatabase({ dataDir: dir });
			expect((await listPublicPlaces(again, 'test')).map((p) => p.id)).toEqual(['kept']);
			await again.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
