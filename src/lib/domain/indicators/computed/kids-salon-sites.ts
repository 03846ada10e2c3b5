/** No. 6 (鶴ヶ島): approved children’s salons that held at least one session in the year. */
import { defineComputation } from './define';
import type { ComputedFigure } from './types';
import { countFigure, type CountingYear } from './year';

export const computation = defineComputation({
	id: 'kids-salon-sites',
	valueKind: 'number',
	query: 'places(category=kids-salon, approved, ≥1 session in FY).count',
	definition: {
		ja: 'その年度に1回以上開催を記録した承認済みの子どもサロンの数。地区別の設置状況（何地区中何地区）も示します。',
		en: 'Approved children’s salons that logged at least one session in the fiscal year, with district coverage (districts with a site / all districts).'
	},
	countsCategories: ['kids-salon'],
	compute(year: CountingYear): ComputedFigure {
		const sites = year.input.places
			.filter(
				(p) =>
					p.current.category === 'kids-salon' &&
					p.current.moderation === 'approved' &&
					(year.sessionsByPlace.get(p.id)?.sessions ?? 0) > 0
			)
			.map((p) => ({ districtIds: p.current.districtIds }));
		return countFigure('kids-salon-sites', year.districtIds, sites, true);
	}
});
