/**
 * `initial-js`: the JavaScript the home page (`/`) of the production build downloads before it
 * is usable on a first visit, as gzip bytes. Loaded twice in headless Chromium (Playwright): as
 * a Pixel 7 phone (list view; the map is not started) and at a 1280 × 900 desktop viewport (list
 * and map side by side, so Leaflet is loaded too). Needs `npm run build` first (it builds nothing).
 *
 * "Initial" is every script whose request started before the page was usable, which an init
 * script notes in the page from the DOM (MutationObserver, `performance.now()`): hydrated
 * (`body[data-hydrated]`) and, on the desktop, the map drawn (its `data-marker-count`, set by
 * the first marker redraw). Request start times are the page's own Resource Timing entries, on
 * the same clock; a script without an entry counts as initial. Scripts the page requests later
 * (work deferred until start-up is over: saving the pack for offline use, sync, the service
 * worker's registration) are still collected and shown in the same row ("after start-up") but
 * are not held against the target. A page that never becomes usable fails the row.
 *
 * Every script response of the page (resource type `script`, or a JavaScript content type) until
 * network idle plus 1 s is collected once per URL, its body gzipped here with zlib level 9:
 * transfer sizes depend on the server's compression and on caching, so they are not trusted.
 * Requests a service worker makes for itself (precaching) are not page responses and do not
 * count. 1 KB = 1000 bytes, as in Vite's build report. Target: ≤ 100 KB gzip per viewport,
 * Leaflet included.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
	chromium,
	devices,
	type Browser,
	type BrowserContextOptions,
	type Response
} from '@playwright/test';
import { hasBuild, missingBuildRow, withProdServer } from './prod-server';
import type { Row } from './section';

const TARGET_KB = 100;
const TARGET = `≤ ${TARGET_KB} KB gzip`;
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
/** Late work after network idle (e.g. a lazy import started by a timer) still counts. */
const SETTLE_MS = 1_000;
const LARGEST_SHOWN = 3;
const VITE_MANIFEST = fileURLToPath(
	new URL('../.svelte-kit/output/client/.vite/manifest.json', import.meta.url)
);

interface Viewport {
	label: string;
	options: BrowserContextOptions;
	/** The page is usable once this selector matches (checked on every DOM mutation). */
	usable: string;
}

const HYDRATED = 'body[data-hydrated]';
const VIEWPORTS: readonly Viewport[] = [
	{ label: 'phone (Pixel 7, list)', options: { ...devices['Pixel 7'] }, usable: HYDRATED },
	{
		label: 'desktop 1280×900 (list + map)',
		options: { viewport: { width: 1280, height: 900 } },
		usable: `${HYDRATED} [data-testid="place-map"][data-marker-count]`
	}
];

interface ScriptFile {
	url: string;
	rawBytes: number;
	gzipBytes: number;
	/** Requested before the page was usable. */
	initial: boolean;
}

declare global {
	interface Window {
		__benchUsableAt?: number;
	}
}

