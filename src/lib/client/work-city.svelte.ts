/**
 * The city the work screens work in, for an account that holds several (users.city_ids): the
 * choice made with the switcher on /work, remembered on this device (localStorage: a setting of
 * the device, like its language, read synchronously so the first screen is already the chosen
 * city's), and the city the work layout settled on for this visit (`current`). The rule that
 * turns them into a city is pickStaffCity (staff-city.ts).
 */
const KEY = 'ibasho.workCity';

function readChoice(): string | null {
	try {
		return globalThis.localStorage?.getItem(KEY) ?? null;
	} catch {
		return null; // storage blocked: the choice lasts for this visit only
	}
}

class WorkCityChoice {
	/** The city chosen on this device, if any (it may be one the signed-in account does not hold). */
	chosen = $state<string | null>(readChoice());
	/** The city the work layout shows now (null outside the work screens' first render). */
	current = $state<string | null>(null);

	choose(city: string): void {
		this.chosen = city;
		try {
			globalThis.localStorage?.setItem(KEY, city);
		} catch {
			// Storage blocked: kept in memory for this visit.
		}
	}
}

export const workCityChoice = new WorkCityChoice();

/**
 * Whether a record of the work screens belongs to `city`. A meeting names its city once the
 * server has sent it (`packId`); a copy pulled before the feed carried cities is told by its
 * districts, and a city-wide one of those by being the default city's (where such meetings
 * went before there were several cities).
 */
export function isOfCity(
	record: { packId?: string; districtIds: readonly string[] },
	city: string,
	cityDistricts: ReadonlySet<string>,
	defaultCity: string | undefined
): boolean {
	if (record.packId) return record.packId === city;
	if (record.districtIds.length > 0) return record.districtIds.some((d) => cityDistricts.has(d));
	return city === (defaultCity ?? city);
}
