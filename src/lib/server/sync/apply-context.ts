/** What every op applier gets: the transaction, who is acting, the packs, and the time. */
import type { Actor } from '$lib/domain/policy';
import type { PlanPack } from '$lib/domain/indicators/model';
import type { OpStatus, Reason } from '$lib/domain/sync/protocol';
import type { StampedFields } from '$lib/domain/sync/merge-fields';
import type { Queryable } from '../db/database';
import type { LoadedPack } from '../app-context';
import type { ChangeRow } from './change-feed';

export interface ApplyContext {
	tx: Queryable;
	actor: Actor;
	packs: ReadonlyMap<string, LoadedPack>;
	/** Welfare plans by city id; without it, indicator entries are refused as unknown. */
	plans?: ReadonlyMap<string, PlanPack>;
	now: number;
}

export interface Outcome {
	status: OpStatus;
	reason?: Reason;
	details?: unknown;
	changes: ChangeRow[];
}

export const rejected = (reason: Reason, details?: unknown): Outcome => ({
	status: 'rejected',
	reason,
	details,
	changes: []
});

/** Every field of one op carries the op's own clock stamp. */
export function stampFields(fields: Record<string, unknown>, at: string): StampedFields {
	const out: StampedFields = {};
	for (const [k, value] of Object.entries(fields)) if (value !== undefined) out[k] = { value, at };
	return out;
}

export function knownDistrictIds(packs: ReadonlyMap<string, LoadedPack>): Set<string> {
	return new Set([...packs.values()].flatMap((p) => p.pack.districts.map((d) => d.id)));
}
