/**
 * Reading a 社協 salon list and planning its import. The lists here are GENERATED for the test
 * (invented salon names); towns, points and districts are the Tsurugashima pack's own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedPlaceId, rowKey } from '#lib/domain/import/import-id.js';
import { decodeCsv, readTable, readXlsx } from '#lib/domain/import/read-table.js';
import { salonListRows, scheduleDaysText } from '#lib/domain/import/salon-export.js';
import { readSchedule, readTime } from '#lib/domain/import/cell-readers.js';
import {
	isError,
	planImport,
	type ExistingPlace,
	type ImportCity
} from '#lib/domain/import/salon-rows.js';
import { findHeaderRow, guessMapping, rememberMapping } from '#lib/domain/import/salon-template.js';
import { writeXlsx } from '#lib/export/xlsx.js';
import { buildPackDir } from '../pack-files';

const { pack } = buildPackDir(path.resolve('packs/tsurugashima'));
const city: ImportCity = {
	packId: pack.id,
	municipality: pack.municipality,
	towns: pack.towns,
	districts: pack.districts,
	districtLevel: pack.districtLevel?.ja ?? null
};
const town = (name: string) => pack.towns.find((t) => t.name === name)!;

/** A generated list as a 社協 keeps it: a title row, then the header, then salons. */
const LIST = [
	['令和8年度 ふれあいいきいきサロン一覧（テスト用に生成）'],
	['番号', 'サロン名', '所在地', '小学校区', '開催日', '開始', '終了', '参加費'],
	[
		'1',
		'生成サロンあおば',
		'鶴ヶ島市脚折町1-2-3',
		'',
		'毎月第2・第4火曜',
		'10:00',
		'12:00',
		'100円'
	],
	['2', '生成サロンみどり', '鶴ヶ島市富士見3丁目4-5', '', '毎週月・木曜', '13:30', '15:30', ''],
	['3', '', '鶴ヶ島市南町一丁目', '', '毎月第1水曜', '10:00', '11:30', ''],
	['4', '生成サロンそら', '東京都千代田区千代田1-1', '', '第3金曜日', '10時', '12時', ''],
	['5', '生成サロンうみ', '鶴ヶ島市新町2-1', '月の小学校区', '毎月第1水曜', '10:00', '12:00', ''],
	['6', '生成サロンやま', '鶴ヶ島市新町2-1', '', 'ときどき', '', '', ''],
	['7', '既存の協議会', '鶴ヶ島市新町3-1', '', '', '', '', '']
];

describe('reading the file', () => {
	it('reads the first sheet of an XLSX, text and numbers, with gaps as empty cells', () => {
		const bytes = writeXlsx([
			{
				name: '一覧',
				rows: [
					['番号', '名称'],
					[12, 'サロン & <茶話会>'],
					[null, 'x']
				]
			}
		]);
		expect(readXlsx(bytes)).toEqual([
			['番号', '名称'],
			['12', 'サロン & <茶話会>'],
			['', 'x']
		]);
	});

	it('reads CSV in UTF-8 with BOM, and in Shift_JIS as Excel saves it', () => {
		const utf8 = new TextEncoder().encode('\uFEFF番号,名称\r\n1,サロン\r\n');
		expect(readTable(utf8)).toEqual([
			['番号', '名称'],
			['1', 'サロン']
		]);
		// 「番号,名称,住所,開催日」 and one row, encoded in Shift_JIS (cp932) by Python.
		const sjis = Buffer.from(
			'94d48d862c96bc8fcc2c8f5a8f8a2c8a4a8dc393fa0d0a312c82a282ab82a282ab8354838d83932c92df839693878e738b7290dc92ac88ea929a96da2c96888c8e91e63289ce976a0d0a',
			'hex'
		);
		expect(decodeCsv(sjis).split('\r\n')[1]).toBe(
			'1,いきいきサロン,鶴ヶ島市脚折町一丁目,毎月第2火曜'
		);
	});

	it('refuses a file with nothing in it', () => {
		expect(() => readTable(new TextEncoder().encode('\r\n,,\r\n'))).toThrow('empty');
	});
});

describe('the column mapping', () => {
	it('finds the header under a title row and maps the usual headers', () => {
		const header = findHeaderRow(LIST, '小学校区');
		expect(header).toBe(1);
		const mapping = guessMapping(LIST[1]!, {}, '小学校区');
		expect(mapping).toMatchObject({ number: 0, name: 1, address: 2, district: 3, schedule: 4 });
		expect(mapping.start).toBe(5);
		expect(mapping.fee).toBe(7);
	});

	it('remembers a person’s choice by header text and applies it to the next file', () => {
		const headers = ['No', 'サロン', '会場', '日にち'];
		const chosen = { number: 0, name: 1, address: 2, schedule: 3 };
		const remembered = rememberMapping(headers, chosen);
		expect(remembered).toEqual({
			number: 'No',
			name: 'サロン',
			address: '会場',
			schedule: '日にち'
		});
		// Next month's file has the columns in another order.
		expect(guessMapping(['日にち', '会場', 'サロン', 'No'], remembered)).toEqual({
			schedule: 0,
			address: 1,
			name: 2,
			number: 3
		});
	});
});

