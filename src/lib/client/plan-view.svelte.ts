/**
 * What every /work/indicators screen shows, in one place: the plan of the staff's city (loaded
 * once per visit and kept on the device, plan-data.ts), this device's entries and evaluations
 * of it followed live from client/db, the effective plan they make, the server's figures and
 * history, and the writes. Pages and components read this state and call these functions;
 * none of them opens the database or subscribes to it (only client/db touches Dexie).
 */
import { onMount } from 'svelte';
import { fiscalYearOf } from '#lib/domain/fiscal-year.js';
import { withEntries, type IndicatorEntry } from '#lib/domain/indicators/entries.js';
import {
	withEvaluations,
	type EvaluationEntry,
	type EvaluationInput
} from '#lib/domain/indicators/evaluations.js';
import { planYears, type PlanPack } from '#lib/domain/indicators/model.js';
import { accountState } from './account-state.svelte';
import { connectivity, fetchObserved } from './connectivity.svelte';
import type { IndicatorEntryRow, IndicatorEvaluationRow } from './db/ibasho-db';
import type { IndicatorInput } from './db/local-writes';
import { fetchComputed, loadPlan, type ComputedResult } from './plan-data';
import { currentWriter } from './writer';

export type { IndicatorEntryRow, IndicatorEvaluationRow };
export type { ComputedResult };
export type { ComputedSnapshot } from './db/computed-cache';

/** The running fiscal year, as the screens count it (April–March). */
export const currentFiscalYear = (): number => fiscalYearOf(Date.now());

export class PlanView {
	/** The plan as published (the documents' figures, before this device's entries). */
	pack = $state.raw<PlanPack | null>(null);
	/** The city whose plan it is; it keys entries, evaluations, drafts and API queries. */
	planId = $state('');
	/** Neither the server nor the device has the plan (never online while signed in). */
	missing = $state(false);
	entries = $state.raw<IndicatorEntryRow[]>([]);
	evaluations = $state.raw<IndicatorEvaluationRow[]>([]);
	/** The device's entries (evaluations) have been read once: a form can start from them. */
	entriesKnown = $state(false);
	evaluationsKnown = $state(false);

	/** The plan with this device's entries and evaluations applied: what staff see. */
	readonly plan = $derived(
		this.pack
			? withEvaluations(
					withEntries(this.pack, this.planId, this.entries),
					this.planId,
					this.evaluations
				)
			: null
	);
	/** Some entry has not reached the server yet (downloads would not show it). */
	readonly hasPending = $derived(this.entries.some((e) => e.syncState === 'pending'));

	/** Loads the plan and follows the device's rows of it; returns the stop function. */
	open(): () => void {
		const stops: (() => void)[] = [];
		let stopped = false;
		void (async () => {
			const [loaded, device] = await Promise.all([
				loadPlan().catch((error: unknown) => {
					console.error(error);
					return null;
				}),
				import('./db/this-device')
			]);
			if (stopped) return;
			if (!loaded) {
				this.missing = true;
				return;
			}
			this.planId = loaded.planId;
			this.pack = loaded.pack;
			const failed = (error: unknown) => console.error(error);
			stops.push(
				device.followIndicatorEntries(
					loaded.planId,
					(rows) => {
						this.entries = rows;
						this.entriesKnown = true;
					},
					failed
				),
				device.followIndicatorEvaluations(
					loaded.planId,
					(rows) => {
						this.evaluations = rows;
						this.evaluationsKnown = true;
					},
					failed
				)
			);
		})();
		return () => {
			stopped = true;
			stops.forEach((stop) => stop());
		};
	}
}

/** A plan view that lives as long as the calling component (call during its set-up). */
export function usePlanView(): PlanView {
	const view = new PlanView();
	onMount(() => view.open());
	return view;
}

/** Every fiscal year of the plan, first to last. */
export function planYearList(pack: PlanPack): number[] {
	const { from, to } = planYears(pack).plan;
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The year `?fy=` asks for (`asked`) when it lies in `from`–`to`, else the running fiscal year
 * kept inside them: the year staff act on (computed figures grow there and entries go in).
 */
export function askedYear(
	asked: string | null,
	{ from, to }: { from: number; to: number }
): number {
	const year = Number(asked);
	if (asked !== null && Number.isInteger(year) && year >= from && year <= to) return year;
	return Math.min(to, Math.max(from, currentFiscalYear()));
}

/** Saves a year's figure on this device and its outbox, and asks for a sync. */
export async function saveIndicatorEntry(input: IndicatorInput): Promise<void> {
	const [{ recordIndicator }, { syncSoon }] = await Promise.all([
		import('./db/local-writes'),
		import('./sync/sync-service')
	]);
	await recordIndicator(currentWriter(), input, accountState.account!.email);
	syncSoon();
}

/** Saves a year's evaluation on this device and its outbox, and asks for a sync. */
export async function saveIndicatorEvaluation(input: EvaluationInput): Promise<void> {
	const [{ evaluateIndicator }, { syncSoon }] = await Promise.all([
		import('./db/local-writes'),
		import('./sync/sync-service')
	]);
	await evaluateIndicator(currentWriter(), input, accountState.account!.email);
	syncSoon();
}

/**
 * The server's computed figures of the year `args()` names (null: none yet), fetched again
 * when the year changes and, with `followConnection`, when the connection returns.
 */
export function useComputedFigures(
	view: PlanView,
	args: () => { year: number | null; enabled: boolean; followConnection: boolean }
): { readonly result: ComputedResult | null } {
	let result = $state.raw<ComputedResult | null>(null);
	$effect(() => {
		const { year, enabled, followConnection } = args();
		if (followConnection) void connectivity.online;
		const planId = view.planId;
		if (year === null || !enabled) return;
		let stale = false;
		result = null;
		void fetchComputed(planId, year).then((r) => {
			if (!stale) result = r;
		});
		return () => {
			stale = true;
		};
	});
	return {
		get result() {
			return result;
		}
	};
}

export interface ServerHistory {
	state: 'loading' | 'offline' | 'error' | 'ok';
	entries: IndicatorEntry[];
	evaluations: EvaluationEntry[];
}

/**
 * The server's entries and evaluations of one indicator and year, fetched again when `mark`
 * changes (this device's row of that year saved, then sent) or the connection returns.
 * Null until asked for; `offline` without a connection.
 */
export function useServerHistory(
	view: PlanView,
	args: () => { no: number; year: number | null; mark: string; enabled: boolean }
): { readonly current: ServerHistory | null } {
	let history = $state.raw<ServerHistory | null>(null);
	const empty = (state: ServerHistory['state']): ServerHistory => ({
		state,
		entries: [],
		evaluations: []
	});
	$effect(() => {
		const { no, year, mark, enabled } = args();
		const online = connectivity.online;
		const planId = view.planId;
		void mark;
		if (!enabled || year === null) return;
		if (!online) {
			history = empty('offline');
			return;
		}
		let stale = false;
		history = empty('loading');
		void (async () => {
			try {
				const query = `city=${encodeURIComponent(planId)}&fy=${year}&no=${no}`;
				const res = await fetchObserved(`/api/indicators/history?${query}`, {
					credentials: 'same-origin'
				});
				const body = res.ok
					? ((await res.json()) as { entries: IndicatorEntry[]; evaluations: EvaluationEntry[] })
					: null;
				if (!stale) history = body ? { state: 'ok', ...body } : empty('error');
			} catch {
				if (!stale) history = empty('offline');
			}
		})();
		return () => {
			stale = true;
		};
	});
	return {
		get current() {
			return history;
		}
	};
}
