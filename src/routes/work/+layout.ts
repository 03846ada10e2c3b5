import { loadWorkMessages } from '#lib/i18n/messages.js';
import type { LayoutLoad } from './$types';

// The work screens read and write this device's database: nothing to render on the server.
export const ssr = false;

/** Their strings are not part of a resident's page: loaded here, before the screens render. */
export const load: LayoutLoad = async () => {
	await loadWorkMessages();
};
