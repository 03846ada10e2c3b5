/**
 * The pack as the UI shows it: starts from what the page loaded, then follows IndexedDB
 * through liveQuery, so places saved by a refresh or a sync appear without a reload. When the
 * layout loads another city's pack (a `/c/<city>/` page, a place of another city), `show`
 * switches to it and follows that city's copy instead.
 * Handed down through context (per page render, never shared between server requests).
 * Dexie is imported lazily: following starts from the device boot, after the page's start-up.
 */
import { getContext, setContext } from 'svelte';
import type { CityList } from '#lib/cities.js';
import { isPublicPlace, type PlacePack } from '#lib/domain/model.js';
import { reusePlaces } from '#lib/domain/reuse-places.js';

const KEY = Symbol('live-pack');

export class LivePack {
	pack = $state.raw<PlacePack>() as PlacePack;
	/** The server's cities, from the config that came with the pack. */
	cities = $state.raw<CityList | undefined>();
	#following = false;
	#unsubscribe = () => {};

	constructor(initial: PlacePack, cities?: CityList) {
		this.pack = initial;
		this.cities = cities;
	}

	/** The layout loaded a pack (a fresh one, or another city's). */
	show(pack: PlacePack, cities?: CityList): void {
		if (cities) this.cities = cities;
		if (pack === this.pack) return;
		const otherCity = pack.id !== this.pack.id;
		this.pack = pack;
		if (otherCity && this.#following) {
			this.#unsubscribe();
			this.#subscribe();
		}
	}

	/** Follows the device's copy; returns the stop function. Browser only. */
	follow(): () => void {
		this.#following = true;
		this.#subscribe();
		return () => {
			this.#following = false;
			this.#unsubscribe();
		};
	}

	#subscribe() {
		let stopped = false;
		let unsubscribe = () => {};
		const packId = this.pack.id;
		this.#unsubscribe = () => {
			stopped = true;
			unsubscribe();
		};
		void (async () => {
			const [{ followPackPlaces }, { packSaved }] = await Promise.all([
				import('./db/this-device'),
				import('./pack-loader')
			]);
			// Subscribe after the pending write, or the first answer would be the older snapshot.
			await packSaved();
			if (stopped) return;
			unsubscribe = followPackPlaces(
				packId,
				// Residents see approved, open places only; a signed-in device also holds pending ones.
				(places) => {
					if (places.length === 0 || this.pack.id !== packId) return;
					// The first answer is mostly what the page already shows: keep those objects.
					const shown = reusePlaces(this.pack.places, places.filter(isPublicPlace));
					if (shown !== this.pack.places) this.pack = { ...this.pack, places: shown };
				},
				(error) => console.error(error)
			);
		})();
	}
}

export function provideLivePack(initial: PlacePack, cities?: CityList): LivePack {
	return setContext(KEY, new LivePack(initial, cities));
}

export function useLivePack(): LivePack {
	return getContext<LivePack>(KEY);
}
