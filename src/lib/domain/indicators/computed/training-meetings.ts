/** No. 13 (鶴ヶ島): training sessions and case-study meetings held in the year. */
import { defineComputation } from './define';
import type { ComputedFigure } from './types';
import { countFigure, type CountingYear } from './year';

export const computation = defineComputation({
	id: 'training-meetings',
	valueKind: 'number',
	query: 'meetings(kind in training, case-study, not cancelled, held in FY).count',
	definition: {
		ja: 'その年度に開催した研修会・事例検討会の回数（中止した会議は除く）。',
		en: 'Training sessions and case-study meetings held in the fiscal year (cancelled ones excluded).'
	},
	countsCategories: [],
	compute(year: CountingYear): ComputedFigure {
		return countFigure(
			'training-meetings',
			year.districtIds,
			year.heldOfKind('training', 'case-study')
		);
	}
});