describe('schedules and times as lists write them', () => {
	it('reads monthly and weekly days, with or without the time in the cell', () => {
		expect(readSchedule('毎月第2・第4火曜')).toEqual({
			days: { kind: 'monthly', nths: [2, 4], weekday: 2 },
			start: undefined,
			end: undefined
		});
		expect(readSchedule('第１・３水曜日 10:00～11:30')).toEqual({
			days: { kind: 'monthly', nths: [1, 3], weekday: 3 },
			start: '10:00',
			end: '11:30'
		});
		expect(readSchedule('毎週月・木曜')?.days).toEqual({ kind: 'weekly', weekdays: [1, 4] });
		expect(readSchedule('')).toEqual({ days: null });
		expect(readSchedule('ときどき')).toBeUndefined();
		expect(readSchedule('毎月第2火・木曜')).toBeUndefined();
	});

	it('reads 10:00, 10時30分 and Excel’s fraction of a day', () => {
		expect(['10:00', '9:30', '10時', '10時30分', '0.4166666666666667', ''].map(readTime)).toEqual([
			'10:00',
			'09:30',
			'10:00',
			'10:30',
			'10:00',
			null
		]);
		expect(readTime('25:00')).toBeUndefined();
	});
});

describe('planning the import', () => {
	const headerRow = 1;
	const mapping = guessMapping(LIST[1]!, {}, '小学校区');
	const packPlace: ExistingPlace = {
		id: 'tsuru-council-x',
		name: '既存の協議会',
		address: '鶴ヶ島市新町三丁目',
		fields: null
	};
	const plan = planImport(LIST, headerRow, mapping, city, [packPlace]);
	const byRow = new Map(plan.rows.map((r) => [r.row, r]));
	const codes = (row: number) => byRow.get(row)!.problems.map((p) => p.code);

	it('places a good row at its 町丁目 point, in that town’s district', () => {
		const a = byRow.get(3)!;
		expect(a.action).toBe('add');
		expect(a.town).toBe('脚折町一丁目');
		expect(a.fields).toMatchObject({
			name: '生成サロンあおば',
			category: 'salon',
			point: town('脚折町一丁目').point,
			districtId: town('脚折町一丁目').districtId,
			scheduleRule: { kind: 'monthly', nths: [2, 4], weekday: 2, start: '10:00', end: '12:00' },
			fee: '100円',
			status: 'active'
		});
		expect(byRow.get(4)!.fields?.point).toEqual(town('富士見三丁目').point);
		expect(byRow.get(4)!.fields?.scheduleRule).toMatchObject({ kind: 'weekly', weekdays: [1, 4] });
	});

	it('gives every bad row its reasons and imports none of them', () => {
		expect(codes(5)).toContain('missingName');
		// Another city's address: no town, so no point and no district to derive.
		expect(codes(6)).toEqual(['addressNotFound', 'noDistrict']);
		expect(codes(7)).toEqual(['unknownDistrict']);
		expect(codes(8)).toEqual(['badSchedule']);
		expect(codes(9)).toEqual(['duplicateExisting']);
		for (const r of [5, 6, 7, 8, 9]) expect(byRow.get(r)!.action).toBe('skip');
		expect(plan.counts).toEqual({ add: 2, update: 0, same: 0, skip: 5 });
	});

	it('imports a row whose address is not found when its district is given (placed later on the map)', () => {
		const list = [
			LIST[1]!,
			['8', '生成サロンかぜ', '鶴ヶ島市どこか1-1', '栄小学校区', '', '', '', '']
		];
		const row = planImport(list, 0, mapping, city, []).rows[0]!;
		expect(row.problems.map((p) => p.code)).toEqual(['addressNotFound']);
		expect(row.problems.every(isError)).toBe(false);
		expect(row.fields).toMatchObject({ point: null, districtId: 'sakae', scheduleRule: null });
		expect(row.action).toBe('add');
	});

	it('flags the second row with the same 番号 as a duplicate within the file', () => {
		const list = [
			LIST[1]!,
			LIST[2]!,
			['1', '生成サロンあおば（再掲）', '鶴ヶ島市脚折町1-2-3', '', '', '', '', '']
		];
		const rows = planImport(list, 0, mapping, city, []).rows;
		expect(rows[1]!.problems).toEqual([{ code: 'duplicateInFile', params: { row: 2 } }]);
	});

	it('adds nothing when the same file is imported again, and updates only a changed row', () => {
		const imported: ExistingPlace[] = plan.rows
			.filter((r) => r.action === 'add')
			.map((r) => ({ id: r.placeId!, name: r.name, address: r.address, fields: r.fields }));
		const again = planImport(LIST, headerRow, mapping, city, [packPlace, ...imported]);
		expect(again.counts).toEqual({ add: 0, update: 0, same: 2, skip: 5 });

		const changed = LIST.map((r) => [...r]);
		changed[2]![6] = '12:30';
		const third = planImport(changed, headerRow, mapping, city, [packPlace, ...imported]);
		expect(third.counts).toEqual({ add: 0, update: 1, same: 1, skip: 5 });
		const update = third.rows.find((r) => r.action === 'update')!;
		expect(update.placeId).toBe(byRow.get(3)!.placeId);
		expect(Object.keys(update.changes)).toEqual(['scheduleRule']);
	});

	it('keeps a point picked by hand while the address is unchanged', () => {
		const a = byRow.get(3)!;
		const moved = { ...a.fields!, point: { lng: 139.39, lat: 35.93 } };
		const again = planImport(LIST, headerRow, mapping, city, [
			{ id: a.placeId!, name: a.name, address: a.address, fields: moved }
		]);
		expect(again.rows.find((r) => r.placeId === a.placeId)!.action).toBe('same');
	});
});

