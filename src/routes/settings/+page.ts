import { loadShareMessages } from '#lib/i18n/messages.js';
import type { PageLoad } from './$types';

/** The install hint's words load with this page, not with the home page. */
export const load: PageLoad = async () => {
	await loadShareMessages();
	return {};
};
