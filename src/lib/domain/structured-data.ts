/**
 * What link previews and search engines read from a public page: schema.org JSON-LD (a Place,
 * its next meetings as Events; a district's places as an ItemList) and the sitemap and
 * robots.txt of public pages. Framework-free: the pages and endpoints pass the pack (or a
 * city's pack) and the words in.
 */
import type { District, Place } from './model';
import { nextMeetings } from './schedule';

type Json = Record<string, unknown>;

const placePath = (id: string) => `/places/${encodeURIComponent(id)}`;
const districtPath = (id: string) => `/districts/${encodeURIComponent(id)}`;

/** `2026-12-08T10:00:00+09:00`: a meeting time in Japan, whatever the server's zone. */
export const japanTime = (date: string, hhmm: string) =>
	`${date}T${hhmm.padStart(5, '0')}:00+09:00`;

export interface PlaceLdOptions {
	/** Today in Japan: the Events are the next meetings from it. */
	today: string;
	/** The municipality (e.g. 鶴ヶ島市) for the address locality. */
	municipality: string;
	/** The prefecture (e.g. 埼玉県) when known. */
	region?: string | null;
	/** Root-relative unless the caller has a public origin: JSON-LD resolves it against the page. */
	origin?: string | null;
	/** How many meetings to list (the page shows three). */
	events?: number;
}

function placeNode(place: Place, opts: PlaceLdOptions): Json {
	const url = `${opts.origin ?? ''}${placePath(place.id)}`;
	return {
		'@type': 'Place',
		'@id': `${url}#place`,
		name: place.name,
		...(place.reading ? { alternateName: place.reading } : {}),
		url,
		...(place.address
			? {
					address: {
						'@type': 'PostalAddress',
						streetAddress: place.address,
						addressLocality: opts.municipality,
						...(opts.region ? { addressRegion: opts.region } : {}),
						addressCountry: 'JP'
					}
				}
			: {}),
		...(place.point
			? {
					geo: {
						'@type': 'GeoCoordinates',
						latitude: place.point.lat,
						longitude: place.point.lng
					}
				}
			: {})
	};
}

/**
 * A place and, when it meets on a rule and is not paused, its next meetings as Events at it.
 * A paused (休止中) place has no Events: none is scheduled.
 */
export function placeJsonLd(place: Place, opts: PlaceLdOptions): Json {
	const node = placeNode(place, opts);
	const when = nextMeetings(place, opts.today, opts.events ?? 3);
	if (when.kind !== 'dates') return { '@context': 'https://schema.org', ...node };
	const events = when.dates.map((o) => ({
		'@type': 'Event',
		name: place.name,
		startDate: japanTime(o.date, when.start),
		endDate: japanTime(o.date, when.end),
		// A date its organizer marked off is a cancelled event, not a missing one.
		eventStatus: o.off ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
		eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
		location: { '@id': node['@id'] },
		url: node.url,
		...(place.fee ? { offers: { '@type': 'Offer', description: place.fee } } : {})
	}));
	return { '@context': 'https://schema.org', '@graph': [node, ...events] };
}

/** A district page: the list of its public places, in the page's order. */
export function districtJsonLd(
	district: District,
	places: readonly Place[],
	origin: string | null = null
): Json {
	return {
		'@context': 'https://schema.org',
		'@type': 'ItemList',
		name: district.name,
		url: `${origin ?? ''}${districtPath(district.id)}`,
		numberOfItems: places.length,
		itemListElement: places.map((p, i) => ({
			'@type': 'ListItem',
			position: i + 1,
			name: p.name,
			url: `${origin ?? ''}${placePath(p.id)}`
		}))
	};
}

/**
 * The JSON for a `<script type="application/ld+json">` element. The type is data, never run:
 * CSP's script-src does not apply. `<`, `>`, `&` and the line separators are escaped so no
 * text in a name can close the element.
 */
export function jsonLdText(data: Json): string {
	return JSON.stringify(data)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/** The whole element, for `{@html}` in `<svelte:head>` (Svelte has no other way to write it). */
export function jsonLdScript(data: Json): string {
	return `<script type="application/ld+json">${jsonLdText(data)}</script>`;
}

const xmlEscape = (s: string) =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');

/** The public pages of a pack: home, district list, each district, each public place. */
export function publicPaths(pack: {
	districts: readonly District[];
	places: readonly Place[];
}): string[] {
	return [
		'/',
		'/districts',
		...pack.districts.map((d) => districtPath(d.id)),
		// The pack's places are the public ones (approved, not closed); paused ones still have a page.
		...pack.places.map((p) => placePath(p.id))
	];
}

/** sitemaps.org 0.9: absolute URLs (the protocol requires them), at most 50,000. */
export function sitemapXml(origin: string, paths: readonly string[]): string {
	const urls = paths
		.slice(0, 50_000)
		.map((p) => `<url><loc>${xmlEscape(`${origin}${p}`)}</loc></url>`);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		...urls,
		'</urlset>',
		''
	].join('\n');
}

/** Everything public may be crawled; the work screens, sign-in and the API (but open data) not. */
export function robotsTxt(origin: string): string {
	return [
		'User-agent: *',
		'Allow: /',
		'Disallow: /work',
		'Disallow: /login',
		'Disallow: /settings',
		'Disallow: /api/',
		'Allow: /api/places.csv',
		'Allow: /api/places.geojson',
		'Allow: /api/standard/',
		`Sitemap: ${origin}/sitemap.xml`,
		''
	].join('\n');
}
