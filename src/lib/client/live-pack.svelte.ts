/**
 * The pack as the UI shows it: starts from what the page loaded, then follows IndexedDB
 * through liveQuery, so places saved by a refresh or a sync appear without a reload.
 * Handed down through context (per page render, never shared between server requests).
 * Dexie is imported lazily: following starts from the device boot, after the page's start-up.
 */
import { getContext, setContext } from 'svelte';
import { isPublicPlace, type PlacePack } from '#lib/domain/model.js';
import { reusePlaces } from '#lib/domain/reuse-places.js';

const KEY = Symbol('live-pack');

export class LivePack {
	pack = $state.raw<PlacePack>() as PlacePack;

	constructor(initial: PlacePack) {
		this.pack = initial;
	}

	/** Follows the device's copy; returns the stop function. Browser only. */
	follow(): () => void {
		let stopped = false;
		let unsubscribe = () => {};
		void (async () => {
			const [{ clientDb }, { observePlaces }, { packSaved }] = await Promise.all([
				import('./db/ibasho-db'),
				import('./db/pack-store'),
				import('./pack-loader')
			]);
			// Subscribe after the pending write, or the first answer would be the older snapshot.
			await packSaved();
			if (stopped) return;
			const sub = observePlaces(clientDb(), this.pack.id).subscribe({
				// Residents see approved, open places only; a signed-in device also holds pending ones.
				next: (places) => {
					if (places.length === 0) return;
					// The first answer is mostly what the page already shows: keep those objects.
					const shown = reusePlaces(this.pack.places, places.filter(isPublicPlace));
					if (shown !== this.pack.places) this.pack = { ...this.pack, places: shown };
				},
				error: (error) => console.error(error)
			});
			unsubscribe = () => sub.unsubscribe();
		})();
		return () => {
			stopped = true;
			unsubscribe();
		};
	}
}

export function provideLivePack(initial: PlacePack): LivePack {
	return setContext(KEY, new LivePack(initial));
}

export function useLivePack(): LivePack {
	return getContext<LivePack>(KEY);
}
