/**
 * A staff entry (or an adopted computed figure) stands for its year without erasing the figure
 * transcribed from the plan's documents: the effective record keeps it as `replaced`, and the
 * year's history starts with it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withEntries, yearHistory, type IndicatorEntry } from '#lib/domain/indicators/entries.js';
import { parsePlanPackJson } from '#lib/domain/indicators/load-plan.js';
import { formatIndicatorValue } from '#lib/domain/indicators/model.js';
import { encodeHlc } from '#lib/domain/sync/hlc.js';
import { uuidv7 } from '#lib/domain/sync/uuid.js';
import { REPO_ROOT } from './seed-text';

const FILE = path.join(REPO_ROOT, 'packs/tsurugashima/plan.json');
const text = readFileSync(FILE, 'utf8');
const pack = parsePlanPackJson(text, FILE);
const no2 = pack.indicators.find((i) => i.number === 2)!;
const node = uuidv7();

/** No. 2 令和5年度 adopted from the app's records (a generated figure, not the city's). */
const adopted = (wall: number, participants: number): IndicatorEntry => ({
	entryId: uuidv7(),
	planId: 'tsurugashima',
	indicatorNumber: 2,
	fiscalYear: 2023,
	at: encodeHlc({ wall, counter: 0, node }),
	value: { kind: 'count-with-participants', count: 9, participants },
	activities: '',
	source: { kind: 'computed', query: 'meetings(kind=area-meeting, held in FY).count' },
	note: null,
	recordedBy: 'staff@example.test'
});

describe('withEntries', () => {
	it('keeps the document figure an adopted one replaced (No. 2 R5 8（138人）)', () => {
		const plan = withEntries(pack, 'tsurugashima', [adopted(1_700_000_000_000, 141)]);
		const ind = plan.indicators.find((i) => i.number === 2)!;
		const r = ind.records.find((x) => x.fiscalYear === 2023)!;
		expect(formatIndicatorValue(ind.shape, r.value)).toBe('9（141人）');
		expect(r.source.kind).toBe('computed');
		expect(r.replaced).toMatchObject({
			source: { kind: 'document', document: '001' },
			recordedBy: no2.records.find((x) => x.fiscalYear === 2023)!.recordedBy
		});
		expect(formatIndicatorValue(ind.shape, r.replaced!.value)).toBe('8（138人）');
		// A year the documents did not report has nothing replaced.
		const later = withEntries(pack, 'tsurugashima', [
			{ ...adopted(1_700_000_000_000, 50), fiscalYear: 2024 }
		]).indicators.find((i) => i.number === 2)!;
		expect(later.records.find((x) => x.fiscalYear === 2024)!.replaced).toBeUndefined();
	});

	it('does not let a pack carry a `replaced` figure of its own', () => {
		const json = JSON.parse(text) as { indicators: { records: Record<string, unknown>[] }[] };
		const record = json.indicators[1]!.records[1]!;
		record.replaced = {
			value: record.value,
			source: record.source,
			recordedBy: 'x',
			recordedAt: '2024-01-01T00:00:00+09:00'
		};
		expect(() => parsePlanPackJson(JSON.stringify(json), FILE)).toThrow(/replaced/);
	});
});

describe('yearHistory', () => {
	it('starts with the transcribed record, then the entries in stamp order, the latest standing', () => {
		const first = adopted(1_700_000_000_000, 141);
		const second = adopted(1_700_000_500_000, 143);
		const items = yearHistory(no2, 2023, [second, first]);
		expect(items.map((i) => i.kind)).toEqual(['transcribed', 'entry', 'entry']);
		expect(items[0]!.kind === 'transcribed' && items[0]!.record.source).toMatchObject({
			kind: 'document',
			document: '001'
		});
		expect(items.map((i) => i.standing)).toEqual([false, false, true]);
		expect(items[2]!.kind === 'entry' && items[2]!.entry.entryId).toBe(second.entryId);
	});

	it('shows the transcribed record as standing while no one has entered the year', () => {
		expect(yearHistory(no2, 2023, []).map((i) => [i.kind, i.standing])).toEqual([
			['transcribed', true]
		]);
		expect(yearHistory(no2, 2025, [])).toEqual([]);
	});
});
