/**
 * The one place that decides which city the work screens work in (its pack, plan, indicators,
 * papers): a city the signed-in account holds — the city chosen with the switcher on /work
 * (work-city.svelte.ts) if the account holds it, else the city the device last showed if it
 * does, else the deployment's default city if it does, else the account's first city. An
 * account copy saved before accounts had cities, or no account, falls back to the default city
 * the server sent with the pack's client config. Null on a device that never loaded the pack and
 * has no account: the server's default city then answers.
 */
import { accountState } from './account-state.svelte';
import { readSavedPackBundle } from './db/this-device';
import { workCityChoice } from './work-city.svelte';

export async function staffCity(): Promise<string | null> {
	// The work screens' layout has decided: every screen of the visit uses the same city.
	if (workCityChoice.current) return workCityChoice.current;
	const bundle = await readSavedPackBundle();
	return pickStaffCity(
		accountState.account?.cityIds ?? [],
		bundle?.pack.id,
		bundle?.config.defaultCity,
		workCityChoice.chosen
	);
}

/** The rule, apart from storage (tests): see the module comment. */
export function pickStaffCity(
	held: readonly string[],
	shown: string | undefined,
	defaultCity: string | undefined,
	chosen?: string | null
): string | null {
	if (held.length > 0)
		return [chosen, shown, defaultCity].find((c) => c && held.includes(c)) ?? held[0]!;
	return defaultCity ?? shown ?? null;
}
