/**
 * What the indicator screens read: the plan pack (bundled, so it is there offline), the
 * figures computed by the server (fetched when online, else the last saved), and the
 * effective plan with this device's entries applied.
 */
import { fetchObserved } from './connectivity.svelte';
import type { ComputedSnapshot } from './db/computed-cache';

export const PLAN_ID = 'tsurugashima';

/** The plan pack, loaded on demand: a chunk of its own, precached by the service worker. */
export async function loadPlan() {
	const { tsurugashimaPlan } = await import('#lib/packs/tsurugashima-plan.js');
	return tsurugashimaPlan();
}

export type ComputedResult =
	| { ok: true; snapshot: ComputedSnapshot; fromCache: boolean }
	| { ok: false; reason: 'offline' | 'forbidden' | 'server'; snapshot: ComputedSnapshot | null };

/**
 * The server's computed figures for a fiscal year. Saves each fresh answer; without a
 * connection (or on a server error) answers with the last saved one, marked as such.
 */
export async function fetchComputed(fiscalYear: number): Promise<ComputedResult> {
	const [{ clientDb }, cache] = await Promise.all([
		import('./db/ibasho-db'),
		import('./db/computed-cache')
	]);
	const db = clientDb();
	const cached = () => cache.readComputed(db, PLAN_ID, fiscalYear);
	let response: Response;
	try {
		response = await fetchObserved(`/api/indicators/computed?plan=${PLAN_ID}&fy=${fiscalYear}`, {
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
	await cache.saveComputed(db, snapshot);
	return { ok: true, snapshot, fromCache: false };
}
