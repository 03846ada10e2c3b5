/**
 * Which cities an account may belong to and which districts it may coordinate: the cities are
 * the loaded packs' ids, the districts those of the account's own cities (a coordinator of
 * Tsurugashima's `fuji` is nobody in another city). Shared by `npm run user`, the admin socket
 * and `/api/admin/accounts`, so the three refuse the same input for the same reason.
 */
import type { CityInfo } from '../app-context';

/** City id → its district ids, in pack order. */
export type CityDistricts = ReadonlyMap<string, readonly string[]>;

export type AccountCityProblem =
	| { reason: 'unknown_city'; cityIds: string[]; known: string[] }
	| { reason: 'unknown_district'; districtIds: string[]; known: string[] };

export const cityDistrictsOf = (packs: ReadonlyMap<string, CityInfo>): CityDistricts =>
	new Map([...packs].map(([id, { pack }]) => [id, pack.districts.map((d) => d.id)]));

/** Null when every city is loaded and every district is one of those cities'. */
export function accountCityProblem(
	cities: CityDistricts,
	cityIds: readonly string[],
	districtIds: readonly string[]
): AccountCityProblem | null {
	const unknownCities = cityIds.filter((c) => !cities.has(c));
	if (cityIds.length === 0 || unknownCities.length) {
		return { reason: 'unknown_city', cityIds: unknownCities, known: [...cities.keys()] };
	}
	const known = cityIds.flatMap((c) => cities.get(c) ?? []);
	const unknownDistricts = districtIds.filter((d) => !known.includes(d));
	if (unknownDistricts.length) {
		return { reason: 'unknown_district', districtIds: unknownDistricts, known };
	}
	return null;
}
