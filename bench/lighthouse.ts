/**
 * `lighthouse`: Lighthouse 13 against the production build's home page (`/`), default mobile
 * config (formFactor mobile, simulated throttling), categories performance and accessibility.
 * Three runs, each in a fresh headless Chromium; every figure is the median of the three,
 * taken per metric. Needs `npm run build` first (it builds nothing). The last run's LHR is
 * saved to bench/results/lighthouse.json for the full report (selectors of failing elements).
 *
 * Targets: performance ≥ 0.95, accessibility = 1, LCP ≤ 1800 ms, TBT ≤ 100 ms, CLS ≤ 0.02.
 * A failing accessibility audit is named in the accessibility row so it can be fixed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatMs } from './measure';
import { hasBuild, missingBuildRow, withProdServer } from './prod-server';
import type { Row } from './section';

const RUNS = 3;
const CHROME_PATH = '/usr/bin/chromium';
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run'
];

const TARGET_PERFORMANCE = 0.95;
const TARGET_ACCESSIBILITY = 1;
const TARGET_LCP_MS = 1800;
const TARGET_TBT_MS = 100;
const TARGET_CLS = 0.02;

/**
 * Lighthouse and chrome-launcher live in their own package (bench/tools, with its own lock),
 * not in the app's dependencies: they are a quarter of the app's install and only this section
 * uses them. The first run installs them from that lock.
 */
const TOOLS_DIR = fileURLToPath(new URL('./tools/', import.meta.url));

/** The parts of a Lighthouse result (LHR) this section reads. */
interface Result {
	audits: Record<
		string,
		{ title?: string; score?: number | null; numericValue?: number; details?: unknown } | undefined
	>;
	categories: Record<
		string,
		{ score?: number | null; auditRefs?: { id: string; weight: number }[] } | undefined
	>;
	runtimeError?: { code: string; message: string };
}

interface Tools {
	launch(options: {
		chromePath: string;
		chromeFlags: string[];
		logLevel: 'silent';
	}): Promise<{ port: number; kill(): void }>;
	lighthouse(
		url: string,
		flags: { port: number; output: 'json'; logLevel: 'error'; onlyCategories: string[] }
	): Promise<{ lhr: Result } | undefined>;
}

async function loadTools(): Promise<Tools> {
	const modules = `${TOOLS_DIR}node_modules/`;
	if (!existsSync(`${modules}lighthouse/package.json`)) {
		console.error('  installing Lighthouse into bench/tools (first run) …');
		// stdout carries only the result table: npm's output goes to stderr.
		execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', TOOLS_DIR], {
			stdio: ['ignore', process.stderr, process.stderr]
		});
	}
	const lighthouse = (await import(pathToFileURL(`${modules}lighthouse/core/index.js`).href)) as {
		default: Tools['lighthouse'];
	};
	const launcher = (await import(
		pathToFileURL(`${modules}chrome-launcher/dist/index.js`).href
	)) as { launch: Tools['launch'] };
	return { launch: launcher.launch, lighthouse: lighthouse.default };
}

interface Sample {
	performance: number;
	accessibility: number;
	lcpMs: number;
	tbtMs: number;
	cls: number;
	/** Accessibility audits that count towards the score and did not pass. */
	failedA11y: string[];
}

/** Median of a small sample (mean of the two middle values for an even count). */
function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function numericAudit(lhr: Result, id: string): number {
	const value = lhr.audits[id]?.numericValue;
	if (typeof value !== 'number') throw new Error(`Lighthouse audit ${id} has no numeric value`);
	return value;
}

function categoryScore(lhr: Result, id: string): number {
	const score = lhr.categories[id]?.score;
	if (typeof score !== 'number') {
		const reason = lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : '';
		throw new Error(`Lighthouse category ${id} has no score ${reason}`.trim());
	}
	return score;
}

/** Weighted accessibility audits scoring below 1 (manual and not-applicable ones have no score). */
function failedAccessibilityAudits(lhr: Result): string[] {
	const refs = lhr.categories.accessibility?.auditRefs ?? [];
	return refs
		.filter((ref) => ref.weight > 0)
		.filter((ref) => {
			const score = lhr.audits[ref.id]?.score;
			return typeof score === 'number' && score < 1;
		})
		.map((ref) => ref.id);
}

/** One Lighthouse run in its own Chromium, so runs share no cache, storage or service worker. */
async function runOnce({ launch, lighthouse }: Tools, url: string): Promise<Result> {
	const chrome = await launch({
		chromePath: CHROME_PATH,
		chromeFlags: CHROME_FLAGS,
		logLevel: 'silent'
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility']
		});
		if (!result) throw new Error('Lighthouse returned no result');
		return result.lhr;
	} finally {
		chrome.kill();
	}
}

function toSample(lhr: Result): Sample {
	return {
		performance: categoryScore(lhr, 'performance'),
		accessibility: categoryScore(lhr, 'accessibility'),
		lcpMs: numericAudit(lhr, 'largest-contentful-paint'),
		tbtMs: numericAudit(lhr, 'total-blocking-time'),
		cls: numericAudit(lhr, 'cumulative-layout-shift'),
		failedA11y: failedAccessibilityAudits(lhr)
	};
}