/** Notes `performance.now()` when `selector` first matches; keeps every resource timing entry. */
const usableObserver = (selector: string) => `(() => {
	performance.setResourceTimingBufferSize(10000);
	const observer = new MutationObserver(() => {
		if (!document.querySelector(${JSON.stringify(selector)})) return;
		window.__benchUsableAt = performance.now();
		observer.disconnect();
	});
	observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

/**
 * Chunk names by output path (`_app/immutable/chunks/D5-5OF6C.js` → `leaflet-map`), from the
 * Vite manifest the same `npm run build` wrote. Empty when it is missing: names are a reading
 * aid only, never part of a measurement.
 */
function chunkNames(): Map<string, string> {
	const names = new Map<string, string>();
	try {
		const manifest = JSON.parse(readFileSync(VITE_MANIFEST, 'utf8')) as Record<
			string,
			{ file?: string; name?: string }
		>;
		for (const chunk of Object.values(manifest)) {
			if (chunk.file && chunk.name) names.set(chunk.file, chunk.name);
		}
	} catch {
		// No manifest: show hashed file names only.
	}
	return names;
}

/** The file name part of a URL, plus its chunk name when the manifest knows it. */
function shortName(url: string, names: ReadonlyMap<string, string>): string {
	const { pathname } = new URL(url);
	const file = pathname.slice(pathname.lastIndexOf('/') + 1) || pathname;
	const name = names.get(pathname.replace(/^\//, ''));
	return name ? `${file} (${name})` : file;
}

function isScript(response: Response): boolean {
	if (response.request().resourceType() === 'script') return true;
	return /javascript|ecmascript/i.test(response.headers()['content-type'] ?? '');
}

/**
 * Loads `url` in a fresh context and returns each script the page fetched, once per URL, marked
 * initial when its request started before the page was usable.
 */
async function collectScripts(
	browser: Browser,
	url: string,
	viewport: Viewport
): Promise<{ files: ScriptFile[]; usableMs: number }> {
	const context = await browser.newContext({
		...viewport.options,
		locale: 'ja-JP',
		timezoneId: 'Asia/Tokyo'
	});
	try {
		// No internet here, and tiles are not JavaScript: never let the map wait on them.
		await context.route(
			(u) =>
				u.hostname === 'tile.openstreetmap.org' || u.hostname.endsWith('.tile.openstreetmap.org'),
			(route) => route.abort()
		);
		const page = await context.newPage();
		await page.addInitScript(usableObserver(viewport.usable));
		const files = new Map<string, Promise<Omit<ScriptFile, 'initial'> | null>>();
		const unreadable: string[] = [];
		page.on('response', (response) => {
			if (files.has(response.url()) || !isScript(response) || !response.ok()) return;
			// Read the body right away: it is gone once the page navigates or closes.
			files.set(
				response.url(),
				response.body().then(
					(body) => ({
						url: response.url(),
						rawBytes: body.byteLength,
						gzipBytes: gzipSync(body, { level: 9 }).byteLength
					}),
					// Handled here, not at Promise.all: an unhandled rejection would end the process.
					(error: unknown) => {
						unreadable.push(`${response.url()}: ${String(error)}`);
						return null;
					}
				)
			);
		});
		await page.goto(url, { waitUntil: 'networkidle' });
		await page.waitForTimeout(SETTLE_MS);
		await page.waitForLoadState('networkidle');
		const { usableAt, started } = await page.evaluate(() => ({
			usableAt: window.__benchUsableAt,
			started: performance
				.getEntriesByType('resource')
				.map((entry) => [entry.name, entry.startTime] as const)
		}));
		if (usableAt === undefined) throw new Error(`never usable: no ${viewport.usable}`);
		const startedAt = new Map<string, number>();
		for (const [name, time] of started) if (!startedAt.has(name)) startedAt.set(name, time);
		const collected = await Promise.all(files.values());
		// A file left out would make the total look better than it is: fail instead.
		if (unreadable.length > 0) throw new Error(`unreadable script body: ${unreadable.join('; ')}`);
		return {
			files: collected
				.filter((file) => file !== null)
				.map((file) => ({
					...file,
					initial: (startedAt.get(file.url) ?? Number.NEGATIVE_INFINITY) <= usableAt
				})),
			usableMs: usableAt
		};
	} finally {
		await context.close();
	}
}

const sum = (files: readonly ScriptFile[], key: 'gzipBytes' | 'rawBytes'): number =>
	files.reduce((total, f) => total + f[key], 0);

const largestOf = (files: readonly ScriptFile[], names: ReadonlyMap<string, string>): string =>
	[...files]
		.sort((a, b) => b.gzipBytes - a.gzipBytes)
		.slice(0, LARGEST_SHOWN)
		.map((f) => `${shortName(f.url, names)} ${kb(f.gzipBytes)}`)
		.join(', ');

function toRow(
	viewport: Viewport,
	{ files, usableMs }: { files: readonly ScriptFile[]; usableMs: number },
	names: ReadonlyMap<string, string>
): Row {
	const initial = files.filter((f) => f.initial);
	const later = files.filter((f) => !f.initial);
	const gzipBytes = sum(initial, 'gzipBytes');
	const rawBytes = sum(initial, 'rawBytes');
	const laterGzipBytes = sum(later, 'gzipBytes');
	const laterPart =
		later.length > 0
			? ` · after start-up: ${kb(laterGzipBytes)} (${later.length} files; ${largestOf(later, names)})`
			: '';
	return {
		benchmark: `initial-js: ${viewport.label}`,
		figure:
			`${kb(gzipBytes)} gzip until usable at ${Math.round(usableMs)} ms (${initial.length} files, ` +
			`${kb(rawBytes)} raw) · largest: ${largestOf(initial, names)}${laterPart}`,
		target: TARGET,
		ok: gzipBytes <= TARGET_KB * 1000,
		values: {
			gzipBytes,
			rawBytes,
			files: initial.length,
			usableMs,
			laterGzipBytes,
			laterFiles: later.length
		}
	};
}

export async function run(): Promise<Row[]> {
	if (!hasBuild()) return [missingBuildRow('initial-js: home page')];

	const names = chunkNames();
	return withProdServer(async ({ origin }) => {
		const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
		try {
			const rows: Row[] = [];
			for (const viewport of VIEWPORTS) {
				console.error(`  ${viewport.label} …`);
				rows.push(toRow(viewport, await collectScripts(browser, `${origin}/`, viewport), names));
			}
			return rows;
		} finally {
			await browser.close();
		}
	});
}
