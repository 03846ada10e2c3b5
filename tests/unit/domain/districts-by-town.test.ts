/**
 * Districts from what a city may publish (#13): town-list districts follow from a place's
 * 町丁目, and a city with no districts builds and works city-wide.
 *
 * The town-list pack here is GENERATED for the test: Tokorozawa's real files (towns, shelters,
 * welfare shelters) with made-up districts over real town names. 所沢市 publishes no such list
 * in our data; these districts exist only in this test.
 */
import { describe, expect, it } from 'vitest';
import { buildPlacePack } from '#lib/domain/pack/build-place-pack.js';
import type { PackSources } from '#lib/domain/pack/sources.js';
import { districtOfAddress, kanjiNumber, townOfAddress } from '#lib/domain/pack/town-of-address.js';
import { districtLevelName, hasDistricts, shortDistrictName } from '#lib/domain/model.js';
import { tsurugashimaPack } from '#lib/packs/tsurugashima.js';
import { readPackSources } from '../pack-files';

const tokorozawaSources = readPackSources('packs/tokorozawa');
const tokorozawa = buildPlacePack(tokorozawaSources).pack;

/** Generated districts over real Tokorozawa town names (see the file comment). */
function generatedTownListSources(): PackSources {
	return {
		...tokorozawaSources,
		manifest: {
			...tokorozawaSources.manifest,
			id: 'generated-towns',
			districts: {
				level: { ja: '地区', en: 'District' },
				from: 'town-list',
				districts: [
					{
						id: 'generated-towns-a',
						name: '生成地区A（テスト用）',
						towns: ['けやき台一丁目', 'けやき台二丁目', '大字下富', '三ケ島五丁目']
					},
					{
						id: 'generated-towns-b',
						name: '生成地区B（テスト用）',
						towns: ['中新井一丁目', '大字中新井', '中富南二丁目', '坂之下']
					}
				]
			}
		}
	};
}

type TownList = Extract<PackSources['manifest']['districts'], { from: 'town-list' }>;

const generated = buildPlacePack(generatedTownListSources()).pack;
const place = (id: string) => generated.places.find((p) => p.id === id)!;

describe('town of an address', () => {
	it('writes 丁目 numbers in kanji', () => {
		expect([1, 5, 10, 12, 20, 23].map(kanjiNumber)).toEqual([
			'一',
			'五',
			'十',
			'十二',
			'二十',
			'二十三'
		]);
	});

	it.each([
		['埼玉県所沢市けやき台1-38-1', 'けやき台一丁目'],
		['所沢市三ケ島五丁目828番地6', '三ケ島五丁目'],
		['所沢市坂之下673番地1', '坂之下'],
		['埼玉県所沢市中新井1-93-1', '中新井一丁目'],
		['埼玉県所沢市中新井3-726-6', '中新井三丁目'],
		['埼玉県所沢市中富1004-1', '中富'],
		['埼玉県所沢市中富南2-20', '中富南二丁目'],
		['埼玉県所沢市東所沢和田1-39', '東所沢和田一丁目'],
		['埼玉県所沢市北野新町2-5-11', '北野新町二丁目'],
		['所沢市大字山口１５５０', '山口'],
		['埼玉県所沢市上山口72', '上山口']
	])('%s lies in %s', (address, town) => {
		expect(townOfAddress(address, tokorozawa.towns, '所沢市')?.name).toBe(town);
	});

	it('finds no town for an address elsewhere in the city list or a 丁目 that does not exist', () => {
		expect(townOfAddress('埼玉県所沢市けやき台9-1', tokorozawa.towns, '所沢市')).toBeNull();
		expect(townOfAddress('東京都千代田区永田町1-7-1', tokorozawa.towns, '所沢市')).toBeNull();
	});

	it('places every one of Tokorozawa’s 72 shelter sites in a town from its GSI address', () => {
		const sites = tokorozawa.places.filter((p) => p.shelter);
		const unplaced = sites.filter((p) => !townOfAddress(p.address!, tokorozawa.towns, '所沢市'));
		expect(unplaced.map((p) => p.address)).toEqual([]);
	});
});

describe('a pack with town-list districts (generated districts over real towns)', () => {
	it('carries its districts, their towns and its level name', () => {
		expect(generated.districtsFrom).toBe('town-list');
		expect(generated.districtLevel).toEqual({ ja: '地区', en: 'District' });
		expect(generated.districts.map((d) => [d.id, d.name, d.towns?.length])).toEqual([
			['generated-towns-a', '生成地区A（テスト用）', 4],
			['generated-towns-b', '生成地区B（テスト用）', 4]
		]);
	});

	it('gives each listed town its district and other towns none', () => {
		const town = (name: string) => generated.towns.find((t) => t.name === name)!;
		expect(town('けやき台一丁目').districtId).toBe('generated-towns-a');
		expect(town('下富').districtId).toBe('generated-towns-a');
		expect(town('中新井').districtId).toBe('generated-towns-b');
		expect(town('中新井三丁目').districtId).toBeNull();
	});

	it('derives a place’s district from the 町丁目 of its address', () => {
		// 清進小学校, 埼玉県所沢市けやき台1-38-1
		expect(place('generated-towns-shelter-E1120800001')).toMatchObject({
			districtIds: ['generated-towns-a'],
			districtSource: 'town'
		});
		// 伸栄小学校, 中新井1-93-1 (中新井一丁目), and 中富小学校, 中富1004-1 (大字中富, unlisted)
		expect(place('generated-towns-shelter-E1120800036').districtIds).toEqual(['generated-towns-b']);
		expect(place('generated-towns-shelter-E1120800038')).toMatchObject({
			districtIds: [],
			districtSource: 'unknown'
		});
		// 所沢市立プロペラ: its GSI site joined by the welfare list, 坂之下673-1 (大字坂之下).
		expect(place('generated-towns-shelter-E1120800068')).toMatchObject({
			categories: ['welfare-shelter', 'shelter'],
			districtIds: ['generated-towns-b']
		});
	});

	it('derives a new place’s district from a typed address or a picked town', () => {
		expect(districtOfAddress(generated, '所沢市中富南2-20')).toBe('generated-towns-b');
		expect(districtOfAddress(generated, '中富南二丁目')).toBe('generated-towns-b');
		expect(districtOfAddress(generated, '所沢市並木5-1')).toBeNull();
		expect(districtOfAddress(generated, null)).toBeNull();
	});

	it('refuses a town list naming a town the towns source lacks, or a town twice', () => {
		const sources = generatedTownListSources();
		const typo = structuredClone(sources);
		(typo.manifest.districts as TownList).districts[0]!.towns.push('けやき台九丁目');
		expect(() => buildPlacePack(typo)).toThrow(/generated-towns-a lists けやき台九丁目/);
		const twice = structuredClone(sources);
		(twice.manifest.districts as TownList).districts[1]!.towns.push('下富');
		expect(() => buildPlacePack(twice)).toThrow(/下富 is listed in both/);
	});

	it('refuses district ids outside the pack’s namespace', () => {
		const sources = generatedTownListSources();
		const bad = structuredClone(sources);
		(bad.manifest.districts as { districts: { id: string }[] }).districts[0]!.id = 'minami';
		expect(() => buildPlacePack(bad)).toThrow(
			/district id minami must start with "generated-towns-"/
		);
	});
});

