/**
 * An approved salon edited on a phone with no signal (client/db/local-writes.ts with the rule
 * of domain/sync/place-review.ts): the work screens show a rename as waiting for review from
 * the device's own data, while the phone's find list and place page keep the approved name;
 * a schedule edit shows everywhere at once; staff publish directly. Generated test data.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { IbashoDb, type PlaceRow } from '#lib/client/db/ibasho-db.js';
import { editPlace, type Writer } from '#lib/client/db/local-writes.js';
import { readPackBundle, readPlace, savePackBundle } from '#lib/client/db/pack-store.js';
import { OSM_TILES } from '#lib/config.js';
import { placeView } from '#lib/domain/sync/place-fields.js';
import type { StampedFields } from '#lib/domain/sync/merge-fields.js';

const OWNER = '00000000-0000-7000-8000-0000000000aa';
const PLACE = '00000000-0000-7000-8000-0000000000bb';
const OLD = 'テスト用サロン（生成）';
const NEW = 'テスト用サロン 改名（生成）';

const dbs: IbashoDb[] = [];
afterEach(async () => {
	while (dbs.length) {
		const db = dbs.pop()!;
		db.close();
		await Dexie.delete(db.name);
	}
});

/** A phone holding the approved salon as the sync left it. */
async function phoneWithApprovedSalon(): Promise<IbashoDb> {
	const db = new IbashoDb(`review-${Math.random()}`);
	dbs.push(db);
	await savePackBundle(db, {
		pack: {
			id: 'test',
			municipality: 'テスト市',
			municipalityCode: '00000',
			bbox: [139.3, 35.9, 139.5, 36],
			center: { lng: 139.4, lat: 35.95 },
			districts: [],
			towns: [],
			places: [],
			attributions: []
		},
		config: { tiles: OSM_TILES }
	});
	const at = '0000000000001-0000-00000000-0000-7000-8000-0000000000cc';
	const fields: StampedFields = Object.fromEntries(
		Object.entries({
			name: OLD,
			category: 'salon',
			districtId: 'sakae',
			scheduleNote: '毎週火曜',
			status: 'active'
		}).map(([k, value]) => [k, { value, at }])
	);
	const place = placeView({
		id: PLACE,
		ownerId: OWNER,
		moderation: 'approved',
		moderationNote: null,
		fields
	});
	const row: PlaceRow = {
		...place,
		packId: 'test',
		ordinal: Number.MAX_SAFE_INTEGER,
		via: 'sync',
		fields,
		publishedFields: fields,
		syncState: 'sent'
	};
	await db.places.put(row);
	return db;
}

const organizer = (db: IbashoDb): Writer => ({
	db,
	userId: OWNER,
	actor: { userId: OWNER, role: 'organizer', districtIds: [] }
});

describe('an approved salon edited offline', () => {
	it('shows a rename as waiting on the work screens and the approved name to residents', async () => {
		const db = await phoneWithApprovedSalon();
		await editPlace(organizer(db), PLACE, { name: NEW });
		const row = await db.places.get(PLACE);
		expect(row).toMatchObject({ name: NEW, moderation: 'pending', syncState: 'pending' });
		expect(row?.publishedFields?.name?.value).toBe(OLD);
		expect((await readPlace(db, PLACE))?.name).toBe(OLD);
		const listed = (await readPackBundle(db))?.pack.places.find((p) => p.id === PLACE);
		expect(listed).toMatchObject({ name: OLD, moderation: 'approved' });
	});

	it('shows a schedule edit everywhere at once', async () => {
		const db = await phoneWithApprovedSalon();
		await editPlace(organizer(db), PLACE, { scheduleNote: '毎週木曜' });
		expect(await db.places.get(PLACE)).toMatchObject({ moderation: 'approved' });
		expect((await readPlace(db, PLACE))?.scheduleText).toBe('毎週木曜');
	});

	it('publishes a staff rename directly', async () => {
		const db = await phoneWithApprovedSalon();
		const staff = 'ffffffff-0000-7000-8000-000000000001';
		await editPlace(
			{ db, userId: staff, actor: { userId: staff, role: 'staff', districtIds: [] } },
			PLACE,
			{ name: NEW }
		);
		expect(await db.places.get(PLACE)).toMatchObject({ moderation: 'approved' });
		expect((await readPlace(db, PLACE))?.name).toBe(NEW);
	});
});
