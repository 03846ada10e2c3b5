/**
 * Last-writer-wins per field, by hybrid logical clock. A record is a map of fields, each with
 * its value and the stamp of the edit that set it. Merging is a pure, deterministic function:
 * A then B and B then A give the same record (tests check both orders and random schedules).
 */
import { compareHlc } from './hlc';

export interface StampedValue<V = unknown> {
	value: V;
	at: string;
}
export type StampedFields = Record<string, StampedValue>;

export interface MergeResult {
	merged: StampedFields;
	/** Fields this edit changed. */
	applied: string[];
	/** Fields this edit lost to a newer edit already there: reported to its author. */
	superseded: string[];
}

export function mergeFields(current: StampedFields, incoming: StampedFields): MergeResult {
	const merged: StampedFields = { ...current };
	const applied: string[] = [];
	const superseded: string[] = [];
	for (const [field, edit] of Object.entries(incoming)) {
		const existing = current[field];
		if (!existing || compareHlc(edit.at, existing.at) > 0) {
			merged[field] = edit;
			applied.push(field);
		} else if (compareHlc(edit.at, existing.at) < 0) {
			superseded.push(field);
		}
		// Equal stamps: the same edit seen twice — nothing to do, nothing lost.
	}
	return { merged, applied, superseded };
}

export function fieldValues(fields: StampedFields): Record<string, unknown> {
	return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.value]));
}

/** The newest stamp among the fields (the record's "last edited"). */
export function latestStamp(fields: StampedFields): string | null {
	let latest: string | null = null;
	for (const { at } of Object.values(fields))
		if (latest === null || compareHlc(at, latest) > 0) latest = at;
	return latest;
}
