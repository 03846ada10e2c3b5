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
import { readCategory, readSchedule, readStatus, readTime } from './cell-readers';
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
