/**
 * The salon list template: the columns a 社協's list of salons has (its own Excel file, or the
 * one this app exports), which place field each fills, and how a file's headers are matched to
 * them. Headers are the 社協's Japanese whatever the screen's language: the file is theirs.
 * A person maps the columns once; the mapping is kept by header text, so next month's file
 * with the same headers maps itself (client/db/import-prefs.ts stores it).
 */
export const TEMPLATE_FIELDS = [
	'id',
	'number',
	'name',
	'reading',
	'category',
	'district',
	'address',
	'schedule',
	'start',
	'end',
	'scheduleNote',
	'fee',
	'status'
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** The header the export writes for each field (the district's is the city's level name). */
export const TEMPLATE_HEADERS: Record<TemplateField, string> = {
	id: 'アプリID',
	number: '番号',
	name: '名称',
	reading: 'ふりがな',
	category: '種別',
	district: '地区',
	address: '住所',
	schedule: '開催日',
	start: '開始',
	end: '終了',
	scheduleNote: '備考',
	fee: '参加費',
	status: '状況'
};

/** Other headers 社協 lists use for the same thing (folded: NFKC, no spaces). */
const SYNONYMS: Record<TemplateField, readonly string[]> = {
	id: ['アプリid', 'id', 'ibashoid'],
	number: ['番号', 'no', 'no.', '№', '管理番号', '登録番号', 'サロン番号'],
	name: ['名称', 'サロン名', '団体名', '名前', 'サロン名称', '居場所名'],
	reading: ['ふりがな', 'フリガナ', 'よみがな', '読み'],
	category: ['種別', '種類', '区分'],
	district: ['地区', '校区', '小学校区', '中学校区', '地域', '学区'],
	address: ['住所', '所在地', '会場住所', '開催場所住所'],
	schedule: ['開催日', '開催', '開催日程', '日程', '開催曜日'],
	start: ['開始', '開始時刻', '開始時間'],
	end: ['終了', '終了時刻', '終了時間'],
	scheduleNote: ['備考', '開催日の補足', '補足'],
	fee: ['参加費', '会費', '費用'],
	status: ['状況', '活動状況', '状態']
};

/** Column index of each field in the file; a field not in the file is absent. */
export type ColumnMapping = Partial<Record<TemplateField, number>>;
/** What is remembered on the device: the header text each field was mapped from. */
export type RememberedMapping = Partial<Record<TemplateField, string>>;

export const foldHeader = (s: string): string =>
	s.normalize('NFKC').replace(/\s/gu, '').toLowerCase();

/** Whether a header names a field (its template header or one of the usual others). */
function namesField(header: string, field: TemplateField, districtLevel: string | null): boolean {
	const h = foldHeader(header);
	if (h === '') return false;
	if (SYNONYMS[field].some((s) => foldHeader(s) === h)) return true;
	return field === 'district' && districtLevel !== null && h === foldHeader(districtLevel);
}

/**
 * The header row: the first of the top rows where at least two cells name template fields
 * (a title row above the header, as the export writes, is passed over); else the first row.
 */
export function findHeaderRow(
	table: readonly (readonly string[])[],
	districtLevel: string | null = null
): number {
	for (let r = 0; r < Math.min(table.length, 10); r++) {
		const hits = (table[r] ?? []).filter((cell) =>
			TEMPLATE_FIELDS.some((f) => namesField(cell, f, districtLevel))
		).length;
		if (hits >= 2) return r;
	}
	return Math.max(
		0,
		table.findIndex((r) => r.some((c) => c !== ''))
	);
}

/**
 * The mapping for a header row: a remembered header first (the person's choice), then the
 * template's and usual headers. A column is used for one field only.
 */
export function guessMapping(
	headers: readonly string[],
	remembered: RememberedMapping = {},
	districtLevel: string | null = null
): ColumnMapping {
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	const take = (field: TemplateField, index: number) => {
		if (index < 0 || used.has(index) || mapping[field] !== undefined) return;
		mapping[field] = index;
		used.add(index);
	};
	for (const field of TEMPLATE_FIELDS) {
		const header = remembered[field];
		if (header !== undefined)
			take(
				field,
				headers.findIndex((h) => foldHeader(h) === foldHeader(header))
			);
	}
	for (const field of TEMPLATE_FIELDS) {
		take(
			field,
			headers.findIndex((h, i) => !used.has(i) && namesField(h, field, districtLevel))
		);
	}
	return mapping;
}

/** The mapping as remembered: each mapped field's header text. */
export function rememberMapping(
	headers: readonly string[],
	mapping: ColumnMapping
): RememberedMapping {
	const out: RememberedMapping = {};
	for (const field of TEMPLATE_FIELDS) {
		const i = mapping[field];
		if (i !== undefined && headers[i] !== undefined && headers[i] !== '') out[field] = headers[i];
	}
	return out;
}
