/**
 * Security headers (src/lib/server/http/security-headers.ts): the tile server from TILE_URL is
 * the only other origin a page may load images from or fetch, nothing may frame the app, and
 * open data's absolute URLs come from ORIGIN only.
 */
import { describe, expect, it } from 'vitest';
import { OSM_TILES } from '#lib/config.js';
import { tileSources, withSecurityHeaders } from '#lib/server/http/security-headers.js';
import { placesToGeoJson } from '#lib/server/open-data.js';
import type { PlacePack } from '#lib/domain/model.js';
import { makePlace } from '../factories';

const directives = (policy: string) =>
	new Map(
		policy.split(';').map((d) => {
			const [name, ...values] = d.trim().split(/\s+/);
			return [name!, values] as const;
		})
	);

describe('tileSources', () => {
	it('is the tile template’s origin, with {s} as a wildcard subdomain', () => {
		expect(tileSources(OSM_TILES.url)).toEqual(['https://tile.openstreetmap.org']);
		expect(tileSources('https://{s}.tile.example.jp/{z}/{x}/{y}.png')).toEqual([
			'https://*.tile.example.jp'
		]);
		expect(tileSources('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png')).toEqual([
			'https://cyberjapandata.gsi.go.jp'
		]);
		// Same-origin tiles are 'self'; no tiles, no source.
		expect(tileSources('/tiles/{z}/{x}/{y}.png')).toEqual([]);
		expect(tileSources(null)).toEqual([]);
	});
});

describe('withSecurityHeaders', () => {
	const tiles = ['https://tile.openstreetmap.org'];

	it('extends SvelteKit’s script policy on a page with the deployment’s sources', () => {
		const page = new Response('<!doctype html>', {
			headers: {
				'content-type': 'text/html',
				'content-security-policy': "script-src 'self' 'nonce-abc'; object-src 'none'"
			}
		});
		const h = withSecurityHeaders(page, tiles).headers;
		const csp = directives(h.get('content-security-policy')!);
		expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc'"]);
		expect(csp.get('img-src')).toContain('https://tile.openstreetmap.org');
		expect(csp.get('connect-src')).toContain('https://tile.openstreetmap.org');
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(csp.get('default-src')).toEqual(["'self'"]);
		expect(h.get('x-content-type-options')).toBe('nosniff');
		expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	});

	it('gives data answers a policy that runs nothing, and copies immutable headers', () => {
		const redirect = Response.redirect('http://localhost/work', 303);
		const h = withSecurityHeaders(redirect, tiles).headers;
		expect(h.get('location')).toBe('http://localhost/work');
		expect(h.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
		expect(h.get('x-content-type-options')).toBe('nosniff');
	});

	it('never allows inline script on an HTML answer SvelteKit did not render', () => {
		const page = new Response('<p>', { headers: { 'content-type': 'text/html' } });
		const csp = directives(
			withSecurityHeaders(page, tiles).headers.get('content-security-policy')!
		);
		expect(csp.get('script-src')).toEqual(["'self'"]);
	});
});

describe('open data urls', () => {
	// placesToGeoJson reads only the districts of the pack (for district_name).
	const pack = { districts: [] } as unknown as PlacePack;
	const places = [makePlace({ id: 'test-place-a' })];
	it('are root-relative without ORIGIN and absolute on ORIGIN, never from a request', () => {
		const [relative] = placesToGeoJson(pack, places, null).features;
		expect(relative?.properties.url).toBe('/places/test-place-a');
		const [absolute] = placesToGeoJson(pack, places, 'https://ibasho.example.jp').features;
		expect(absolute?.properties.url).toBe('https://ibasho.example.jp/places/test-place-a');
	});
});
