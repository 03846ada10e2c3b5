/**
 * The pack as the UI shows it: starts from what the page loaded, then follows IndexedDB
 * through liveQuery, so places saved by a refresh or a sync appear without a reload.
 * Handed down through context (per page render, never shared between server requests).
 */
import { getContext, setContext } from 'svelte';
import type { PlacePack } from '$lib/domain/model';
import { clientDb } from './db/ibasho-db';
import { observePlaces } from './db/pack-store';
import { packSaved } from './pack-loader';

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
		// Subscribe after the pending write, or the first answer would be the older snapshot.
		void packSaved().then(() => {
			if (stopped) return;
			const sub = observePlaces(clientDb(), this.pack.id).subscribe({
				next: (places) => {
					if (places.length > 0) this.pack = { ...this.pack, places };
				},
				error: (error) => console.error(error)
			});
			unsubscribe = () => sub.unsubscribe();
		});
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
