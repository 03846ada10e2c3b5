import { describe, expect, it } from 'vitest';
import {
	calendarYearLabel,
	eraOfCalendarYear,
	eraOfDate,
	eraOfFiscalYear,
	fiscalYearEnd,
	fiscalYearEndInstant,
	fiscalYearLabel,
	fiscalYearOf,
	fiscalYearShortLabel,
	fiscalYearStart,
	isInFiscalYear,
	isIsoDate,
	parseEraDate,
	parseFiscalYear,
	todayInJapan,
	tokyoDateOf,
	westernYear
} from '#lib/domain/fiscal-year.js';

describe('fiscalYearOf', () => {
	it.each([
		['2024-03-31', 2023],
		['2024-04-01', 2024],
		['2023-04-01', 2023],
		['2023-12-31', 2023],
		['2024-01-01', 2023],
		['2024-02-29', 2023],
		['2019-04-30', 2019],
		['2019-05-01', 2019],
		['2019-03-31', 2018],
		['1989-01-08', 1988]
	])('%s is in FY %i', (date, fy) => expect(fiscalYearOf(date)).toBe(fy));

	it('converts instants to the Tokyo date first', () => {
		// 2024-03-31T15:00Z is midnight 2024-04-01 in Tokyo.
		expect(fiscalYearOf(new Date('2024-03-31T15:00:00Z'))).toBe(2024);
		expect(fiscalYearOf(new Date('2024-03-31T14:59:59.999Z'))).toBe(2023);
		expect(fiscalYearOf(Date.parse('2024-04-01T00:00:00+09:00'))).toBe(2024);
		expect(fiscalYearOf(Date.parse('2024-03-31T23:59:59+09:00'))).toBe(2023);
	});

	it('rejects malformed and impossible dates', () => {
		expect(() => fiscalYearOf('2023-02-29')).toThrow(RangeError);
		expect(() => fiscalYearOf('2023-4-1')).toThrow(RangeError);
		expect(() => fiscalYearOf('2023-13-01')).toThrow(RangeError);
		expect(() => fiscalYearOf(new Date('nope'))).toThrow(RangeError);
	});

	it('isInFiscalYear includes both ends', () => {
		expect(isInFiscalYear('2023-04-01', 2023)).toBe(true);
		expect(isInFiscalYear('2024-03-31', 2023)).toBe(true);
		expect(isInFiscalYear('2024-04-01', 2023)).toBe(false);
		expect(isInFiscalYear('2023-03-31', 2023)).toBe(false);
	});
});

describe('fiscal year bounds', () => {
	it('starts on April 1 and ends on March 31 of the next year', () => {
		expect(fiscalYearStart(2023)).toBe('2023-04-01');
		expect(fiscalYearEnd(2023)).toBe('2024-03-31');
		expect(fiscalYearOf(fiscalYearStart(2026))).toBe(2026);
		expect(fiscalYearOf(fiscalYearEnd(2026))).toBe(2026);
	});

	it('rejects non-integer years', () => {
		expect(() => fiscalYearStart(2023.5)).toThrow(RangeError);
		expect(() => fiscalYearEndInstant(2023.5)).toThrow(RangeError);
	});

	it('ends the fiscal year at April 1 00:00 in Japan', () => {
		const end2023 = fiscalYearEndInstant(2023);
		expect(new Date(end2023).toISOString()).toBe('2024-03-31T15:00:00.000Z');
		// The last millisecond before it is still March 31 in Tokyo, FY 2023; the instant is FY 2024.
		expect(fiscalYearOf(end2023 - 1)).toBe(2023);
		expect(fiscalYearOf(end2023)).toBe(2024);
	});
});

describe('todayInJapan', () => {
	it('is the Tokyo calendar date of the instant, nine hours ahead of UTC', () => {
		expect(todayInJapan(Date.parse('2024-03-31T14:59:59Z'))).toBe('2024-03-31');
		expect(todayInJapan(Date.parse('2024-03-31T15:00:00Z'))).toBe('2024-04-01');
		expect(todayInJapan(Date.parse('2024-04-01T00:00:00+09:00'))).toBe('2024-04-01');
	});
});

describe('tokyoDateOf / isIsoDate', () => {
	it('shifts by nine hours', () => {
		expect(tokyoDateOf(new Date('2023-12-31T14:59:59Z'))).toBe('2023-12-31');
		expect(tokyoDateOf(new Date('2023-12-31T15:00:00Z'))).toBe('2024-01-01');
	});
	it('validates leap days', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2100-02-29')).toBe(false);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('2023-04-31')).toBe(false);
	});
});

