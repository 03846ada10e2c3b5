import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');
/** Code that runs only after `loadWorkMessages` (its routes await it in `load`). */
const WORK_AREAS = [
	/^routes\/(work|login)\//,
	/^lib\/components\/work\//,
	// The plan-indicator components: used only by /work/indicators.
	/^lib\/components\/indicators\//,
	/^lib\/map\/DistrictChoropleth\.svelte$/,
	// Field errors of the work screens' forms (shown by FieldError there).
	/^lib\/domain\/forms\//,
	/^lib\/map\/(LocationPicker\.svelte|location-picker-map\.ts)$/,
	/^lib\/server\//,
	/^lib\/i18n\//
];

/** Code that runs only after `loadShareMessages` (those pages await it in `load`). */
const SHARE_AREAS = [
	/^routes\/places\/\[id\]\//,
	/^routes\/districts\/\[id\]\//,
	/^lib\/components\/ShareBox\.svelte$/,
	/^routes\/settings\//
];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(svelte|ts)$/.test(entry.name) ? [path] : [];
	});
}

/**
 * Literal message keys: `t('a.b'`, `rt('a.b'` (with readings), `tk(…, 'a.b'` and `key: 'a.b'`
 * (link tables).
 */
const literalKeys = (code: string): string[] =>
	[...code.matchAll(/(?:\br?t\(\s*|\btk\([^,]*,\s*|\bkey:\s*)'([a-z][\w-]*\.[\w.-]+)'/g)].map(
		(m) => m[1]!
	);

/** Kana, CJK ideographs and full-width forms (（）・、：＋ included): text a reader sees in Japanese. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** String literals of a script, comments skipped (a small scanner: no regex literals here). */
function stringLiterals(code: string): string[] {
	const found: string[] = [];
	const skipTo = (from: number, end: string) => {
		const at = code.indexOf(end, from);
		return at < 0 ? code.length : at + end.length - 1;
	};
	for (let i = 0; i < code.length; i++) {
		const ch = code[i]!;
		if (ch === '/' && code[i + 1] === '/') i = skipTo(i, '\n');
		else if (ch === '/' && code[i + 1] === '*') i = skipTo(i + 2, '*/');
		else if (ch === "'" || ch === '"' || ch === '`') {
			let j = i + 1;
			while (j < code.length && code[j] !== ch) j += code[j] === '\\' ? 2 : 1;
			found.push(code.slice(i, j + 1));
			i = j;
		}
	}
	return found;
}

/**
 * Japanese a .svelte file shows without the catalogs: in its markup, or in its script's strings.
 * A markup line that starts with `//` is a comment inside an `{…}` expression (an inline
 * handler); only whole lines are skipped, so text after a `//` in a URL is still read.
 */
function uncataloguedJapanese(source: string): string[] {
	const scripts = [...source.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
	const markup = source
		.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')
		.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '');
	return [
		...markup
			.split('\n')
			.filter((line) => JAPANESE.test(line) && !line.trimStart().startsWith('//')),
		...scripts.flatMap(stringLiterals).filter((literal) => JAPANESE.test(literal))
	].map((text) => text.trim());
}

/**
 * Deliberate exceptions, each with its reason. (The language picker's autonyms live in
 * i18n/locales.ts, beside each locale's catalog.)
 */
const ALLOWED = new Map<string, string[]>([]);

const loadMessages = async () => {
	vi.resetModules();
	return import('#lib/i18n/messages.js');
};

describe('message catalogs', () => {
	it('pages outside the work routes use only the resident catalog (residents never load the work one)', async () => {
		const { isMessageKey, loadShareMessages } = await loadMessages();
		const { isResidentKey } = await import('#lib/i18n/resident-keys.js');
		await loadShareMessages();
		const misplaced: string[] = [];
		let checked = 0;
		for (const file of sourceFiles(SRC)) {
			const path = relative(SRC, file).replaceAll('\\', '/');
			if (WORK_AREAS.some((area) => area.test(path))) continue;
			const mayShare = SHARE_AREAS.some((area) => area.test(path));
			for (const key of literalKeys(readFileSync(file, 'utf8'))) {
				checked += 1;
				const shareKey =
					isMessageKey(key) &&
					/^(share|flyer|calendar|install)\.|^(place\.(addToCalendar|calendarHint|flyer)|district\.calendar)$/.test(
						key
					);
				if (!isResidentKey(key) && !(mayShare && shareKey)) misplaced.push(`${path}: ${key}`);
			}
		}
		expect(checked).toBeGreaterThan(50);
		expect(misplaced).toEqual([]);
	});

	it('share, flyer and calendar strings appear in both languages once loaded', async () => {
		const { isMessageKey, loadShareMessages, translator } = await loadMessages();
		expect(isMessageKey('share.button')).toBe(false);
		await loadShareMessages();
		expect(translator('ja')('share.button')).toBe('共有する');
		expect(translator('en')('share.button')).toBe('Share');
		expect(translator('en')('calendar.placeName', { name: 'X' })).toBe('X (Ibasho)');
	});

	it('English loads only when asked for, then reads in English everywhere on a resident page', async () => {
		const { loadCatalog, translator } = await loadMessages();
		const en = translator('en');
		// Until then (a Japanese reader's whole visit) the English strings are not in memory.
		expect(en('nav.find')).toBe('さがす');

		await loadCatalog('en');
		expect(en('nav.find')).toBe('Find');
		expect(en('find.results', { count: 1 })).toBe('1 place');
		expect(en('find.results', { count: 2 })).toBe('2 places');
		expect(translator('ja')('nav.find')).toBe('さがす');
	});

	it('work strings appear in both languages once loaded, and never crash before', async () => {
		const { isMessageKey, loadCatalog, loadWorkMessages, translator } = await loadMessages();
		expect(isMessageKey('work.title')).toBe(false);
		expect(translator('ja')('work.title')).toBe('work.title');
		expect(translator('ja')('nav.work')).toBe('記録');

		// Either order: English resident strings after the work ones keep both.
		await loadWorkMessages();
		await loadCatalog('en');
		expect(isMessageKey('work.title')).toBe(true);
		expect(translator('ja')('work.title')).toBe('記録');
		expect(translator('en')('login.submit')).toBe('Sign in');
		expect(translator('en')('sync.pending', { count: 3 })).toBe('3 unsent');
	});

	it('the work screens’ labels, brackets and weekdays read naturally in each language', async () => {
		const { loadCatalog, loadWorkMessages, translator } = await loadMessages();
		await Promise.all([loadWorkMessages(), loadCatalog('en')]);
		const [ja, en] = [translator('ja'), translator('en')];
		// Units stay data (from plan.json); only the label and punctuation are translated.
		expect(ja('text.labelled', { label: ja('ind.unit'), value: '人' })).toBe('単位：人');
		expect(en('text.labelled', { label: en('ind.unit'), value: '人' })).toBe('Unit: 人');
		expect(ja('text.paren', { text: ja('ind.expected', { rate: 40 }) })).toBe(
			'（この年度の目安 40%）'
		);
		expect(en('text.paren', { text: en('ind.expected', { rate: 40 }) })).toBe(
			'(expected this year 40%)'
		);
		expect(en('text.withNote', { text: en('ind.open'), note: en('ind.no', { no: 7 }) })).toBe(
			'Details and entry (No. 7)'
		);
		expect(ja('text.label', { label: ja('eval.mark') }) + '◎').toBe('評価：◎');
		expect(en('text.label', { label: en('eval.mark') }) + '◎').toBe('Mark: ◎');
		expect(ja('form.weekdayOption', { day: ja('form.day.2') })).toBe('火曜');
		expect(en('form.weekdayOption', { day: en('form.day.2') })).toBe('Tue');
		expect(en('ind.entryMeta', { source: 'Document 3', time: '3 Dec 2026, 10:00' })).toBe(
			'Document 3 · 3 Dec 2026, 10:00'
		);
	});

	it('no page, resident or work, shows Japanese that is not in the catalogs (brackets and separators too)', () => {
		const found: string[] = [];
		let checked = 0;
		let work = 0;
		for (const file of sourceFiles(SRC).filter((f) => f.endsWith('.svelte'))) {
			const path = relative(SRC, file).replaceAll('\\', '/');
			checked += 1;
			if (WORK_AREAS.some((area) => area.test(path))) work += 1;
			const allowed = ALLOWED.get(path) ?? [];
			for (const text of uncataloguedJapanese(readFileSync(file, 'utf8'))) {
				if (!allowed.includes(text)) found.push(`${path}: ${text}`);
			}
		}
		expect(checked).toBeGreaterThan(35);
		expect(work).toBeGreaterThan(20);
		expect(found).toEqual([]);
	});

	it('the scan finds Japanese in markup and script strings, not in comments', () => {
		const sample = [
			'<script lang="ts">',
			'\t// 日本語のコメント /* も */',
			"\tconst sep = '・';",
			'\tconst url = "https://example.test/"; // 末尾',
			'</script>',
			'<!-- コメント -->',
			'<p>{a}（{b}）</p>',
			'<button onclick={() => {',
			'\t// 押したときのコメント',
			'\tgo();',
			"}}>{t('x.y')}</button>",
			'<a href="https://example.test/">{b}・{c}</a>',
			'<style>p::after { content: "。"; }</style>'
		].join('\n');
		expect(uncataloguedJapanese(sample)).toEqual([
			'<p>{a}（{b}）</p>',
			'<a href="https://example.test/">{b}・{c}</a>',
			"'・'"
		]);
	});

	it('the last-resort error page (src/error.html) says what the catalogs say, in both languages', async () => {
		const { loadCatalog, translator } = await loadMessages();
		await loadCatalog('en');
		const html = readFileSync(join(SRC, 'error.html'), 'utf8');
		for (const lang of ['ja', 'en'] as const) {
			const t = translator(lang);
			for (const key of ['error.title', 'error.server', 'error.back'] as const) {
				expect(html).toContain(t(key));
			}
		}
		expect(html).toMatch(/<a href="\/">/);
		expect(html.indexOf(translator('ja')('error.title'))).toBeLessThan(
			html.indexOf(translator('en')('error.title'))
		);
	});
});
