/**
 * The device side of the salon list import (staff): what the plan compares against (the
 * city's places on this device), the column mapping remembered per city in the kv table, and
 * the commit — every row through the same ops as the place form (registerPlace, editPlace),
 * all in one transaction with their outbox entries: an import is saved whole or not at all.
 */
import {
	sameFieldValue,
	type ExistingPlace,
	type ImportRow
} from '#lib/domain/import/salon-rows.js';
import type { ExportPlace } from '#lib/domain/import/salon-export.js';
import type { RememberedMapping } from '#lib/domain/import/salon-template.js';
import { fieldValues } from '#lib/domain/sync/merge-fields.js';
import type { PlaceFields } from '#lib/domain/sync/protocol.js';
import { clientDb, recordTables, type IbashoDb, type PlaceRow } from './ibasho-db';
import { editPlace, registerPlace, type Writer } from './local-writes';
import { guardQuota } from './storage-errors';

const values = (row: PlaceRow): Partial<PlaceFields> | null =>
	row.fields ? (fieldValues(row.fields) as Partial<PlaceFields>) : null;

/** The city's places on this device: pack places too (a list row may duplicate one). */
export async function importContext(db: IbashoDb, packId: string): Promise<ExistingPlace[]> {
	const rows = await db.places.where('packId').equals(packId).toArray();
	return rows.map((r) => ({ id: r.id, name: r.name, address: r.address, fields: values(r) }));
}

/** Places people registered (the 社協's list), as the export writes them. */
export async function exportablePlaces(db: IbashoDb, packId: string): Promise<ExportPlace[]> {
	const rows = await db.places.where('packId').equals(packId).toArray();
	return rows.filter((r) => r.fields).map((r) => ({ id: r.id, fields: values(r)! }));
}

const mappingKey = (packId: string) => `importMapping:${packId}`;

export async function loadImportMapping(db: IbashoDb, packId: string): Promise<RememberedMapping> {
	const value = (await db.kv.get(mappingKey(packId)))?.value;
	return value && typeof value === 'object' ? (value as RememberedMapping) : {};
}

export async function saveImportMapping(
	db: IbashoDb,
	packId: string,
	mapping: RememberedMapping
): Promise<void> {
	await guardQuota(() => db.kv.put({ key: mappingKey(packId), value: mapping }));
}

/**
 * Imports the rows that add or update a place. A row planned as an addition whose place is
 * already here (the same file committed twice) becomes an edit of what changed, so a place
 * is never registered twice. Returns how many places were added and updated.
 */
export async function commitImport(
	w: Writer,
	packId: string,
	rows: readonly ImportRow[]
): Promise<{ added: number; updated: number }> {
	const { db } = w;
	let added = 0;
	let updated = 0;
	await guardQuota(() =>
		db.transaction('rw', recordTables(db), async () => {
			for (const row of rows) {
				if (!row.placeId || !row.fields) continue;
				if (row.action !== 'add' && row.action !== 'update') continue;
				const current = await db.places.get(row.placeId);
				const was = current ? values(current) : null;
				if (!was) {
					await registerPlace(w, packId, row.fields, row.placeId);
					added++;
					continue;
				}
				const changes = Object.fromEntries(
					Object.entries(row.action === 'update' ? row.changes : row.fields).filter(
						([k, v]) => !sameFieldValue(was[k as keyof PlaceFields], v)
					)
				) as Partial<PlaceFields>;
				if (Object.keys(changes).length === 0) continue;
				await editPlace(w, row.placeId, changes);
				updated++;
			}
		})
	);
	return { added, updated };
}

/** The functions above on this device's database: what the import screen calls. */
export const onThisDevice = {
	importContext: (packId: string) => importContext(clientDb(), packId),
	exportablePlaces: (packId: string) => exportablePlaces(clientDb(), packId),
	loadImportMapping: (packId: string) => loadImportMapping(clientDb(), packId),
	saveImportMapping: (packId: string, mapping: RememberedMapping) =>
		saveImportMapping(clientDb(), packId, mapping)
};
