/**
 * Turns the rows of a 社協 salon list into an import plan: for each row, the place fields it
 * gives, the place it becomes (a stable id: import-id.ts), what importing it does (add,
 * update, nothing) and its problems. A row with an error is not imported; a warning (address
 * not found among the city's towns: no map point until someone picks one) is imported.
 *
 * The point of a row is its town's point (町丁目 representative point from the city's pack),
 * never a guessed coordinate; its district is the district column's, else its town's.
 * On an update, a point or district set by hand is kept while the row's address is unchanged.
 */
import { foldForSearch } from '../text-fold';
import type { Town } from '../model';
import { townOfAddress } from '../pack/town-of-address';
import type { ScheduleRule } from '../records';
import { placeFieldsSchema, type PlaceFields } from '../sync/protocol';
import { UUID_PATTERN } from '../sync/uuid';
import { importedPlaceId, rowKey } from './import-id';
import type { ColumnMapping, TemplateField } from './salon-template';

export interface ImportCity {
	packId: string;
	municipality: string;
	towns: readonly Town[];
	districts: readonly { id: string; name: string }[];
	/** The city's district level in Japanese (小学校区), null without districts. */
	districtLevel: string | null;
}

/** A place already on this device, to find duplicates and what an import changes. */
export interface ExistingPlace {
	id: string;
	name: string;
	address: string | null;
	/** Working field values of a place people edit; null for a place from the city's pack. */
	fields: Partial<PlaceFields> | null;
}