describe('Tokorozawa’s pack (districts: none)', () => {
	it('has the 72 GSI shelter sites, one place per site', () => {
		const sites = tokorozawa.places.filter((p) => p.shelter);
		expect(sites).toHaveLength(72);
		expect(new Set(sites.map((p) => p.id)).size).toBe(72);
		expect(sites.every((p) => p.point !== null)).toBe(true);
	});

	it('has the 5 指定福祉避難所 pinned at their GSI sites and the 3 予備 listed without a pin', () => {
		const welfare = tokorozawa.places.filter((p) => p.categories.includes('welfare-shelter'));
		const pinned = welfare.filter((p) => p.point);
		expect(pinned.map((p) => p.name).sort()).toEqual(
			[
				'所沢市立キャンバス',
				'所沢市立きぼうの園',
				'所沢市立こあふる',
				'所沢市立はばたき',
				'所沢市立プロペラ'
			].sort()
		);
		expect(
			pinned.every((p) => p.shelter?.evacuationShelter && p.notes.includes('指定福祉避難所'))
		).toBe(true);
		const unpinned = welfare.filter((p) => !p.point);
		expect(unpinned.map((p) => [p.name, p.address])).toEqual([
			['うしぬま荘(老人福祉センター)', '所沢市牛沼54番地'],
			['あづま荘(老人福祉センター)', '所沢市久米2263番地1'],
			['さやまがおか荘(老人福祉センター)', '所沢市若狭四丁目2478番地4']
		]);
		expect(tokorozawa.places).toHaveLength(72 + 3);
	});

	it('has its 160 towns and no districts: every place is city-wide', () => {
		expect(tokorozawa.towns).toHaveLength(160);
		expect(tokorozawa.districts).toEqual([]);
		expect(hasDistricts(tokorozawa)).toBe(false);
		expect(tokorozawa.districtsFrom).toBe('none');
		expect(tokorozawa.districtLevel).toBeNull();
		expect(tokorozawa.towns.every((t) => t.districtId === null)).toBe(true);
		expect(tokorozawa.places.every((p) => p.districtIds.length === 0)).toBe(true);
	});

	it('generates every id under tokorozawa- and credits every source it names', () => {
		expect(tokorozawa.places.filter((p) => !p.id.startsWith('tokorozawa-'))).toEqual([]);
		const credited = new Set(tokorozawa.attributions.map((a) => a.id));
		expect(
			[...new Set(tokorozawa.places.map((p) => p.sourceId))].filter((s) => !credited.has(s!))
		).toEqual([]);
		expect([...credited].every((id) => id.startsWith('tokorozawa-'))).toBe(true);
	});

	it('shares no place or attribution id with Tsurugashima', () => {
		const tsurugashima = tsurugashimaPack().pack;
		const ids = new Set(tsurugashima.places.map((p) => p.id));
		expect(tokorozawa.places.filter((p) => ids.has(p.id))).toEqual([]);
		const credits = new Set(tsurugashima.attributions.map((a) => a.id));
		expect(tokorozawa.attributions.filter((a) => credits.has(a.id))).toEqual([]);
	});
});

describe('Tsurugashima keeps its school-polygon districts and ids', () => {
	const { pack } = tsurugashimaPack();
	it('names its level 小学校区 from the pack', () => {
		expect(pack.districtsFrom).toBe('school-polygons');
		expect(districtLevelName(pack, 'ja')).toBe('小学校区');
		expect(districtLevelName(pack, 'en')).toBe('Elementary school district');
	});
	it('shortens district names by its level where space is short (map labels)', () => {
		expect(shortDistrictName('藤小学校区', pack)).toBe('藤');
		expect(shortDistrictName('生成地区A（テスト用）', generated)).toBe('生成地区A（テスト用）');
		expect(shortDistrictName('藤小学校区', tokorozawa)).toBe('藤小学校区');
	});
	it('keeps its unprefixed ids', () => {
		expect(pack.districts.map((d) => d.id)).toContain('minami');
		expect(pack.places.map((p) => p.id)).toEqual(
			expect.arrayContaining(['shelter-E1124100001', 'council-1', 'welfare-cosmos'])
		);
	});
});
