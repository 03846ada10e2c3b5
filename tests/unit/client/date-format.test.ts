import { describe, expect, it } from 'vitest';
import { dateFormat } from '#lib/i18n/date-format.js';

describe('dates as people read them', () => {
	it('Japanese: a day with its weekday, a full date in the era', () => {
		const f = dateFormat('ja');
		expect(f.day('2026-12-08')).toBe('12月8日(火)');
		expect(f.day('2027-01-01')).toBe('1月1日(金)');
		expect(f.full('2026-12-08')).toBe('令和8年12月8日');
		expect(f.full('2019-05-01')).toBe('令和元年5月1日');
		expect(f.full('2019-04-30')).toBe('平成31年4月30日');
	});

	it('English: the same days in English order', () => {
		const f = dateFormat('en');
		expect(f.day('2026-12-08')).toBe('Tue 8 Dec');
		expect(f.full('2026-12-08')).toBe('8 December 2026');
	});

	it('the app version: a build timestamp becomes its date and time in Japan; a name stays', () => {
		// 2026-12-07T20:12:15Z is 12月8日 05:12 in Japan.
		const stamp = String(Date.UTC(2026, 11, 7, 20, 12, 15));
		expect(dateFormat('ja').build(stamp)).toBe('令和8年12月8日 05:12 版');
		expect(dateFormat('en').build(stamp)).toBe('built 8 December 2026, 05:12 (Japan time)');
		expect(dateFormat('ja').build('1.4.0')).toBe('1.4.0');
	});

	it('an instant of a record’s history: its day and time in Japan', () => {
		expect(dateFormat('ja').at('2026-12-07T20:12:15Z')).toBe('12月8日(火) 05:12');
		expect(dateFormat('en').at('2026-12-07T20:12:15Z')).toBe('Tue 8 Dec 05:12');
	});
});
