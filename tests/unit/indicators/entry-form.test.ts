import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	checkEntry,
	dataYearLag,
	draftFromRecord,
	entryErrorCount,
	entryFields,
	issueMessageParams,
	recordInput,
	type EntryDraft,
	type EntryIssues
} from '#lib/domain/indicators/entry-form.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import { sameValue, type Indicator, type ValueShape } from '#lib/domain/indicators/model.js';
import { REPO_ROOT } from './seed-text';

const pack = parsePlanPackJson(
	readFileSync(path.join(REPO_ROOT, 'packs/tsurugashima/plan.json'), 'utf8')
);
const indicator = (no: number): Indicator => pack.indicators.find((i) => i.number === no)!;

const typed = (value: string, parts: Record<string, string> = {}, asOf = '') => ({
	value,
	parts,
	asOf
});

function draft(overrides: Partial<EntryDraft> = {}): EntryDraft {
	return {
		fiscalYear: 2024,
		value: '',
		parts: {},
		asOf: '',
		dataYear: '',
		activities: '',
		sourceKind: 'reported',
		reportedBy: '福祉政策課',
		reportedNote: '',
		document: '',
		section: '',
		note: '',
		dirty: true,
		...overrides
	};
}

const NUMBER: ValueShape = { kind: 'number', decimals: 1 };
const SNAPSHOT: ValueShape = {
	kind: 'snapshot',
	at: 'fiscal-year-end',
	decimals: 0,
	suffix: '/年度末時点'
};
const PARTICIPANTS: ValueShape = { kind: 'count-with-participants', participantsUnit: '人' };
const RELATED: ValueShape = {
	kind: 'count-with-related',
	related: { label: '計画策定対象者', unit: '人' }
};
const SERIES: ValueShape = {
	kind: 'series',
	series: [
		{ key: 'male', label: '男性' },
		{ key: 'female', label: '女性' }
	],
	decimals: 2
};

describe('reading what staff type', () => {
	it('reads full-width digits, comma and point as a number', () => {
		expect(checkEntry(NUMBER, typed('３，９３４．５'))).toEqual({
			value: { kind: 'number', value: 3934.5 },
			issues: {}
		});
	});

	it('blames a single field for any issue of the whole value', () => {
		expect(checkEntry(NUMBER, typed('3.55')).issues).toEqual({
			value: [{ code: 'too-many-decimals', severity: 'error' }]
		});
		expect(checkEntry(NUMBER, typed('三千')).issues).toEqual({
			value: [{ code: 'unparseable', severity: 'error' }]
		});
		expect(checkEntry(NUMBER, typed('  ')).issues).toEqual({
			value: [{ code: 'required', severity: 'error' }]
		});
	});

	it('takes a snapshot with its suffix, and its date only when one is given', () => {
		expect(checkEntry(SNAPSHOT, typed('25,770/年度末時点', {}, '2024-03-31')).value).toEqual({
			kind: 'snapshot',
			value: 25770,
			asOf: '2024-03-31'
		});
		expect(checkEntry(SNAPSHOT, typed('25770')).value).toEqual({ kind: 'snapshot', value: 25770 });
	});

	it('reads 8（156人） typed into the two fields, full width and with the unit', () => {
		const parts = { count: '８', participants: '１５６人' };
		expect(checkEntry(PARTICIPANTS, typed('', parts))).toEqual({
			value: { kind: 'count-with-participants', count: 8, participants: 156 },
			issues: {}
		});
	});

	it('leaves the participants empty as null, but never the count', () => {
		expect(checkEntry(PARTICIPANTS, typed('', { count: '8' })).value).toEqual({
			kind: 'count-with-participants',
			count: 8,
			participants: null
		});
		expect(checkEntry(PARTICIPANTS, typed('', { participants: '156' }))).toEqual({
			value: null,
			issues: { count: [{ code: 'required', severity: 'error' }] }
		});
	});

	it('points an unreadable part at that part, not at the number beside it', () => {
		expect(
			checkEntry(PARTICIPANTS, typed('', { count: '8', participants: '156名' })).issues
		).toEqual({ participants: [{ code: 'unparseable', severity: 'error' }] });
	});

	it('points a series missing one value at that series', () => {
		expect(checkEntry(SERIES, typed('', { male: '18.03', female: ' ' }))).toEqual({
			value: null,
			issues: { female: [{ code: 'required', severity: 'error' }] }
		});
	});

	it('points a series issue found by validation at its series', () => {
		expect(checkEntry(SERIES, typed('', { male: '18.03', female: '21.081' }))).toEqual({
			value: null,
			issues: { female: [{ code: 'too-many-decimals', severity: 'error' }] }
		});
		expect(checkEntry(SERIES, typed('', { male: '１８．０３', female: '21.08' })).value).toEqual({
			kind: 'series',
			values: { male: 18.03, female: 21.08 }
		});
	});

	it('warns, without blocking, about a count above its related number', () => {
		const checked = checkEntry(RELATED, typed('', { count: '500', related: '400' }));
		expect(checked.value).toEqual({ kind: 'count-with-related', count: 500, related: 400 });
		expect(checked.issues).toEqual({
			related: [{ code: 'count-exceeds-related', severity: 'warning' }]
		});
		expect(entryErrorCount(draft(), checked.issues)).toBe(0);
	});
});

