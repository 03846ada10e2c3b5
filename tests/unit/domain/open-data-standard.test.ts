/**
 * The national open-data layouts (自治体標準オープンデータセット): a shelter site becomes a
 * 指定緊急避難場所 row with its hazards as 1/empty columns, a public facility a 公共施設 row.
 * Places are generated test data in a pack shaped like a city's.
 */
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '#lib/domain/csv.js';
import type { PlacePack } from '#lib/domain/model.js';
import {
	EVACUATION_SITE_COLUMNS,
	PUBLIC_FACILITY_COLUMNS,
	evacuationSitesCsv,
	fullAddress,
	localGovernmentCode,
	publicFacilitiesCsv
} from '#lib/domain/open-data-standard.js';
import { WEEKDAY_JA } from '#lib/domain/schedule.js';
import { parseCsv } from '#lib/domain/csv.js';
import { makePlace } from '../factories';

const school = makePlace({
	id: 'test-school',
	categories: ['shelter', 'public-facility'],
	name: 'テスト用小学校（生成）',
	reading: 'てすとようしょうがっこう',
	address: '鶴ヶ島市テスト町1-1',
	point: { lat: 35.93, lng: 139.39 },
	shelter: { evacuationShelter: true, emergencySite: true, hazards: ['flood', 'earthquake'] }
});
const park = makePlace({
	id: 'test-park',
	categories: ['shelter'],
	name: 'テスト用公園（生成）',
	address: '埼玉県鶴ヶ島市テスト町2',
	shelter: { evacuationShelter: false, emergencySite: true, hazards: ['large_fire'] }
});
const hall = makePlace({
	id: 'test-hall',
	categories: ['public-facility'],
	name: 'テスト用公民館（生成）',
	address: 'テスト町3',
	accessibility: ['step-free', 'parking'],
	scheduleRule: { kind: 'weekly', weekdays: [1, 4], start: '09:00', end: '17:00' },
	fee: '無料'
});
const salon = makePlace({ id: 'test-salon', name: 'テスト用サロン（生成）' });

const pack = {
	id: 'test',
	municipality: '鶴ヶ島市',
	municipalityCode: '11241',
	districts: [],
	places: [school, park, hall, salon]
} as unknown as PlacePack;

const opts = {
	origin: 'https://ibasho.example.jp',
	accessibility: (id: string) => ({ 'step-free': '段差なし', parking: '駐車場' })[id] ?? id,
	weekdays: WEEKDAY_JA
};

describe('national open-data layouts', () => {
	it('writes the 6-digit local government code with its check digit', () => {
		expect(localGovernmentCode('11241')).toBe('112411');
		expect(localGovernmentCode('01100')).toBe('011002');
		expect(localGovernmentCode('13101')).toBe('131016');
		expect(() => localGovernmentCode('1124')).toThrow(RangeError);
	});

	it('completes an address from the prefecture on, however it was entered', () => {
		expect(fullAddress('鶴ヶ島市脚折町1', '埼玉県', '鶴ヶ島市')).toBe('埼玉県鶴ヶ島市脚折町1');
		expect(fullAddress('脚折町1', '埼玉県', '鶴ヶ島市')).toBe('埼玉県鶴ヶ島市脚折町1');
		expect(fullAddress('埼玉県鶴ヶ島市脚折町1', '埼玉県', '鶴ヶ島市')).toBe(
			'埼玉県鶴ヶ島市脚折町1'
		);
	});

	it('lists each 指定緊急避難場所 with one 1/empty column per hazard', () => {
		const csv = evacuationSitesCsv(pack, opts);
		expect(parseCsv(csv)[0]).toEqual([...EVACUATION_SITE_COLUMNS]);
		const rows = parseCsvRecords(csv);
		expect(rows.map((r) => r['名称'])).toEqual(['テスト用小学校（生成）', 'テスト用公園（生成）']);
		const [first, second] = rows;
		expect(first).toMatchObject({
			全国地方公共団体コード: '112411',
			ID: 'test-school',
			名称_カナ: 'テストヨウショウガッコウ',
			所在地_連結表記: '埼玉県鶴ヶ島市テスト町1-1',
			所在地_都道府県: '埼玉県',
			所在地_市区町村: '鶴ヶ島市',
			緯度: '35.93',
			経度: '139.39',
			地方公共団体名: '埼玉県鶴ヶ島市',
			災害種別_洪水: '1',
			災害種別_地震: '1',
			災害種別_津波: '',
			'災害種別_崖崩れ、土石流及び地滑り': '',
			指定避難所との重複: '1',
			URL: 'https://ibasho.example.jp/places/test-school'
		});
		expect(second).toMatchObject({
			災害種別_大規模な火事: '1',
			災害種別_洪水: '',
			指定避難所との重複: ''
		});
	});

	it('lists public facilities with their days, hours and accessibility', () => {
		const csv = publicFacilitiesCsv(pack, { ...opts, origin: null });
		expect(parseCsv(csv)[0]).toEqual([...PUBLIC_FACILITY_COLUMNS]);
		const rows = parseCsvRecords(csv);
		expect(rows.map((r) => r['名称'])).toEqual([
			'テスト用小学校（生成）',
			'テスト用公民館（生成）'
		]);
		expect(rows[1]).toMatchObject({
			都道府県コード又は市区町村コード: '112411',
			NO: '2',
			都道府県名: '埼玉県',
			市区町村名: '鶴ヶ島市',
			住所: '埼玉県鶴ヶ島市テスト町3',
			利用可能曜日: '月,木',
			開始時間: '09:00',
			終了時間: '17:00',
			説明: '参加費 無料',
			バリアフリー情報: '段差なし,駐車場',
			URL: ''
		});
	});
});