/** Every failing element's selector, for the progress log (the full detail is in the LHR). */
function logAccessibilityFailures(lhr: Result): void {
	for (const id of failedAccessibilityAudits(lhr)) {
		const audit = lhr.audits[id];
		console.error(`  a11y ${id}: ${audit?.title ?? ''}`);
		const details = audit?.details as { items?: { node?: { selector?: string } }[] } | undefined;
		for (const item of details?.items ?? []) {
			if (item.node?.selector) console.error(`    ${item.node.selector}`);
		}
	}
}

const score2 = (n: number): string => n.toFixed(2);
const perRun = (values: readonly number[], format: (n: number) => string): string =>
	`runs ${values.map(format).join(' / ')}`;

export async function run(): Promise<Row[]> {
	if (!hasBuild()) return [missingBuildRow('lighthouse: home page')];

	const tools = await loadTools();
	const pages: { label: string; samples: Sample[] }[] = [];
	let lastLhr: Result | undefined;
	await withProdServer(async ({ origin }) => {
		// The home page and a place page (the first place of the default city's pack: a real
		// shelter or council, whatever the pack lists first).
		const packRes = await fetch(`${origin}/api/pack`);
		const { pack } = (await packRes.json()) as { pack: { places: { id: string }[] } };
		const placeId = pack.places[0]?.id;
		const targets = [
			{ label: 'home', path: '/' },
			...(placeId ? [{ label: 'place page', path: `/places/${encodeURIComponent(placeId)}` }] : [])
		];
		for (const target of targets) {
			const samples: Sample[] = [];
			for (let i = 1; i <= RUNS; i++) {
				console.error(`  lighthouse ${target.label} run ${i}/${RUNS} …`);
				lastLhr = await runOnce(tools, `${origin}${target.path}`);
				samples.push(toSample(lastLhr));
			}
			pages.push({ label: target.label, samples });
		}
	});

	if (lastLhr) {
		const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
		mkdirSync(resultsDir, { recursive: true });
		writeFileSync(`${resultsDir}lighthouse.json`, `${JSON.stringify(lastLhr, null, '\t')}\n`);
		console.error(`  last LHR written to ${resultsDir}lighthouse.json`);
		logAccessibilityFailures(lastLhr);
	}
	return pages.flatMap(({ label, samples }) => rowsOf(label, samples));
}

function rowsOf(page: string, samples: readonly Sample[]): Row[] {
	const pick = (key: Exclude<keyof Sample, 'failedA11y'>): number[] => samples.map((s) => s[key]);
	const performance = median(pick('performance'));
	const accessibility = median(pick('accessibility'));
	const lcpMs = median(pick('lcpMs'));
	const tbtMs = median(pick('tbtMs'));
	const cls = median(pick('cls'));
	// Union over the runs: an audit failing in any run is worth fixing.
	const failedA11y = [...new Set(samples.flatMap((s) => s.failedA11y))].sort();
	const runsNote = `median of ${samples.length}`;
	const name = (what: string) => `lighthouse ${page}: ${what}`;

	return [
		{
			benchmark: name('performance (mobile)'),
			figure: `${score2(performance)} (${runsNote}; ${perRun(pick('performance'), score2)})`,
			target: `≥ ${TARGET_PERFORMANCE}`,
			ok: performance >= TARGET_PERFORMANCE,
			values: { score: performance, runs: samples.length }
		},
		{
			benchmark: name('accessibility'),
			figure:
				`${score2(accessibility)} (${runsNote})` +
				(failedA11y.length > 0 ? ` · failing: ${failedA11y.join(', ')}` : ''),
			target: `= ${TARGET_ACCESSIBILITY}`,
			ok: accessibility >= TARGET_ACCESSIBILITY,
			values: { score: accessibility, failingAudits: failedA11y.length, runs: samples.length }
		},
		{
			benchmark: name('LCP (mobile, simulated)'),
			figure: `${formatMs(lcpMs)} (${runsNote}; ${perRun(pick('lcpMs'), formatMs)})`,
			target: `≤ ${TARGET_LCP_MS} ms`,
			ok: lcpMs <= TARGET_LCP_MS,
			values: { ms: Math.round(lcpMs), runs: samples.length }
		},
		{
			benchmark: name('TBT (mobile, simulated)'),
			figure: `${formatMs(tbtMs)} (${runsNote}; ${perRun(pick('tbtMs'), formatMs)})`,
			target: `≤ ${TARGET_TBT_MS} ms`,
			ok: tbtMs <= TARGET_TBT_MS,
			values: { ms: Math.round(tbtMs), runs: samples.length }
		},
		{
			benchmark: name('CLS'),
			figure: `${cls.toFixed(3)} (${runsNote}; ${perRun(pick('cls'), (n) => n.toFixed(3))})`,
			target: `≤ ${TARGET_CLS}`,
			ok: cls <= TARGET_CLS,
			values: { cls: Math.round(cls * 10_000) / 10_000, runs: samples.length }
		}
	];
}
