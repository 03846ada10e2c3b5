/**
 * Readings from a pack's own data: pack.json names the column holding each place source's
 * reading (名称_カナ, as the national open-data layouts have it), and search finds the place by
 * how its name sounds, in hiragana, katakana or half-width katakana, as it does an organizer's
 * ふりがな. No real source file has the column yet: the pack here is GENERATED test data
 * (tests/fixtures/packs-readings/generated-kana, no real place).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toKatakana } from '#lib/domain/open-data-standard.js';
import { indexPlaces, runPlaceQuery, EMPTY_QUERY } from '#lib/domain/place-query.js';
import { readPackDirectory } from '#lib/server/packs/load-packs.js';

const FIXTURE = resolve('tests/fixtures/packs-readings/generated-kana');

const temps: string[] = [];
afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture with pack.json changed, as a city's IT person might write it. */
function variant(change: (manifest: Record<string, unknown>) => void): string {
	const root = mkdtempSync(join(tmpdir(), 'ibasho-readings-'));
	temps.push(root);
	const dir = join(root, 'generated-kana');
	cpSync(FIXTURE, dir, { recursive: true });
	const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	change(manifest);
	writeFileSync(join(dir, 'pack.json'), JSON.stringify(manifest));
	return dir;
}

const names = (dir: string, text: string) => {
	const { pack, problems } = readPackDirectory(dir);
	expect(problems).toEqual([]);
	const index = indexPlaces(pack!.loaded.pack.places, new Map());
	return runPlaceQuery(index, { ...EMPTY_QUERY, text }).map((h) => h.place.name);
};

describe('a pack that names a reading column', () => {
	it('keeps each place’s reading from its source, GeoJSON property or CSV column', () => {
		const { pack, problems } = readPackDirectory(FIXTURE);
		expect(problems).toEqual([]);
		const readings = Object.fromEntries(
			pack!.loaded.pack.places.map((p) => [p.name, p.reading ?? null])
		);
		expect(readings).toEqual({
			'藤見台生成公民館（テスト用）': 'フジミダイセイセイコウミンカン',
			'椿生成広場（テスト用）': 'ツバキセイセイヒロバ',
			'生成第三集会所（テスト用）': null,
			'楓生成ホーム（テスト用）': 'ｶｴﾃﾞｾｲｾｲﾎｰﾑ'
		});
	});

	it('search finds a place by its reading in hiragana, katakana and half-width katakana', () => {
		expect(names(FIXTURE, 'ふじみだい')).toEqual(['藤見台生成公民館（テスト用）']);
		expect(names(FIXTURE, 'ツバキ')).toEqual(['椿生成広場（テスト用）']);
		expect(names(FIXTURE, 'ﾂﾊﾞｷ')).toEqual(['椿生成広場（テスト用）']);
		expect(names(FIXTURE, 'かえで')).toEqual(['楓生成ホーム（テスト用）']);
	});

	it('the national layouts’ 名称_カナ gets it in full-width katakana, whatever the source wrote', () => {
		expect(toKatakana('ｶｴﾃﾞｾｲｾｲﾎｰﾑ')).toBe('カエデセイセイホーム');
		expect(toKatakana('ふじみだい')).toBe('フジミダイ');
	});

	it('without the mapping the same files give no readings, and ふじみだい finds nothing', () => {
		const dir = variant((m) => delete m.readings);
		expect(names(dir, 'ふじみだい')).toEqual([]);
		expect(names(dir, '藤見台')).toEqual(['藤見台生成公民館（テスト用）']);
	});

	it('a column the file does not have, or a source that makes no places, is a problem named', () => {
		const misspelt = readPackDirectory(
			variant((m) => (m.readings = { shelters: '名称カナ', welfareSheltersCsv: 'kana' }))
		);
		expect(misspelt.pack).toBeNull();
		expect(misspelt.problems).toEqual([
			{
				file: 'generated-kana/source/shelters.geojson',
				field: 'column 名称カナ',
				message: 'named by pack.json readings.shelters, but not in this file'
			},
			{
				file: 'generated-kana/source/welfare-shelters.csv',
				field: 'column kana',
				message: 'named by pack.json readings.welfareSheltersCsv, but not in this file'
			}
		]);
		const wrongSource = readPackDirectory(
			variant((m) => (m.readings = { boundary: '名称_カナ', supportCouncilsCsv: 'kana' }))
		);
		expect(wrongSource.problems.map((p) => [p.field, p.message])).toEqual([
			[
				'readings.boundary',
				'not a source of places; known: shelters, supportCouncilsCsv, welfareSheltersCsv'
			],
			['readings.supportCouncilsCsv', 'names column "kana" of a source the pack does not have']
		]);
	});
});
