/**
 * The request's own origin (src/lib/server/http/request-origin.ts) and the cross-site guard
 * that uses it: `npm start` with no settings serves plain http on localhost or a LAN address and
 * must accept its own pages' POSTs; `ORIGIN` / the proxy headers behave as the README says;
 * another site's POST is refused in every setting.
 */
import { describe, expect, it } from 'vitest';
import { isCrossSite } from '#lib/server/http/guards.js';
import {
	isHttpsRequest,
	originSettings,
	publicOrigin,
	requestOrigin
} from '#lib/server/http/request-origin.js';

/** What SvelteKit hands a hook under adapter-node with no ORIGIN: an https guess. */
function request(
	host: string,
	headers: Record<string, string> = {},
	method = 'POST'
): { request: Request; url: URL } {
	const url = new URL(`https://${host}/api/auth/login`);
	return { request: new Request(url, { method, headers: { host, ...headers } }), url };
}

const NO_SETTINGS = originSettings({});

describe('no ORIGIN (npm start as the README says)', () => {
	it('is plain http on the Host the browser used: localhost and a LAN address', () => {
		for (const host of ['localhost:3000', '192.168.1.20:3000', '[::1]:3000', 'ibasho.local']) {
			const r = request(host);
			expect(requestOrigin(r.request, r.url, NO_SETTINGS)).toBe(`http://${host}`);
			expect(isHttpsRequest(r.request, r.url, NO_SETTINGS)).toBe(false);
		}
	});

	it('accepts a POST from its own page and refuses one from another site', () => {
		const own = request('192.168.1.20:3000', { origin: 'http://192.168.1.20:3000' });
		expect(isCrossSite(own.request, requestOrigin(own.request, own.url, NO_SETTINGS))).toBe(false);
		for (const origin of [
			'http://evil.example',
			'https://192.168.1.20:3000',
			'http://192.168.1.20:3001',
			'http://192.168.1.21:3000',
			'null'
		]) {
			const r = request('192.168.1.20:3000', { origin });
			expect(isCrossSite(r.request, requestOrigin(r.request, r.url, NO_SETTINGS)), origin).toBe(
				true
			);
		}
	});

	it('ignores a protocol header it was not told to trust', () => {
		const r = request('localhost:3000', { 'x-forwarded-proto': 'https' });
		expect(requestOrigin(r.request, r.url, NO_SETTINGS)).toBe('http://localhost:3000');
	});

	it('drops the default port as browsers do in Origin', () => {
		const r = request('example.org:80', { origin: 'http://example.org' });
		expect(isCrossSite(r.request, requestOrigin(r.request, r.url, NO_SETTINGS))).toBe(false);
	});
});

describe('ORIGIN set (behind a proxy, as documented)', () => {
	const settings = originSettings({ ORIGIN: 'https://ibasho.example.jp/' });

	it('is ORIGIN whatever the Host says, and https makes the cookie Secure', () => {
		const r = request('127.0.0.1:3000');
		expect(requestOrigin(r.request, r.url, settings)).toBe('https://ibasho.example.jp');
		expect(isHttpsRequest(r.request, r.url, settings)).toBe(true);
	});

	it('accepts the public origin and refuses the internal address and other sites', () => {
		const own = request('127.0.0.1:3000', { origin: 'https://ibasho.example.jp' });
		expect(isCrossSite(own.request, requestOrigin(own.request, own.url, settings))).toBe(false);
		for (const origin of [
			'http://127.0.0.1:3000',
			'http://ibasho.example.jp',
			'https://evil.example'
		]) {
			const r = request('127.0.0.1:3000', { origin });
			expect(isCrossSite(r.request, requestOrigin(r.request, r.url, settings)), origin).toBe(true);
		}
	});

	it('is the only source of absolute URLs', () => {
		expect(publicOrigin(settings)).toBe('https://ibasho.example.jp');
		expect(publicOrigin(NO_SETTINGS)).toBeNull();
	});

	it('refuses to start on an ORIGIN that is not a URL, as adapter-node does', () => {
		expect(() => originSettings({ ORIGIN: 'ibasho.example.jp' })).toThrow();
	});
});

describe('PROTOCOL_HEADER / HOST_HEADER / PORT_HEADER (a proxy without ORIGIN)', () => {
	const settings = originSettings({
		PROTOCOL_HEADER: 'X-Forwarded-Proto',
		HOST_HEADER: 'X-Forwarded-Host',
		PORT_HEADER: 'X-Forwarded-Port'
	});

	it('takes scheme, host and port from the headers', () => {
		const r = request('127.0.0.1:3000', {
			'x-forwarded-proto': 'https',
			'x-forwarded-host': 'ibasho.example.jp',
			'x-forwarded-port': '8443'
		});
		expect(requestOrigin(r.request, r.url, settings)).toBe('https://ibasho.example.jp:8443');
		expect(isHttpsRequest(r.request, r.url, settings)).toBe(true);
	});

	it('reads the first value of a proxy chain and falls back to http and Host', () => {
		const chained = request('127.0.0.1:3000', { 'x-forwarded-proto': 'https, http' });
		expect(requestOrigin(chained.request, chained.url, settings)).toBe('https://127.0.0.1:3000');
		// Reaching the port directly (no proxy headers): the transport is plain http.
		const direct = request('127.0.0.1:3000');
		expect(requestOrigin(direct.request, direct.url, settings)).toBe('http://127.0.0.1:3000');
		expect(isHttpsRequest(direct.request, direct.url, settings)).toBe(false);
	});

	it('does not let a protocol header smuggle a host', () => {
		const r = request('127.0.0.1:3000', { 'x-forwarded-proto': 'https://evil.example#' });
		expect(requestOrigin(r.request, r.url, settings)).toBe('http://127.0.0.1:3000');
	});

	it('refuses another site behind the proxy too', () => {
		const r = request('127.0.0.1:3000', {
			'x-forwarded-proto': 'https',
			'x-forwarded-host': 'ibasho.example.jp',
			origin: 'https://evil.example'
		});
		expect(isCrossSite(r.request, requestOrigin(r.request, r.url, settings))).toBe(true);
	});
});

describe('requests without Origin', () => {
	it('refuse a cross-site Sec-Fetch-Site and pass same-origin, direct and safe ones', () => {
		const own = 'http://localhost:3000';
		const post = (headers: Record<string, string>) => request('localhost:3000', headers).request;
		expect(isCrossSite(post({ 'sec-fetch-site': 'cross-site' }), own)).toBe(true);
		expect(isCrossSite(post({ 'sec-fetch-site': 'same-site' }), own)).toBe(true);
		expect(isCrossSite(post({ 'sec-fetch-site': 'same-origin' }), own)).toBe(false);
		// curl or a script: no browser, so no victim's cookie; the endpoint's own checks answer.
		expect(isCrossSite(post({}), own)).toBe(false);
		const get = request('localhost:3000', { origin: 'http://evil.example' }, 'GET').request;
		expect(isCrossSite(get, own)).toBe(false);
	});
});
