/**
 * Where 「一覧に戻る」 leads: the resident's last list, with its district, category and search
 * filters, not an unfiltered list. Remembered for this tab only (session storage, like the
 * located position) and never put in a place's shareable URL.
 */
const KEY = 'ibasho.list';
const LIST_PATH = '/';

/** Called after every navigation: only the find page's URL is remembered. */
export function rememberListUrl(url: URL): void {
	if (url.pathname !== LIST_PATH) return;
	try {
		sessionStorage.setItem(KEY, url.search);
	} catch {
		// Storage blocked (private mode, quota): the link falls back to the plain list.
	}
}

/** The last list's href; `/` when none was seen in this tab (e.g. a shared link opened). */
export function lastListHref(): string {
	try {
		const search = sessionStorage.getItem(KEY) ?? '';
		// Only a query string is ever stored; anything else is not ours to follow.
		return search.startsWith('?') ? `${LIST_PATH}${search}` : LIST_PATH;
	} catch {
		return LIST_PATH;
	}
}
