/**
 * What every op applier gets (the transaction, who is acting, the packs, the time) and what it
 * answers. push.ts hands each applier a run of consecutive ops of its kind; most apply them one
 * by one (`oneByOne`), the kinds a device's backlog is mostly made of batch their statements.
 */
import type { Actor, CityScope } from '#lib/domain/policy.js';
import type { PlanPack } from '#lib/domain/indicators/model.js';
import type { Op, OpStatus, Reason } from '#lib/domain/sync/protocol.js';
import type { StampedFields } from '#lib/domain/sync/merge-fields.js';
import type { Queryable } from '../db/database';
import type { CityInfo } from '../app-context';
import type { ChangeRow } from './change-feed';

export interface ApplyContext {
	tx: Queryable;
	/** Acts only within its cities: every applier checks the record's city first. */
	actor: Actor & CityScope;
	packs: ReadonlyMap<string, CityInfo>;
	/** Welfare plans by city id; without it, indicator entries are refused as unknown. */
	plans?: ReadonlyMap<string, PlanPack>;
	/**
	 * The city of a city-wide record (no district) that names no city itself; without it, the
	 * only pack loaded (AppContext.defaultPackId in the server).
	 */
	defaultPackId?: string;
	now: number;
}

export interface Outcome {
	status: OpStatus;
	reason?: Reason;
	details?: unknown;
	changes: ChangeRow[];
}

/**
 * Applies a run of ops of one kind, in order, and answers each (`outcomes[i]` for `ops[i]`).
 * Contract: the answers and the writes are exactly those of applying the ops one at a time, in
 * order — a later op of the run sees what an earlier one wrote.
 */
export type RunApplier<O extends Op> = (ctx: ApplyContext, ops: readonly O[]) => Promise<Outcome[]>;

/** A run applier for a kind whose ops are applied one at a time. */
export const oneByOne =
	<O extends Op>(apply: (ctx: ApplyContext, op: O) => Promise<Outcome>): RunApplier<O> =>
	async (ctx, ops) => {
		const outcomes: Outcome[] = [];
		for (const op of ops) outcomes.push(await apply(ctx, op));
		return outcomes;
	};

export const rejected = (reason: Reason, details?: unknown): Outcome => ({
	status: 'rejected',
	reason,
	details,
	changes: []
});

type Envelope = 'opId' | 'deviceId' | 'at' | 'kind';
/** An op's body without its envelope: what an append-only record stores. */
export const withoutEnvelope = <T extends Record<Envelope, unknown>>(op: T): Omit<T, Envelope> => {
	const { opId: _o, deviceId: _d, at: _a, kind: _k, ...rest } = op;
	return rest;
};

/** Every field of one op carries the op's own clock stamp. */
export function stampFields(fields: Record<string, unknown>, at: string): StampedFields {
	const out: StampedFields = {};
	for (const [k, value] of Object.entries(fields)) if (value !== undefined) out[k] = { value, at };
	return out;
}

export function knownDistrictIds(packs: ReadonlyMap<string, CityInfo>): Set<string> {
	return new Set([...packs.values()].flatMap((p) => p.pack.districts.map((d) => d.id)));
}

/**
 * The pack (city) a record of these districts belongs to: the one pack whose districts include
 * them all. A record of no district (a city-wide training) takes the acting account's city:
 * the one of its cities that is loaded. Null when that names no pack or several (district ids
 * two cities share, or a city-wide record of an account holding several loaded cities: the
 * op does not say which city it is for).
 */
export function packOfDistricts(
	packs: ReadonlyMap<string, CityInfo>,
	districtIds: readonly string[],
	actor: CityScope
): string | null {
	const matching =
		districtIds.length === 0
			? actor.cityIds.filter((c) => packs.has(c))
			: [...packs.values()]
					.filter((p) => districtIds.every((d) => p.pack.districts.some((x) => x.id === d)))
					.map((p) => p.pack.id);
	return matching.length === 1 ? matching[0]! : null;
}
