/**
 * A city's pack with its current public places, as the client and open data see it. Every
 * function takes the city id (`?city=`); the default city answers when it is absent.
 */
import type { CityList } from '#lib/cities.js';
import type { PackGeometry, PlacePack } from '#lib/domain/model.js';
import { appContext, type AppContext, type LoadedPack } from './app-context';
import { apiError } from './http/responses';
import { listPublicPlaces, packIdOfPlace, packRevision } from './places-repo';

export type CityLookup =
	{ ok: true; city: string; loaded: LoadedPack } | { ok: false; response: Response };

/** The city asked for, or the default city; an unknown one is 404 `unknown_city`. */
export function findCity(
	ctx: Pick<AppContext, 'packs' | 'defaultPackId'>,
	city?: string | null
): CityLookup {
	const id = city || ctx.defaultPackId;
	const loaded = ctx.packs.get(id);
	if (!loaded) {
		return {
			ok: false,
			response: apiError(404, 'unknown_city', { city: id, known: [...ctx.packs.keys()] })
		};
	}
	return { ok: true, city: id, loaded };
}

/** The city of a place (any city's: ids are unique across cities), or null for an unknown id. */
export async function cityOfPlace(ctx: AppContext, placeId: string): Promise<string | null> {
	const packId = await packIdOfPlace(ctx.db, placeId);
	return packId && ctx.packs.has(packId) ? packId : null;
}

export async function currentPack(city?: string, ctx?: AppContext): Promise<PlacePack> {
	const c = ctx ?? (await appContext());
	const loaded = c.packs.get(city ?? c.defaultPackId)!;
	return { ...loaded.pack, places: await listPublicPlaces(c.db, loaded.pack.id) };
}

export async function currentGeometry(city?: string, ctx?: AppContext): Promise<PackGeometry> {
	const c = ctx ?? (await appContext());
	return c.packs.get(city ?? c.defaultPackId)!.geometry;
}

export async function currentRevision(city?: string, ctx?: AppContext): Promise<string> {
	const c = ctx ?? (await appContext());
	return packRevision(c.db, city ?? c.defaultPackId);
}

/** The cities for the browser: the default one and every city's names, in id order. */
export function cityList(ctx: Pick<AppContext, 'packs' | 'defaultPackId'>): CityList {
	return {
		defaultCity: ctx.defaultPackId,
		cities: [...ctx.packs.values()]
			.map(({ pack }) => ({
				id: pack.id,
				name: pack.municipality,
				...(pack.municipalityEn ? { nameEn: pack.municipalityEn } : {})
			}))
			.sort((a, b) => a.id.localeCompare(b.id))
	};
}
