/**
 * The city's list of registered places in the import template (salon-template.ts), for the
 * 社協's Excel: what the import reads back, row for row. Its アプリID column lets an edited
 * export update the same places when imported again.
 */
import { WEEKDAY_JA } from '../schedule';
import type { ScheduleRule } from '../records';
import type { PlaceFields } from '../sync/protocol';
import { CATEGORY_LABELS, STATUS_LABELS } from './cell-readers';
import { TEMPLATE_FIELDS, TEMPLATE_HEADERS, type TemplateField } from './salon-template';

/** 毎月第2・第4火曜 / 毎週月・木曜: the 開催日 cell, as readSchedule reads it. */
export function scheduleDaysText(rule: ScheduleRule | null | undefined): string {
	if (!rule) return '';
	if (rule.kind === 'weekly') return `毎週${rule.weekdays.map((d) => WEEKDAY_JA[d]).join('・')}曜`;
	return `毎月${rule.nths.map((n) => `第${n}`).join('・')}${WEEKDAY_JA[rule.weekday]}曜`;
}

export interface ExportPlace {
	id: string;
	fields: Partial<PlaceFields>;
}

/** Header row, then one row per place, in the template's column order. */
export function salonListRows(
	places: readonly ExportPlace[],
	districts: readonly { id: string; name: string }[],
	districtLevel: string | null
): string[][] {
	const districtName = new Map(districts.map((d) => [d.id, d.name]));
	const fields = TEMPLATE_FIELDS.filter((f) => f !== 'district' || districtLevel !== null);
	const header = fields.map((f) =>
		f === 'district' && districtLevel ? districtLevel : TEMPLATE_HEADERS[f]
	);
	const value = (p: ExportPlace, f: TemplateField): string => {
		const v = p.fields;
		switch (f) {
			case 'id':
				return p.id;
			case 'number':
				return '';
			case 'name':
				return v.name ?? '';
			case 'reading':
				return v.reading ?? '';
			case 'category':
				return v.category ? CATEGORY_LABELS[v.category] : '';
			case 'district':
				return v.districtId ? (districtName.get(v.districtId) ?? '') : '';
			case 'address':
				return v.address ?? '';
			case 'schedule':
				return scheduleDaysText(v.scheduleRule);
			case 'start':
				return v.scheduleRule?.start ?? '';
			case 'end':
				return v.scheduleRule?.end ?? '';
			case 'scheduleNote':
				return v.scheduleNote ?? '';
			case 'fee':
				return v.fee ?? '';
			case 'status':
				return v.status ? STATUS_LABELS[v.status] : '';
		}
	};
	const sorted = [...places].sort((a, b) =>
		(a.fields.name ?? '').localeCompare(b.fields.name ?? '', 'ja')
	);
	return [header, ...sorted.map((p) => fields.map((f) => value(p, f)))];
}
