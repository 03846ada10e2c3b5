/**
 * The one answer to "what origin did this request's browser use to reach us, and was it
 * https?" — used by the cross-site guard, the session cookie's `Secure` flag and anything else
 * that needs it. Absolute URLs the server writes (open data) use `publicOrigin` instead: the
 * deployer's `ORIGIN`, never a request's `Host` header.
 *
 * Why not `event.url`: without `ORIGIN`, adapter-node builds it as `https://<host>` (or from
 * `PROTOCOL_HEADER`) although it serves plain http itself, so on `npm start` at
 * http://localhost:3000 every browser POST looked cross-site and the cookie was marked `Secure`.
 *
 * The rules, with the same settings adapter-node reads (README, "Settings"):
 * - `ORIGIN` set: that origin, whatever the request says (the documented proxy setting).
 * - else the request's own host (`HOST_HEADER`'s value when set, else `Host`; `PORT_HEADER`
 *   replaces the port) and protocol (`PROTOCOL_HEADER`'s value when set and it names http or
 *   https, else `http`: the transport adapter-node itself serves).
 */

export interface OriginSettings {
	/** `ORIGIN`, normalised to scheme://host[:port]; null when unset. */
	origin: string | null;
	/** Lower-cased header names from `PROTOCOL_HEADER`, `HOST_HEADER`, `PORT_HEADER` (or null). */
	protocolHeader: string | null;
	hostHeader: string | null;
	portHeader: string | null;
}

type Env = Record<string, string | undefined>;

const headerName = (value: string | undefined): string | null =>
	value?.trim() ? value.trim().toLowerCase() : null;

export function originSettings(env: Env = process.env): OriginSettings {
	const raw = env.ORIGIN?.trim();
	return {
		// adapter-node refuses to start on an ORIGIN that is not an http(s) URL; so do we.
		origin: raw ? new URL(raw).origin : null,
		protocolHeader: headerName(env.PROTOCOL_HEADER),
		hostHeader: headerName(env.HOST_HEADER),
		portHeader: headerName(env.PORT_HEADER)
	};
}

/** A proxy chain may list several values ("https, http"): the first is the client's side. */
const firstValue = (value: string | null): string | null => value?.split(',')[0]?.trim() || null;

/**
 * The origin of the page that sent `request`, e.g. `http://192.168.1.20:3000`. `url` is the
 * request's URL as SvelteKit gives it (its host is the fallback when no Host header came).
 */
export function requestOrigin(
	request: Request,
	url: URL,
	settings: OriginSettings = originSettings()
): string {
	if (settings.origin) return settings.origin;
	const headers = request.headers;
	const claimed = settings.protocolHeader
		? firstValue(headers.get(settings.protocolHeader))?.toLowerCase()
		: null;
	const protocol = claimed === 'https' || claimed === 'http' ? claimed : 'http';
	const host =
		(settings.hostHeader && firstValue(headers.get(settings.hostHeader))) ||
		headers.get('host') ||
		url.host;
	try {
		const own = new URL(`${protocol}://${host}`);
		const port = settings.portHeader ? firstValue(headers.get(settings.portHeader)) : null;
		if (port && /^\d{1,5}$/.test(port)) own.port = port;
		// URL drops default ports (http://x:80 → http://x), as browsers do in the Origin header.
		return own.origin;
	} catch {
		// A Host that is no host: nothing a browser sends can match it, so POSTs are refused.
		return 'null';
	}
}

/** Whether the browser reached us over https: the session cookie is `Secure` only then. */
export function isHttpsRequest(
	request: Request,
	url: URL,
	settings: OriginSettings = originSettings()
): boolean {
	return requestOrigin(request, url, settings).startsWith('https:');
}

/**
 * The origin for absolute URLs the server writes into responses (open data's `url`): the
 * deployer's `ORIGIN` or null, never anything a request claims (a Host header is the client's
 * to choose, and a cached or re-published file would carry it). Null → write root-relative URLs.
 */
export function publicOrigin(settings: OriginSettings = originSettings()): string | null {
	return settings.origin;
}