describe('the form of each shape', () => {
	it('has one field per part, the extra number of a count optional', () => {
		expect(entryFields(NUMBER).map((f) => [f.key, f.required])).toEqual([['value', true]]);
		expect(entryFields(SERIES).map((f) => [f.key, f.required])).toEqual([
			['male', true],
			['female', true]
		]);
		expect(entryFields(RELATED)).toEqual([
			{ key: 'count', role: 'count', required: true },
			{ key: 'related', role: 'related', label: '計画策定対象者', unit: '人', required: false }
		]);
	});

	it('gives issue messages an example that fits one field', () => {
		expect(issueMessageParams(indicator(18))).toEqual({ example: '18.03', label: '' });
		expect(issueMessageParams(indicator(20))).toEqual({ example: '12', label: '計画策定対象者' });
		expect(issueMessageParams(indicator(8)).example).toBe('25,770/年度末時点');
	});
});

describe('starting from the standing record', () => {
	it('guesses No. 18’s data year from its records: two calendar years behind', () => {
		const no18 = indicator(18);
		expect(dataYearLag(no18)).toEqual({ kind: 'calendar', years: 2 });
		expect(draftFromRecord(no18, 2024).dataYear).toBe('2022');
		expect(draftFromRecord(no18, 2022)).toMatchObject({
			dataYear: '2020',
			parts: { male: '17.87', female: '20.83' }
		});
	});

	it('offers no data year for an indicator whose figures are the fiscal year’s own', () => {
		expect(dataYearLag(indicator(1))).toBeNull();
		expect(draftFromRecord(indicator(1), 2024).dataYear).toBe('');
	});

	it('starts an empty year reported by the first department', () => {
		expect(draftFromRecord(indicator(2), 2025)).toMatchObject({
			value: '',
			parts: {},
			sourceKind: 'reported',
			reportedBy: '福祉政策課',
			dirty: false
		});
	});

	it('reads every transcribed record back to the same value', () => {
		for (const ind of pack.indicators) {
			for (const r of ind.records) {
				if (r.value.kind === 'unreadable') continue;
				const d = draftFromRecord(ind, r.fiscalYear);
				const { value } = checkEntry(ind.shape, d);
				expect(value && sameValue(value, r.value), `No. ${ind.number} ${r.fiscalYear}`).toBe(true);
				expect(d.sourceKind).toBe(r.source.kind === 'document' ? 'document' : 'reported');
			}
		}
	});
});

describe('what is recorded', () => {
	it('sends the data year only for an indicator whose figures lag', () => {
		const value = { kind: 'number', value: 3 } as const;
		expect(
			recordInput('plan', indicator(1), draft({ dataYear: '2023' }), value)
		).not.toHaveProperty('dataYear');
		const series = { kind: 'series', values: { male: 18.1, female: 21.2 } } as const;
		expect(recordInput('plan', indicator(18), draft({ dataYear: '2022' }), series)).toMatchObject({
			indicatorNumber: 18,
			fiscalYear: 2024,
			dataYear: { kind: 'calendar', year: 2022 }
		});
	});

	it('trims the source and note and leaves blank optional texts out', () => {
		const value = { kind: 'number', value: 3 } as const;
		expect(
			recordInput(
				'plan',
				indicator(1),
				draft({ reportedBy: ' 福祉政策課 ', reportedNote: ' 月報 ', note: '  ' }),
				value
			)
		).toEqual({
			planId: 'plan',
			indicatorNumber: 1,
			fiscalYear: 2024,
			value,
			activities: '',
			source: { kind: 'reported', by: '福祉政策課', note: '月報' },
			note: null
		});
		const fromDocument = draft({ sourceKind: 'document', document: '001', section: ' ' });
		expect(recordInput('plan', indicator(1), fromDocument, value).source).toEqual({
			kind: 'document',
			document: '001'
		});
	});

	it('counts a missing source as an error of its own', () => {
		expect(entryErrorCount(draft({ reportedBy: ' ' }), {})).toBe(1);
		expect(entryErrorCount(draft({ sourceKind: 'document' }), {})).toBe(1);
		const issues: EntryIssues = {
			count: [{ code: 'required', severity: 'error' }],
			related: [{ code: 'count-exceeds-related', severity: 'warning' }]
		};
		expect(entryErrorCount(draft(), issues)).toBe(1);
	});
});
