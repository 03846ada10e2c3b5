/**
 * What a link preview or a search engine reads from public pages: a place with its next
 * meetings (none while 休止中), a district's places, the sitemap and robots.txt. All places
 * here are generated test data.
 */
import { describe, expect, it } from 'vitest';
import {
	districtJsonLd,
	jsonLdScript,
	placeJsonLd,
	publicPaths,
	robotsTxt,
	sitemapXml
} from '#lib/domain/structured-data.js';
import type { District } from '#lib/domain/model.js';
import { makePlace } from '../factories';

const district: District = {
	id: 'minami',
	name: '南小学校区',
	schoolName: 'テスト小学校',
	schoolAddress: 'テスト町1',
	areaKm2: 1
};
const salon = makePlace({
	id: 'test-salon',
	name: 'テスト用サロン',
	reading: 'てすとようさろん',
	address: '鶴ヶ島市テスト町1-2（生成）',
	point: { lng: 139.39, lat: 35.935 },
	fee: '100円',
	scheduleRule: { kind: 'monthly', nths: [2, 4], weekday: 2, start: '10:00', end: '12:00' }
});
const opts = { today: '2026-12-09', municipality: '鶴ヶ島市' };

describe('schema.org JSON-LD', () => {
	it('describes a place and its next three meetings as Events in Japan time', () => {
		const ld = placeJsonLd(salon, opts) as { '@graph': Record<string, unknown>[] };
		const [place, ...events] = ld['@graph'];
		expect(place).toMatchObject({
			'@type': 'Place',
			name: 'テスト用サロン',
			alternateName: 'てすとようさろん',
			url: '/places/test-salon',
			address: { streetAddress: '鶴ヶ島市テスト町1-2（生成）', addressCountry: 'JP' },
			geo: { latitude: 35.935, longitude: 139.39 }
		});
		expect(events.map((e) => [e.startDate, e.endDate])).toEqual([
			['2026-12-22T10:00:00+09:00', '2026-12-22T12:00:00+09:00'],
			['2027-01-12T10:00:00+09:00', '2027-01-12T12:00:00+09:00'],
			['2027-01-26T10:00:00+09:00', '2027-01-26T12:00:00+09:00']
		]);
		expect(events[0]).toMatchObject({
			'@type': 'Event',
			location: { '@id': '/places/test-salon#place' },
			offers: { description: '100円' }
		});
	});

	it('lists no meeting for a paused place, and absolute URLs only when given an origin', () => {
		const paused = placeJsonLd({ ...salon, status: 'paused' }, { ...opts, origin: 'https://x.jp' });
		expect(paused['@graph']).toBeUndefined();
		expect(paused).toMatchObject({ '@type': 'Place', url: 'https://x.jp/places/test-salon' });
	});

	it('cannot be closed early by a name: the script element stays one element', () => {
		const evil = { ...salon, name: 'A</script><script>alert(1)</script>&' };
		const html = jsonLdScript(placeJsonLd(evil, opts));
		expect(html.match(/<\/script>/g)).toHaveLength(1);
		expect(html.startsWith('<script type="application/ld+json">')).toBe(true);
		const json = html.slice(html.indexOf('>') + 1, html.lastIndexOf('</script>'));
		const parsed = JSON.parse(json) as { '@graph': { name: string }[] };
		expect(parsed['@graph'][0]!.name).toBe(evil.name);
	});

	it('lists a district’s places in order', () => {
		const other = makePlace({ id: 'b', name: 'テスト用B' });
		expect(districtJsonLd(district, [salon, other])).toMatchObject({
			'@type': 'ItemList',
			name: '南小学校区',
			numberOfItems: 2,
			itemListElement: [
				{ position: 1, url: '/places/test-salon' },
				{ position: 2, url: '/places/b' }
			]
		});
	});
});

describe('sitemap and robots.txt', () => {
	it('lists home, districts and each public place with absolute, escaped URLs', () => {
		const paths = publicPaths({ districts: [district], places: [salon, makePlace({ id: 'a&b' })] });
		expect(paths).toEqual([
			'/',
			'/districts',
			'/districts/minami',
			'/places/test-salon',
			'/places/a%26b'
		]);
		const xml = sitemapXml('https://ibasho.example.jp', paths);
		expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
		expect(xml).toContain('<loc>https://ibasho.example.jp/places/test-salon</loc>');
		expect(xml.match(/<loc>/g)).toHaveLength(5);
		expect(sitemapXml('https://x.jp', ["/places/a'b&c"])).toContain(
			'<loc>https://x.jp/places/a&apos;b&amp;c</loc>'
		);
	});

	it('keeps crawlers out of the work screens and names the sitemap', () => {
		const robots = robotsTxt('http://192.168.1.20:3000');
		expect(robots).toContain('Disallow: /work');
		expect(robots).toContain('Disallow: /api/');
		expect(robots).toContain('Allow: /api/places.csv');
		expect(robots).toContain('Sitemap: http://192.168.1.20:3000/sitemap.xml');
	});
});
