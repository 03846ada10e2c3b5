/**
 * Security headers on every response the app renders or answers (pages, API, data):
 * `X-Content-Type-Options: nosniff`, a `Referrer-Policy`, and a Content-Security-Policy.
 *
 * The CSP comes in two halves. SvelteKit (`csp` in vite.config.ts, mode `auto`) writes
 * `script-src` with a nonce for each rendered page, or hashes for the prerendered offline shell,
 * which gets them in a `<meta>` tag. What depends on the deployment is added here at run time:
 * the tile server (`TILE_URL`) in `img-src` (Leaflet's tile images) and `connect-src` (tile
 * prefetch fetches them from the page), and `frame-ancestors 'none'` (a `<meta>` cannot carry
 * it). `style-src` allows inline styles: Svelte writes `style=` attributes (positions, bar
 * widths) and Leaflet adds styled elements; inline script stays refused, which is what stops XSS.
 *
 * Static files (`/_app/immutable/*`, the service worker, icons) are served by adapter-node's
 * file server before hooks run, so they carry none of these; they are not documents.
 */

/** `strict-origin-when-cross-origin`: a tile server sees our origin (OSM's usage policy asks
 * for a Referer), never a page's path (a place or a district someone is looking at). */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/**
 * CSP sources for a `{z}/{x}/{y}` tile template: its origin, with a `{s}` subdomain placeholder
 * as a wildcard label. A root-relative template is covered by 'self'; null → no tiles.
 */
export function tileSources(template: string | null): string[] {
	if (!template) return [];
	const match = /^(https?):\/\/([^/?#]+)/i.exec(template.trim());
	if (!match) return [];
	const scheme = match[1]!.toLowerCase();
	const host = match[2]!.replace(/\{[^}]*\}/g, '*').toLowerCase();
	// CSP allows a wildcard only as a whole leftmost label; anything else: the scheme alone.
	if (host.includes('*') && !/^\*\.[^*]+$/.test(host)) return [`${scheme}:`];
	return [`${scheme}://${host}`];
}

/** The directives added to SvelteKit's `script-src` policy on a rendered page. */
export function pageDirectives(tiles: readonly string[]): string {
	const extra = tiles.length ? ` ${tiles.join(' ')}` : '';
	return [
		"default-src 'self'",
		`img-src 'self' data: blob:${extra}`,
		`connect-src 'self'${extra}`,
		"style-src 'self' 'unsafe-inline'",
		"font-src 'self'",
		"worker-src 'self'",
		"manifest-src 'self'",
		"frame-src 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

/** For answers that are not pages (JSON, CSV, XLSX): nothing may run, nothing may frame them. */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

const CSP = 'content-security-policy';

export function withSecurityHeaders(response: Response, tiles: readonly string[]): Response {
	let headers = response.headers;
	try {
		headers.set('x-content-type-options', 'nosniff');
	} catch {
		// Immutable headers (a Response.redirect or a fetched response): copy them.
		response = new Response(response.body, response);
		headers = response.headers;
		headers.set('x-content-type-options', 'nosniff');
	}
	headers.set('referrer-policy', REFERRER_POLICY);
	const kitPolicy = headers.get(CSP);
	const isPage = /^text\/html\b/i.test(headers.get('content-type') ?? '');
	if (kitPolicy) headers.set(CSP, `${kitPolicy}; ${pageDirectives(tiles)}`);
	else if (isPage) headers.set(CSP, `${pageDirectives(tiles)}; script-src 'self'`);
	else headers.set(CSP, DATA_POLICY);
	return response;
}
