/** No. 5 (鶴ヶ島), No. 25 (所沢 高齢者の通いの場): salons approved and active at the year’s end. */
import { defineComputation } from './define';
import type { ComputedFigure } from './types';
import { countFigure, placeStateAt, type CountingYear } from './year';

export const computation = defineComputation({
	id: 'active-salons',
	valueKind: 'number',
	query: 'places(category=salon, approved, active at FY end).count',
	definition: {
		ja: '年度末（3月31日の終わり）時点で承認済み・活動中のふれあい・いきいきサロンの数。休止・終了したサロンは含みません。',
		en: 'Salons approved and active at the end of the fiscal year (end of March 31). Paused and closed salons are not counted.'
	},
	countsCategories: ['salon'],
	compute(year: CountingYear): ComputedFigure {
		const active = year.input.places
			.map((p) => placeStateAt(p, year.endInstant))
			.filter(
				(s): s is NonNullable<typeof s> =>
					s !== null &&
					s.category === 'salon' &&
					s.moderation === 'approved' &&
					s.status === 'active'
			);
		return countFigure('active-salons', year.districtIds, active);
	}
});
