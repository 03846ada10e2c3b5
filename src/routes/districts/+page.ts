import { loadResidentPages } from '#lib/i18n/messages.js';
import type { PageLoad } from './$types';

/** The districts page's strings are not in the start-up catalog. */
export const load: PageLoad = async () => {
	await loadResidentPages();
};
