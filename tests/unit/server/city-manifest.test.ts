/**
 * The manifest a city other than the default one installs with: its own name, id and start
 * URL, and shortcuts into its own pages (a districts shortcut only where it has districts).
 */
import { describe, expect, it } from 'vitest';
import { manifestText } from '#lib/i18n/manifest-messages.js';
import { cityManifest } from '#lib/server/city-manifest.js';

const pack = (districts: { id: string }[]) =>
	({
		id: 'tokorozawa',
		municipality: '所沢市',
		districtLevel: { ja: '地区', en: 'District' },
		districts
	}) as Parameters<typeof cityManifest>[0];

describe('a city’s web app manifest', () => {
	it('names the city and opens at its own pages, as an app of its own', () => {
		const m = cityManifest(pack([]), manifestText);
		expect(m.name).toBe('居場所 Ibasho — 所沢市のつどいの場・避難所');
		expect(m.short_name).toBe('居場所 所沢市');
		expect(m.id).toBe('/c/tokorozawa/');
		expect(m.start_url).toBe('/c/tokorozawa');
		expect(m.shortcuts.map((s) => s.url)).toEqual([
			'/c/tokorozawa?c=salon',
			'/c/tokorozawa?c=shelter'
		]);
	});

	it('offers the districts page, named by the pack’s level, only where there are districts', () => {
		const m = cityManifest(pack([{ id: 'tokorozawa-north' }]), manifestText);
		expect(m.shortcuts.at(-1)).toMatchObject({
			name: '地区から見る',
			url: '/c/tokorozawa/districts'
		});
	});
});
