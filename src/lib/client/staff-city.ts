/**
 * The one place that decides which city the staff screens work in (its plan, its indicators):
 * a city the signed-in account holds — the city the device last showed if the account holds it,
 * else the deployment's default city if it does, else the account's first city. An account
 * copy saved before accounts had cities, or no account, falls back to the default city the
 * server sent with the pack's client config. Null on a device that never loaded the pack and
 * has no account: the server's default city then answers.
 */
import { accountState } from './account-state.svelte';
import { readSavedPackBundle } from './db/this-device';

export async function staffCity(): Promise<string | null> {
	const bundle = await readSavedPackBundle();
	return pickStaffCity(
		accountState.account?.cityIds ?? [],
		bundle?.pack.id,
		bundle?.config.defaultCity
	);
}

/** The rule, apart from storage (tests): see the module comment. */
export function pickStaffCity(
	held: readonly string[],
	shown: string | undefined,
	defaultCity: string | undefined
): string | null {
	if (held.length > 0) return [shown, defaultCity].find((c) => c && held.includes(c)) ?? held[0]!;
	return defaultCity ?? shown ?? null;
}