describe('eras', () => {
	it('changes era between 2019-04-30 and 2019-05-01', () => {
		expect(eraOfDate('2019-04-30')).toEqual({ era: '平成', year: 31 });
		expect(eraOfDate('2019-05-01')).toEqual({ era: '令和', year: 1 });
		expect(eraOfDate(new Date('2019-04-30T15:00:00Z'))).toEqual({ era: '令和', year: 1 });
		expect(eraOfDate('1989-01-08')).toEqual({ era: '平成', year: 1 });
		expect(() => eraOfDate('1989-01-07')).toThrow(RangeError);
	});

	it('names FY 2019 令和元年度 although it began under 平成', () => {
		expect(eraOfFiscalYear(2019)).toEqual({ era: '令和', year: 1 });
		expect(eraOfFiscalYear(2018)).toEqual({ era: '平成', year: 30 });
		expect(eraOfFiscalYear(2023)).toEqual({ era: '令和', year: 5 });
		expect(eraOfFiscalYear(1989)).toEqual({ era: '平成', year: 1 });
		expect(() => eraOfFiscalYear(1988)).toThrow(RangeError);
	});

	it('names calendar years the same way', () => {
		expect(eraOfCalendarYear(2019)).toEqual({ era: '令和', year: 1 });
		expect(eraOfCalendarYear(2020)).toEqual({ era: '令和', year: 2 });
		expect(eraOfCalendarYear(2018)).toEqual({ era: '平成', year: 30 });
	});

	it('converts era years to Western years', () => {
		expect(westernYear('令和', 1)).toBe(2019);
		expect(westernYear('令和', 8)).toBe(2026);
		expect(westernYear('平成', 31)).toBe(2019);
		expect(westernYear('平成', 1)).toBe(1989);
		expect(() => westernYear('令和', 0)).toThrow(RangeError);
	});
});

describe('labels', () => {
	it.each([
		[2023, '令和5年度', '令和5年度（2023年度）', 'R5'],
		[2019, '令和元年度', '令和元年度（2019年度）', 'R1'],
		[2020, '令和2年度', '令和2年度（2020年度）', 'R2'],
		[2026, '令和8年度', '令和8年度（2026年度）', 'R8'],
		[2018, '平成30年度', '平成30年度（2018年度）', 'H30'],
		[2017, '平成29年度', '平成29年度（2017年度）', 'H29'],
		[1989, '平成元年度', '平成元年度（1989年度）', 'H1']
	])('FY %i is %s', (fy, label, western, short) => {
		expect(fiscalYearLabel(fy)).toBe(label);
		expect(fiscalYearLabel(fy, { western: true })).toBe(western);
		expect(fiscalYearShortLabel(fy)).toBe(short);
	});

	it('labels calendar years without 度', () => {
		expect(calendarYearLabel(2019)).toBe('令和元年');
		expect(calendarYearLabel(2020)).toBe('令和2年');
		expect(calendarYearLabel(2024, { western: true })).toBe('令和6年（2024年）');
		expect(calendarYearLabel(2018)).toBe('平成30年');
	});
});

describe('parseFiscalYear', () => {
	it.each([
		['令和5年度', 2023],
		['令和５年度', 2023],
		['令和 5 年度', 2023],
		['令和元年度', 2019],
		['令和8年', 2026],
		['令和5', 2023],
		['R5', 2023],
		['r5', 2023],
		['Ｒ５', 2023],
		['R5年度', 2023],
		['R1', 2019],
		['H30', 2018],
		['平成30年度', 2018],
		['平成31年度', 2019],
		['平成32年度', 2020],
		['平成元年度', 1989],
		['2023', 2023],
		['２０２３', 2023],
		['2023年度', 2023],
		['FY2023', 2023],
		[' 2023 ', 2023]
	])('%s → %i', (input, fy) => expect(parseFiscalYear(input)).toBe(fy));

	it.each([
		'',
		'令和0年度',
		'R0',
		'H0',
		'昭和63年度',
		'1988',
		'2200',
		'23',
		'R',
		'令和五年度',
		'2023-04'
	])('rejects %j', (input) => expect(parseFiscalYear(input)).toBeNull());

	it('round-trips every label it prints', () => {
		for (let fy = 1989; fy <= 2040; fy++) {
			expect(parseFiscalYear(fiscalYearLabel(fy))).toBe(fy);
			expect(parseFiscalYear(fiscalYearShortLabel(fy))).toBe(fy);
		}
	});
});

describe('parseEraDate', () => {
	it.each([
		['R4.4.1', '2022-04-01'],
		['R5.4.1', '2023-04-01'],
		['令和4年4月1日', '2022-04-01'],
		['令和元年5月1日', '2019-05-01'],
		['H31.4.30', '2019-04-30'],
		['平成元年1月8日', '1989-01-08']
	])('%s → %s', (input, iso) => expect(parseEraDate(input)).toBe(iso));

	it.each(['R1.4.30', 'H31.5.1', 'R4.2.30', 'H1.1.7', 'R4-4-1x', '2022-04-01'])(
		'rejects %s',
		(input) => expect(parseEraDate(input)).toBeNull()
	);
});
