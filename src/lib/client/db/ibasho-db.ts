/**
 * The browser's database: the one Dexie class, with every schema version in order.
 * A version, once released, is never edited: add the next one (Dexie upgrades in place and
 * keeps every row; tests/unit/client/db-migration.test.ts proves it from version 1 up).
 * Only modules in src/lib/client/db import Dexie.
 */
import Dexie, { type Table } from 'dexie';
import type { ClientConfig } from '$lib/config';
import type { PackGeometry, Place, PlacePack } from '$lib/domain/model';

export type PackMeta = Omit<PlacePack, 'places'>;

export interface PlaceRow extends Place {
	packId: string;
	/** Position in the server's list, so the device shows the same order as the server. */
	ordinal: number;
}
export interface PackRow {
	id: string;
	meta: PackMeta;
	config: ClientConfig;
	/** When this snapshot was last confirmed by the server (ms since epoch). */
	savedAt: number;
}
export interface GeometryRow {
	packId: string;
	geometry: PackGeometry;
}
export interface KeyValueRow {
	key: string;
	value: unknown;
}

/** Each step lists only the tables it adds or changes (Dexie carries the rest forward). */
export const SCHEMA_HISTORY: readonly { version: number; stores: Record<string, string | null> }[] =
	[
		// 1: the pack snapshot a resident reads offline.
		{ version: 1, stores: { places: 'id, packId', packs: 'id' } },
		// 2: district index on places; district outlines kept apart (large, rarely change);
		//    a key-value table for device state (persistence asked, last refresh).
		{
			version: 2,
			stores: { places: 'id, packId, *districtIds', geometry: 'packId', kv: 'key' }
		}
	];

export const DB_NAME = 'ibasho';

export class IbashoDb extends Dexie {
	places!: Table<PlaceRow, string>;
	packs!: Table<PackRow, string>;
	geometry!: Table<GeometryRow, string>;
	kv!: Table<KeyValueRow, string>;

	constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		for (const step of SCHEMA_HISTORY) this.version(step.version).stores(step.stores);
	}
}

let instance: IbashoDb | null = null;

/** The page's one database connection, created on first use (browser only). */
export function clientDb(): IbashoDb {
	instance ??= new IbashoDb();
	return instance;
}