export const PROBLEM_CODES = [
	'missingName',
	'badId',
	'unknownCategory',
	'unknownDistrict',
	'noDistrict',
	'badSchedule',
	'badTime',
	'unknownStatus',
	'duplicateInFile',
	'duplicateExisting',
	'invalid',
	'addressNotFound',
	'noAddress'
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const WARNINGS: ReadonlySet<ProblemCode> = new Set(['addressNotFound', 'noAddress']);

export interface RowProblem {
	code: ProblemCode;
	params: Record<string, string | number>;
}

export const isError = (p: RowProblem): boolean => !WARNINGS.has(p.code);

export type RowAction = 'add' | 'update' | 'same' | 'skip';

export interface ImportRow {
	/** The row's number in the spreadsheet (1 = its first row), as a person finds it there. */
	row: number;
	name: string;
	address: string;
	placeId: string | null;
	action: RowAction;
	/** Every field of the place as this row gives it (null when the row has errors). */
	fields: PlaceFields | null;
	/** For an update: only the fields that change. */
	changes: Partial<PlaceFields>;
	/** The 町丁目 its address lies in. */
	town: string | null;
	problems: RowProblem[];
}

export interface ImportPlan {
	rows: ImportRow[];
	counts: Record<RowAction, number>;
}

// ---------------------------------------------------------------------------------------------
// Cell readers

const nfkc = (s: string) => s.normalize('NFKC').replace(/\s/gu, '');

const CATEGORY_WORDS: [string, PlaceFields['category']][] = [
	['子どもサロン', 'kids-salon'],
	['こどもサロン', 'kids-salon'],
	['子供サロン', 'kids-salon'],
	['子ども食堂', 'kids-salon'],
	['ふれあいサービス', 'fureai-service'],
	['その他のつどいの場', 'gathering'],
	['つどいの場', 'gathering'],
	['集いの場', 'gathering'],
	['通いの場', 'gathering'],
	['サロン', 'salon'],
	['salon', 'salon'],
	['kids-salon', 'kids-salon'],
	['gathering', 'gathering'],
	['fureai-service', 'fureai-service']
];

/** The export's word for each category (the template's 種別). */
export const CATEGORY_LABELS: Record<PlaceFields['category'], string> = {
	salon: 'サロン',
	'kids-salon': '子どもサロン',
	gathering: 'つどいの場',
	'fureai-service': 'ふれあいサービス'
};

export function readCategory(cell: string): PlaceFields['category'] | null {
	const c = nfkc(cell).toLowerCase();
	if (c === '') return 'salon';
	return CATEGORY_WORDS.find(([word]) => nfkc(word).toLowerCase() === c)?.[1] ?? null;
}

export const STATUS_LABELS: Record<PlaceFields['status'], string> = {
	active: '活動中',
	paused: '休止中',
	closed: '終了'
};

export function readStatus(cell: string): PlaceFields['status'] | null {
	const c = nfkc(cell);
	if (c === '' || c === '活動中' || c === '活動' || c === 'active') return 'active';
	if (c === '休止中' || c === '休止' || c === 'paused') return 'paused';
	if (c === '終了' || c === '廃止' || c === '閉鎖' || c === 'closed') return 'closed';
	return null;
}

/**
 * A time of day: 10:00, 9:30, 10時, 10時30分, or Excel's fraction of a day (0.41666… = 10:00,
 * what a cell formatted as a time holds). '' is null; anything else undefined (an error).
 */
export function readTime(cell: string): string | null | undefined {
	const c = nfkc(cell);
	if (c === '') return null;
	let h: number;
	let m: number;
	const clock = /^(\d{1,2})(?::(\d{2})(?::\d{2})?|時(?:(\d{1,2})分)?|時半)$/u.exec(c);
	if (clock) {
		h = Number(clock[1]);
		m = c.endsWith('時半') ? 30 : Number(clock[2] ?? clock[3] ?? 0);
	} else if (/^0?\.\d+$/.test(c)) {
		const minutes = Math.round(Number(c) * 24 * 60);
		h = Math.floor(minutes / 60);
		m = minutes % 60;
	} else return undefined;
	if (h > 23 || m > 59) return undefined;
	return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A schedule's days without its times. */
export type ScheduleDays =
	{ kind: 'weekly'; weekdays: number[] } | { kind: 'monthly'; nths: number[]; weekday: number };

const WEEKDAY_CHARS = '日月火水木金土';
const NTH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
const TIME_RANGE =
	/(\d{1,2}(?::\d{2}|時(?:\d{1,2}分|半)?))[~〜～\-－ー―](\d{1,2}(?::\d{2}|時(?:\d{1,2}分|半)?))/u;

/**
 * 開催日 as 社協 lists write it: 毎月第2・第4火曜, 第1・3水曜日, 毎週月・木曜, 毎週火曜日,
 * optionally with the time (10:00〜12:00). '' is no schedule (null); text that is not a
 * schedule is undefined (an error: put it in 備考 instead).
 */
export function readSchedule(
	cell: string
): { days: ScheduleDays | null; start?: string; end?: string } | undefined {
	let c = nfkc(cell);
	if (c === '') return { days: null };
	let start: string | undefined;
	let end: string | undefined;
	const range = TIME_RANGE.exec(c);
	if (range) {
		start = readTime(range[1]!) ?? undefined;
		end = readTime(range[2]!) ?? undefined;
		c = c.replace(range[0], '');
	}
	const isWeekly = c.includes('毎週');
	c = c.replace(/毎週|毎月|曜日|曜|の|に/gu, '');
	const nths: number[] = [];
	c = c.replace(/第([1-5一二三四五](?:[・、,/][第]?[1-5一二三四五])*)/gu, (_, list: string) => {
		for (const ch of list) {
			const n = NTH_DIGITS[ch] ?? (/[1-5]/.test(ch) ? Number(ch) : null);
			if (n !== null) nths.push(n);
		}
		return '';
	});
	const weekdays: number[] = [];
	for (const ch of c) {
		const d = WEEKDAY_CHARS.indexOf(ch);
		if (d >= 0) weekdays.push(d);
		else if (!'・、,/()（）'.includes(ch)) return undefined;
	}
	const uniqueDays = [...new Set(weekdays)].sort();
	if (uniqueDays.length === 0) return undefined;
	if (nths.length > 0) {
		if (isWeekly || uniqueDays.length !== 1) return undefined;
		return {
			days: { kind: 'monthly', nths: [...new Set(nths)].sort(), weekday: uniqueDays[0]! },
			start,
			end
		};
	}
	return { days: { kind: 'weekly', weekdays: uniqueDays }, start, end };
}

/** 鶴ヶ島第一小学校区, 鶴ヶ島第一 (without the level) or the district id. */
function findDistrict(cell: string, city: ImportCity): string | null {
	const c = foldForSearch(cell);
	const level = city.districtLevel ? foldForSearch(city.districtLevel) : null;
	for (const d of city.districts) {
		const name = foldForSearch(d.name);
		if (c === name || c === d.id) return d.id;
		if (level && name.endsWith(level) && c === name.slice(0, -level.length)) return d.id;
		// 小学校区 lists also write the school: 鶴ヶ島第一小学校.
		if (level && name.endsWith(level) && level.endsWith('区') && c === name.slice(0, -1))
			return d.id;
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Plan

/** JSON with object keys sorted: a value read back from the server's jsonb has its keys reordered. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** Whether two field values are the same (whatever order their keys come in). */
export const sameFieldValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
const same = sameFieldValue;

/** The fields an import sets when their column is in the file (the rest are the place's own). */
const COLUMN_FIELDS: [TemplateField, (keyof PlaceFields)[]][] = [
	['name', ['name']],
	['reading', ['reading']],
	['category', ['category']],
	['address', ['address']],
	['schedule', ['scheduleRule']],
	['scheduleNote', ['scheduleNote']],
	['fee', ['fee']],
	['status', ['status']]
];

/**
 * The import plan of a table (rows below `headerRow`). `existing`: the places on this device
 * in the city (pack places too, for duplicates).
 */
export function planImport(
	table: readonly (readonly string[])[],
	headerRow: number,
	mapping: ColumnMapping,
	city: ImportCity,
	existing: readonly ExistingPlace[]
): ImportPlan {
	const byId = new Map(existing.map((p) => [p.id, p]));
	const byName = new Map<string, ExistingPlace[]>();
	for (const p of existing) {
		const key = foldForSearch(p.name);
		byName.set(key, [...(byName.get(key) ?? []), p]);
	}
	const seen = new Map<string, number>();
	const rows: ImportRow[] = [];
	const counts: Record<RowAction, number> = { add: 0, update: 0, same: 0, skip: 0 };

	for (let r = headerRow + 1; r < table.length; r++) {
		const cells = table[r] ?? [];
		const cell = (f: TemplateField) => {
			const i = mapping[f];
			return i === undefined ? '' : (cells[i] ?? '').trim();
		};
		if (cells.every((c) => c.trim() === '')) continue;
		const planned = planRow(r + 1, cell, mapping, city, byId, byName, seen);
		if (planned.placeId && !planned.problems.some(isError)) seen.set(planned.placeId, r + 1);
		counts[planned.action]++;
		rows.push(planned);
	}
	return { rows, counts };
}

function planRow(
	rowNumber: number,
	cell: (f: TemplateField) => string,
	mapping: ColumnMapping,
	city: ImportCity,
	byId: ReadonlyMap<string, ExistingPlace>,
	byName: ReadonlyMap<string, ExistingPlace[]>,
	seen: ReadonlyMap<string, number>
): ImportRow {
	const problems: RowProblem[] = [];
	const add = (code: ProblemCode, params: Record<string, string | number> = {}) =>
		problems.push({ code, params });
	const name = cell('name');
	const address = cell('address');
	const result: ImportRow = {
		row: rowNumber,
		name,
		address,
		placeId: null,
		action: 'skip',
		fields: null,
		changes: {},
		town: null,
		problems
	};

	if (name === '') add('missingName');
	const idCell = cell('id').toLowerCase();
	if (idCell !== '' && !UUID_PATTERN.test(idCell)) add('badId', { value: cell('id') });
	const placeId =
		idCell !== '' && UUID_PATTERN.test(idCell)
			? idCell
			: name !== ''
				? importedPlaceId(city.packId, rowKey({ number: cell('number'), name, address }))
				: null;
	result.placeId = placeId;
	const current = placeId ? (byId.get(placeId) ?? null) : null;

	const category = readCategory(cell('category'));
	if (category === null) add('unknownCategory', { value: cell('category') });
	const status = readStatus(cell('status'));
	if (status === null) add('unknownStatus', { value: cell('status') });

	const schedule = readSchedule(cell('schedule'));
	let scheduleRule: ScheduleRule | null = null;
	if (schedule === undefined) add('badSchedule', { value: cell('schedule') });
	else if (schedule.days) {
		const startCell = readTime(cell('start'));
		const endCell = readTime(cell('end'));
		const start = startCell ?? schedule.start;
		const end = endCell ?? schedule.end;
		if (startCell === undefined || endCell === undefined || !start || !end || end <= start) {
			add('badTime', {
				start: cell('start') || (schedule.start ?? ''),
				end: cell('end') || (schedule.end ?? '')
			});
		} else scheduleRule = { ...schedule.days, start, end } as ScheduleRule;
	}

	// Where: the address's 町丁目 gives the point (the pack's representative point) and, unless
	// the district column says otherwise, the district.
	const town = address ? townOfAddress(address, city.towns, city.municipality) : null;
	result.town = town?.name ?? null;
	if (address === '') add('noAddress');
	else if (!town) add('addressNotFound', { address });
	const districtCell = cell('district');
	let districtId =
		districtCell !== '' ? findDistrict(districtCell, city) : (town?.districtId ?? null);
	if (districtCell !== '' && !districtId) add('unknownDistrict', { value: districtCell });
	const sameAddress =
		current?.fields != null &&
		foldForSearch(current.fields.address ?? '') === foldForSearch(address);
	const keepsDistrict = sameAddress && districtCell === '' && current?.fields?.districtId;
	if (city.districts.length > 0 && !districtId && !keepsDistrict && districtCell === '') {
		add('noDistrict');
	}
	if (city.districts.length === 0) districtId = null;

	if (placeId && seen.has(placeId)) add('duplicateInFile', { row: seen.get(placeId)! });
	const twin = (byName.get(foldForSearch(name)) ?? []).find(
		(p) =>
			p.id !== placeId &&
			(!p.address ||
				!address ||
				townOfAddress(p.address, city.towns, city.municipality)?.name === town?.name)
	);
	if (name !== '' && twin) add('duplicateExisting', { name: twin.name });

	if (problems.some(isError) || !placeId || !category || !status) return result;

	const fields: PlaceFields = {
		name,
		reading: cell('reading') || null,
		category,
		point: town?.point ?? null,
		districtId,
		address: address || null,
		scheduleRule,
		scheduleNote: cell('scheduleNote') || null,
		audience: [],
		accessibility: [],
		activityKinds: [],
		registeredMembers: {},
		fee: cell('fee') || null,
		contact: null,
		contactConsent: false,
		status
	};
	const checked = placeFieldsSchema.safeParse(fields);
	if (!checked.success) {
		add('invalid', {
			fields: [...new Set(checked.error.issues.map((i) => String(i.path[0])))].join(', ')
		});
		return result;
	}
	result.fields = checked.data;

	if (!current?.fields) {
		result.action = 'add';
		result.changes = checked.data;
		return result;
	}
	// An update sets what the file's columns say; the place's other fields are its own.
	const changes: Partial<PlaceFields> = {};
	const was = current.fields;
	const set = <K extends keyof PlaceFields>(k: K) => {
		if (!same(was[k], checked.data[k])) changes[k] = checked.data[k];
	};
	for (const [column, keys] of COLUMN_FIELDS) if (mapping[column] !== undefined) keys.forEach(set);
	if (!(sameAddress && was.point)) set('point');
	if (districtCell !== '' || !(sameAddress && was.districtId)) set('districtId');
	result.changes = changes;
	result.action = Object.keys(changes).length > 0 ? 'update' : 'same';
	return result;
}
