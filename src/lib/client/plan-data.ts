/**
 * What the indicator screens read: the plan of the staff's city (from the server, kept on the
 * device so it is there offline), the figures computed by the server (fetched when online,
 * else the last saved), and the effective plan with this device's entries applied.
 */
import type { PlanPack } from '#lib/domain/indicators/model.js';
import { fetchObserved } from './connectivity.svelte';
import type { ComputedSnapshot } from './db/computed-cache';

/** A city's plan; `planId` (the city id) keys its entries, evaluations and API queries. */
export interface LoadedPlan {
	planId: string;
	pack: PlanPack;
}

/** This page's answer: the screens of one visit share one request. */
let loaded: Promise<LoadedPlan> | null = null;

/**
 * The plan of the staff's city (staff-city.ts): the server's, saved on the device; without a
 * connection (or on a server error) the saved copy. Rejects when neither is there (a device
 * that was never online while signed in).
 */
export function loadPlan(): Promise<LoadedPlan> {
	loaded ??= fetchPlan().catch((e: unknown) => {
		loaded = null;
		throw e;
	});
	return loaded;
}

/** Refreshes the device's copy of the plan (after sign-in), so the screens open offline. */
export async function keepPlanCopy(): Promise<void> {
	loaded = null;
	await loadPlan().catch(() => undefined);
}

async function fetchPlan(): Promise<LoadedPlan> {
	const [device, { staffCity }, { parsePlanPack }] = await Promise.all([
		import('./db/this-device'),
		import('./staff-city'),
		import('#lib/domain/indicators/load-plan.js')
	]);
	const city = await staffCity();
	const saved = async (): Promise<LoadedPlan> => {
		const known = city ?? (await device.lastSavedPlanCity());
		const pack = known ? await device.readSavedPlan(known) : null;
		if (!known || !pack) throw new Error('The plan is not on this device yet.');
		return { planId: known, pack };
	};
	let response: Response;
	try {
		const query = city ? `?city=${encodeURIComponent(city)}` : '';
		response = await fetchObserved(`/api/plan${query}`, { credentials: 'same-origin' });
	} catch {
		return saved();
	}
	if (!response.ok) return saved();
	const body = (await response.json()) as { city: string; plan: unknown };
	const pack = parsePlanPack(body.plan, `/api/plan?city=${body.city}`);
	await device.savePlan(body.city, body.plan);
	return { planId: body.city, pack };
}

export type ComputedResult =
	| { ok: true; snapshot: ComputedSnapshot; fromCache: boolean }
	| { ok: false; reason: 'offline' | 'forbidden' | 'server'; snapshot: ComputedSnapshot | null };

/**
 * The server's computed figures of a plan for a fiscal year. Saves each fresh answer; without
 * a connection (or on a server error) answers with the last saved one, marked as such.
 */
export async function fetchComputed(planId: string, fiscalYear: number): Promise<ComputedResult> {
	const device = await import('./db/this-device');
	const cached = () => device.readSavedComputed(planId, fiscalYear);
	let response: Response;
	try {
		const query = `city=${encodeURIComponent(planId)}&fy=${fiscalYear}`;
		response = await fetchObserved(`/api/indicators/computed?${query}`, {
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, reason: 'offline', snapshot: await cached() };
	}
	if (response.status === 401 || response.status === 403) {
		return { ok: false, reason: 'forbidden', snapshot: null };
	}
	if (!response.ok) return { ok: false, reason: 'server', snapshot: await cached() };
	const snapshot = (await response.json()) as ComputedSnapshot;
	await device.saveComputedFigures(snapshot);
	return { ok: true, snapshot, fromCache: false };
}
