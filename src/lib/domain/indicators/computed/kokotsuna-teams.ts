/** No. 9 (鶴ヶ島): ここつなネット teams standing at the year’s end. */
import { defineComputation } from './define';
import type { ComputedFigure, TeamVersion } from './types';
import { countFigure, teamStateAt, type CountingYear } from './year';

export const computation = defineComputation({
	id: 'kokotsuna-teams',
	valueKind: 'number',
	query: 'teams(version in effect at FY end, not deleted, formed by FY end).count',
	definition: {
		ja: '年度末（3月31日の終わり）時点で結成済みで、解散していないここつなネット個別チームの数。年度末より後に記録した解散は、その年度の数を変えません。',
		en: 'ここつなネット teams formed and not dissolved at the end of the fiscal year (end of March 31). A dissolution recorded after the year ended does not change that year’s count.'
	},
	countsCategories: [],
	compute(year: CountingYear): ComputedFigure {
		const teams = year.input.teams
			.map((t) => teamStateAt(t, year.endInstant))
			.filter((v): v is TeamVersion => v !== null && !v.deleted && v.formedOn <= year.end)
			.map((v) => ({ districtIds: [v.districtId] }));
		return countFigure('kokotsuna-teams', year.districtIds, teams);
	}
});
