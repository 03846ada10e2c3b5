/**
 * The one place that decides which city the staff screens work in (its plan, its indicators).
 * For now every account works in the deployment's default city, which the server sends with
 * the pack's client config (`defaultCity`, saved on the device with the pack). When accounts
 * carry their city (the cities-apart work), this returns the signed-in account's city instead;
 * nothing else needs to change. Null on a device that never loaded the pack: the server's
 * default city then answers.
 */
import { clientDb } from './db/ibasho-db';
import { readPackBundle } from './db/pack-store';

export async function staffCity(): Promise<string | null> {
	const bundle = await readPackBundle(clientDb());
	return bundle?.config.defaultCity ?? bundle?.pack.id ?? null;
}
