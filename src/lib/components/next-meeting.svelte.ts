/**
 * Loads next-meeting.ts once start-up is over (browser only), and says when it is there: list
 * cards reserve the line and fill it in then. On the server and before that, `null`.
 */
import { browser } from '$app/env';
import { afterStartup } from '#lib/client/startup.js';

type NextMeetingModule = typeof import('./next-meeting');

let loaded = $state<NextMeetingModule | null>(null);
let requested = false;

/** The module when loaded; the first call (in the browser) starts loading it after start-up. */
export function nextMeetingModule(): NextMeetingModule | null {
	if (browser && !requested) {
		requested = true;
		void afterStartup()
			.then(() => import('./next-meeting'))
			.then(
				(module) => (loaded = module),
				(error: unknown) => {
					// Tried again by the next card that renders (a download that failed offline).
					requested = false;
					console.error(error);
				}
			);
	}
	return loaded;
}
