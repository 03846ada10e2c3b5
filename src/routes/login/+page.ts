import { loadWorkMessages } from '#lib/i18n/messages.js';
import type { PageLoad } from './$types';

/** The sign-in page's strings live with the work screens' (work-messages.ts). */
export const load: PageLoad = async () => {
	await loadWorkMessages();
};