describe('stable ids and the export', () => {
	it('derives the same id from the same 番号, and from name and address without one', () => {
		const a = importedPlaceId('tsurugashima', rowKey({ number: '１２', name: 'x', address: '' }));
		const b = importedPlaceId('tsurugashima', rowKey({ number: '12', name: 'y', address: 'z' }));
		expect(a).toBe(b);
		expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(importedPlaceId('tokorozawa', rowKey({ number: '12', name: '', address: '' }))).not.toBe(
			a
		);
		const byName = (name: string, address: string) =>
			importedPlaceId('tsurugashima', rowKey({ number: '', name, address }));
		expect(byName('ｻﾛﾝ あおば', '脚折町1')).toBe(byName('サロンあおば', '脚折町１'));
		expect(byName('サロンあおば', '脚折町1')).not.toBe(byName('サロンあおば', '脚折町2'));
	});

	it('exports in the template, and the export imports back as the same places', () => {
		const mapping = guessMapping(LIST[1]!, {}, '小学校区');
		const added = planImport(LIST, 1, mapping, city, []).rows.filter((r) => r.action === 'add');
		const rows = salonListRows(
			added.map((r) => ({ id: r.placeId!, fields: r.fields! })),
			pack.districts,
			'小学校区'
		);
		expect(rows[0]).toEqual([
			'アプリID',
			'番号',
			'名称',
			'ふりがな',
			'種別',
			'小学校区',
			'住所',
			'開催日',
			'開始',
			'終了',
			'備考',
			'参加費',
			'状況'
		]);
		expect(rows.find((r) => r[2] === '生成サロンあおば')).toContain('毎月第2・第4火曜');
		const back = readXlsx(writeXlsx([{ name: '一覧', rows, header: 1 }]));
		const existing = added.map((r) => ({
			id: r.placeId!,
			name: r.name,
			address: r.address,
			fields: r.fields
		}));
		const replanned = planImport(
			back,
			findHeaderRow(back, '小学校区'),
			guessMapping(back[0]!, {}, '小学校区'),
			city,
			existing
		);
		expect(replanned.counts).toEqual({ add: 0, update: 0, same: added.length, skip: 0 });
		expect(added.length).toBe(3);
		expect(
			scheduleDaysText({ kind: 'weekly', weekdays: [1, 4], start: '13:30', end: '15:30' })
		).toBe('毎週月・木曜');
	});
});

describe('comparing with what the server sent back', () => {
	it('treats a schedule with its keys reordered (as jsonb returns it) as unchanged', () => {
		const list = [LIST[1]!, LIST[2]!];
		const mapping = guessMapping(list[0]!, {}, '小学校区');
		const first = planImport(list, 0, mapping, city, []).rows[0]!;
		const rule = first.fields!.scheduleRule!;
		const fromServer = JSON.parse(
			JSON.stringify({
				end: rule.end,
				kind: rule.kind,
				nths: (rule as { nths: number[] }).nths,
				start: rule.start,
				weekday: 2
			})
		) as typeof rule;
		const again = planImport(list, 0, mapping, city, [
			{
				id: first.placeId!,
				name: first.name,
				address: first.address,
				fields: { ...first.fields!, scheduleRule: fromServer }
			}
		]);
		expect(again.rows[0]!.action).toBe('same');
	});
});
