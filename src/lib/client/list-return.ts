/**
 * Where 「一覧に戻る」 leads: the resident's last list, with its district, category and search
 * filters, not an unfiltered list. Remembered for this tab only (session storage, like the
 * located position) and never put in a place's shareable URL. Each city has its own list page
 * (`/`, `/c/<city>`): a place page returns to its own city's list.
 */
const KEY = 'ibasho.list';
const LIST_PATH = /^\/(c\/[^/]+)?$/;

/** Called after every navigation: only a find page's URL is remembered. */
export function rememberListUrl(url: URL): void {
	if (!LIST_PATH.test(url.pathname)) return;
	try {
		sessionStorage.setItem(KEY, `${url.pathname}${url.search}`);
	} catch {
		// Storage blocked (private mode, quota): the link falls back to the plain list.
	}
}

/**
 * The last list's href when it was `listPath` (the place's city's list, `/` by default);
 * `listPath` itself when none was seen in this tab (e.g. a shared link opened).
 */
export function lastListHref(listPath = '/'): string {
	try {
		const saved = sessionStorage.getItem(KEY) ?? '';
		// Only a list's path and query string are ever stored; anything else is not ours to follow.
		const [path, search] = [saved.split('?')[0]!, saved.slice(saved.split('?')[0]!.length)];
		return path === listPath && LIST_PATH.test(path) && (search === '' || search.startsWith('?'))
			? `${path}${search}`
			: listPath;
	} catch {
		return listPath;
	}
}
