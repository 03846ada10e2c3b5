/**
 * A third municipality added by following only docs/cities.md and docs/districts.md: a small
 * GENERATED pack with `town-list` districts (tests/fixtures/packs/generated-town, labelled
 * generated), loaded from one packs directory beside the real packs as a server loads them.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPacks } from '#lib/server/packs/check-packs.js';
import { loadPacksDirectory } from '#lib/server/packs/load-packs.js';

const temp = mkdtempSync(join(tmpdir(), 'ibasho-third-city-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
for (const dir of ['packs/tsurugashima', 'packs/tokorozawa', 'tests/fixtures/packs/generated-town'])
	symlinkSync(resolve(dir), join(temp, dir.split('/').pop()!));

describe('a town-list city added from the docs, beside the real packs', () => {
	it('loads with Tsurugashima and Tokorozawa: no problem, no id collision', () => {
		const cities = loadPacksDirectory(temp);
		expect(cities.map((c) => c.loaded.pack.id)).toEqual([
			'generated-town',
			'tokorozawa',
			'tsurugashima'
		]);
	});

	it('derives each place’s district from the town its address names', () => {
		const town = loadPacksDirectory(temp).find((c) => c.loaded.pack.id === 'generated-town')!;
		const { pack } = town.loaded;
		expect(pack.districtsFrom).toBe('town-list');
		expect(pack.districts.map((d) => [d.id, d.name])).toEqual([
			['generated-town-north', '北地区'],
			['generated-town-south', '南地区']
		]);
		expect(pack.places.map((p) => [p.id, p.districtIds])).toEqual([
			['generated-town-shelter-north-school', ['generated-town-north']],
			['generated-town-shelter-south-hall', ['generated-town-south']]
		]);
		// Hazards as the docs now say: ids, not the Japanese words.
		expect(pack.places[0]!.shelter?.hazards).toEqual(['flood', 'earthquake']);
	});

	it('passes `npm run pack -- check`, its ids against the generated city beside it', () => {
		const { problems, checked } = checkPacks(['tests/fixtures/packs/generated-town']);
		expect(problems).toEqual([]);
		expect(checked.map((c) => c.loaded.pack.id)).toEqual(['generated-town']);
	});
});
