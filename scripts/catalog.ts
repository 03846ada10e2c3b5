/**
 * Message catalogs from the command line (npm run catalog -- <command>):
 *   side-by-side [locale] [--out FILE]
 *     Every resident string of `locale` (default ja-x-easy, any code in src/lib/i18n/locales.ts)
 *     beside the standard Japanese, as one HTML table a reviewer opens in a browser: readings
 *     shown as <ruby> (and in the notation, for editing), and the keys the locale leaves to its
 *     base language marked as such. Writes catalog-review-<locale>.html unless --out says where.
 * Exit status: 0 done, 2 bad input.
 */
import { writeFileSync } from 'node:fs';
import { LOCALES, isLocale, type LocaleInfo } from '../src/lib/i18n/locales';
import { loadCatalog, loadResidentPages, translator } from '../src/lib/i18n/messages';
import { residentKeys } from '../src/lib/i18n/resident-keys';
import { parseRuby, type RubyText } from '../src/lib/i18n/ruby-text';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const rubyHtml = (parts: RubyText) =>
	parts
		.map((p) =>
			typeof p === 'string'
				? escapeHtml(p)
				: `<ruby>${escapeHtml(p.base)}<rp>(</rp><rt>${escapeHtml(p.reading)}</rt><rp>)</rp></ruby>`
		)
		.join('');

async function sideBySide(locale: string, out: string | undefined): Promise<number> {
	if (!isLocale(locale)) {
		console.error(`Unknown locale "${locale}". Known: ${Object.keys(LOCALES).join(', ')}`);
		return 2;
	}
	const info: LocaleInfo = LOCALES[locale];
	const own: Readonly<Record<string, string>> = (await info.catalog?.()) ?? {};
	await Promise.all([loadCatalog(locale), loadResidentPages()]);
	const standard = translator('ja');
	// Every resident key, in the standard catalog's order (what the pages use).
	const keys = residentKeys();
	const rows = keys.map((key) => {
		const text = own[key];
		const cells =
			text === undefined
				? `<td class="same" colspan="2">— (${escapeHtml(info.base)}: the standard text)</td>`
				: `<td lang="ja">${rubyHtml(parseRuby(text))}</td><td class="notation">${escapeHtml(text)}</td>`;
		return `<tr><th scope="row"><code>${escapeHtml(key)}</code></th><td lang="ja">${escapeHtml(standard(key))}</td>${cells}</tr>`;
	});
	const written = Object.keys(own).length;
	const html = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${escapeHtml(info.name)} — catalog review</title>
<style>
body { font-family: sans-serif; margin: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
td { line-height: 2.1; }
.notation { font-size: 0.8rem; color: #444; }
.same { color: #666; font-style: italic; }
thead th { position: sticky; top: 0; background: #eee; }
</style></head><body>
<h1>${escapeHtml(info.name)} (<code>${escapeHtml(locale)}</code>) beside 標準の日本語</h1>
<p>${written} of ${keys.length} resident strings written for this locale; the rest use the standard text on purpose.</p>
<table><thead><tr><th>key</th><th>標準 (ja)</th><th>${escapeHtml(info.name)}</th><th>notation</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
	const path = out ?? `catalog-review-${locale}.html`;
	writeFileSync(path, html);
	console.log(`${path}: ${keys.length} keys, ${written} written for ${locale}`);
	return 0;
}

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	const outAt = rest.indexOf('--out');
	const out = outAt >= 0 ? rest[outAt + 1] : undefined;
	const positional = outAt < 0 ? rest : rest.filter((_, i) => i !== outAt && i !== outAt + 1);
	if (command === 'side-by-side') return sideBySide(positional[0] ?? 'ja-x-easy', out);
	console.error('Usage: npm run catalog -- side-by-side [locale] [--out FILE]');
	return 2;
}

process.exitCode = await main(process.argv.slice(2));
