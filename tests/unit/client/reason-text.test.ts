/**
 * No reason code reaches a person as a raw key: every code the server can answer with has a
 * Japanese and an English sentence, and `reasonText` shows a plain generic sentence for a code
 * it does not know. The codes are found in the source, not listed here, so a new
 * `apiError(…, 'new_code')` without catalog text fails this test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASONS } from '#lib/domain/sync/reasons.js';
import { indicatorEn, indicatorJa } from '#lib/i18n/indicator-messages.js';
import { loadCatalog, loadWorkMessages, translator } from '#lib/i18n/messages.js';
import { CLIENT_REASONS, reasonKey, reasonText } from '#lib/i18n/reason-text.js';
import { workEn, workJa } from '#lib/i18n/work-messages.js';

await loadCatalog('en');

const SRC = join(import.meta.dirname, '../../../src');

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return tsFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const serverCode = [
	join(SRC, 'hooks.server.ts'),
	...tsFiles(join(SRC, 'routes')),
	...tsFiles(join(SRC, 'lib/server'))
].map((file) => ({ file, code: readFileSync(file, 'utf8') }));

/** Every `apiError(status, 'code'` in endpoints and server code. */
const apiErrorCodes = serverCode.flatMap(({ code }) =>
	[...code.matchAll(/apiError\(\s*[^,()]+(?:\([^()]*\))?[^,()]*,\s*'([a-z_]+)'/g)].map((m) => m[1]!)
);
/** Reasons the server code returns as values (`reason: 'account_locked'`), passed on by endpoints. */
const returnedCodes = serverCode
	.filter(({ file }) => file.includes('/lib/server/'))
	.flatMap(({ code }) => [...code.matchAll(/\breason:\s*'([a-z_]+)'/g)].map((m) => m[1]!));

const ALL_CODES = [
	...new Set([...apiErrorCodes, ...returnedCodes, ...REASONS, ...CLIENT_REASONS])
].sort();

const ja: Record<string, string> = { ...workJa, ...indicatorJa };
const en: Record<string, string> = { ...workEn, ...indicatorEn };

describe('API reason codes', () => {
	it('are found in the source (the scan itself works)', () => {
		for (const code of ['cross_site_request', 'unsupported_media_type', 'account_locked']) {
			expect(ALL_CODES).toContain(code);
		}
		expect(ALL_CODES.length).toBeGreaterThan(40);
	});

	it('every apiError call names its code literally, or passes on a scanned server reason', () => {
		const dynamic = serverCode.flatMap(({ file, code }) =>
			[...code.matchAll(/apiError\(\s*[^,]+,\s*([^,)]+)/g)]
				.map((m) => m[1]!.trim())
				.filter((arg) => !arg.startsWith("'") && !file.endsWith('responses.ts'))
		);
		// The login endpoint passes on login.ts's reasons, which `returnedCodes` scans.
		expect(dynamic).toEqual(['result.reason']);
	});

	it.each(ALL_CODES)('%s has Japanese and English text', (code) => {
		expect(ja[`reason.${code}`], `ja reason.${code}`).toMatch(/\S/);
		expect(en[`reason.${code}`], `en reason.${code}`).toMatch(/\S/);
		expect(ja[`reason.${code}`]).not.toContain(code);
	});
});

describe('reasonText', () => {
	it('shows the sentence, never the key, in both languages', async () => {
		await loadWorkMessages();
		for (const lang of ['ja', 'en'] as const) {
			const t = translator(lang);
			for (const code of ALL_CODES) {
				const text = reasonText(t, code, { params: { minutes: 15 } });
				expect(text).not.toMatch(/\breason\.[a-z]|login\.error|\{minutes\}/);
				expect(text).toBe(
					lang === 'ja'
						? ja[`reason.${code}`]!.replace('{minutes}', '15')
						: en[`reason.${code}`]!.replace('{minutes}', '15')
				);
			}
		}
	});

	it('answers an unknown or missing code with the generic sentence', async () => {
		await loadWorkMessages();
		const t = translator('ja');
		expect(reasonText(t, 'brand_new_code')).toBe(ja['reason.unknown']);
		expect(reasonText(t, null)).toBe(ja['reason.unknown']);
		// A property of Object.prototype is no catalog key either.
		expect(reasonKey('constructor')).toBe('reason.unknown');
	});

	it("takes a page's own wording where it gives one", async () => {
		await loadWorkMessages();
		const t = translator('ja');
		expect(
			reasonText(t, 'invalid_body', { overrides: { invalid_body: 'login.error.invalid_body' } })
		).toBe(ja['login.error.invalid_body']);
		expect(reasonText(t, 'invalid_body')).toBe(ja['reason.invalid_body']);
	});
});
