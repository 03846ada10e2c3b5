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

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(svelte|ts)$/.test(entry.name) ? [path] : [];
	});
}

/** Literal message keys: `t('a.b'`, `tk(…, 'a.b'` and `key: 'a.b'` (link tables). */
const literalKeys = (code: string): string[] =>
	[...code.matchAll(/(?:\bt\(\s*|\btk\([^,]*,\s*|\bkey:\s*)'([a-z][\w-]*\.[\w.-]+)'/g)].map(
		(m) => m[1]!
	);

const loadMessages = async () => {
	vi.resetModules();
	return import('$lib/i18n/messages');
};

describe('message catalogs', () => {
	it('pages outside the work routes use only the resident catalog (residents never load the work one)', async () => {
		const { isResidentKey } = await loadMessages();
		const misplaced: string[] = [];
		let checked = 0;
		for (const file of sourceFiles(SRC)) {
			const path = relative(SRC, file).replaceAll('\\', '/');
			if (WORK_AREAS.some((area) => area.test(path))) continue;
			for (const key of literalKeys(readFileSync(file, 'utf8'))) {
				checked += 1;
				if (!isResidentKey(key)) misplaced.push(`${path}: ${key}`);
			}
		}
		expect(checked).toBeGreaterThan(50);
		expect(misplaced).toEqual([]);
	});

	it('work strings appear in both languages once loaded, and never crash before', async () => {
		const { isMessageKey, loadWorkMessages, translator } = await loadMessages();
		expect(isMessageKey('work.title')).toBe(false);
		expect(translator('ja')('work.title')).toBe('work.title');
		expect(translator('ja')('nav.work')).toBe('記録');

		await loadWorkMessages();
		expect(isMessageKey('work.title')).toBe(true);
		expect(translator('ja')('work.title')).toBe('記録');
		expect(translator('en')('login.submit')).toBe('Sign in');
		expect(translator('en')('sync.pending', { count: 3 })).toBe('3 unsent');
	});
});
