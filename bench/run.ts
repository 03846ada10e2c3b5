/**
 * `npm run bench [-- <section> …] [--strict]`: runs the selected sections (all by default) in
 * registry order, prints one table on stdout and writes the same rows to
 * bench/results/latest.json (git-ignored). Progress and errors go to stderr.
 *
 * Exit code: 2 for an unknown section name; with --strict, 1 when any row misses its target or
 * a section failed. Without --strict a missed target is reported, not fatal, so the command
 * stays usable for exploring.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Row, Section } from './section';

/**
 * Registered sections, run in this order. Adding one is one line: sections are imported lazily
 * so an unselected section (e.g. one that starts a browser) costs nothing.
 */
const SECTIONS: readonly Section[] = [
	{ name: 'places', run: () => import('./places-query').then((m) => m.run()) },
	{ name: 'clusters', run: () => import('./map-clusters').then((m) => m.run()) },
	{ name: 'lighthouse', run: () => import('./lighthouse').then((m) => m.run()) },
	{ name: 'initial-js', run: () => import('./initial-js').then((m) => m.run()) },
	{ name: 'offline-repeat', run: () => import('./offline-repeat').then((m) => m.run()) },
	{ name: 'idb-places', run: () => import('./idb-places').then((m) => m.run()) },
	{ name: 'map-redraw', run: () => import('./map-redraw').then((m) => m.run()) },
	{ name: 'sync', run: () => import('./sync-push').then((m) => m.run()) },
	{ name: 'indicators', run: () => import('./indicators').then((m) => m.run()) },
	{ name: 'cities', run: () => import('./cities').then((m) => m.run()) },
	{ name: 'city-feed', run: () => import('./city-feed').then((m) => m.run()) },
	{ name: 'save-frame', run: () => import('./save-frame').then((m) => m.run()) },
	{ name: 'live', run: () => import('./live-propagation').then((m) => m.run()) },
	{ name: 'salon-import', run: () => import('./salon-import').then((m) => m.run()) }
];

interface SectionRun {
	name: string;
	ms: number;
	error?: string;
}

function parseArgs(argv: readonly string[]): { selected: Section[]; strict: boolean } {
	const strict = argv.includes('--strict');
	const names = argv.filter((arg) => !arg.startsWith('--'));
	const unknown = names.filter((name) => !SECTIONS.some((s) => s.name === name));
	if (unknown.length > 0) {
		console.error(`Unknown section(s): ${unknown.join(', ')}`);
		console.error(`Available: ${SECTIONS.map((s) => s.name).join(', ')}`);
		process.exit(2);
	}
	const selected =
		names.length === 0 ? [...SECTIONS] : SECTIONS.filter((s) => names.includes(s.name));
	return { selected, strict };
}

const okCell = (ok: boolean | null): string => (ok === null ? '—' : ok ? 'yes' : 'NO');

/** Markdown table, padded so it also reads well in a terminal. */
function formatTable(rows: readonly Row[]): string {
	const header = ['benchmark', 'figure', 'target', 'ok'];
	const body = rows.map((r) => [r.benchmark, r.figure, r.target, okCell(r.ok)]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
	const line = (cells: readonly string[]): string =>
		`| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	return [
		line(header),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...body.map(line)
	].join('\n');
}

const { selected, strict } = parseArgs(process.argv.slice(2));
const rows: Row[] = [];
const runs: SectionRun[] = [];

for (const section of selected) {
	console.error(`▶ ${section.name} …`);
	const start = performance.now();
	try {
		rows.push(...(await section.run()));
		runs.push({ name: section.name, ms: Math.round(performance.now() - start) });
		console.error(`✓ ${section.name} (${((performance.now() - start) / 1000).toFixed(1)} s)`);
	} catch (error) {
		// One broken section must not hide the others' results.
		const message = error instanceof Error ? error.message : String(error);
		runs.push({ name: section.name, ms: Math.round(performance.now() - start), error: message });
		rows.push({ benchmark: `${section.name}: failed`, figure: message, target: '—', ok: false });
		console.error(`✗ ${section.name}:`, error);
	}
}

console.log(formatTable(rows));

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const cpu = cpus();
writeFileSync(
	`${resultsDir}latest.json`,
	`${JSON.stringify(
		{
			finishedAt: new Date().toISOString(),
			node: process.version,
			platform: `${process.platform}-${process.arch}`,
			cpus: cpu.length,
			cpuModel: cpu[0]?.model ?? null,
			sections: runs,
			rows
		},
		null,
		'\t'
	)}\n`
);
console.error(`Results written to ${resultsDir}latest.json`);

if (strict && rows.some((r) => r.ok === false)) process.exitCode = 1;
