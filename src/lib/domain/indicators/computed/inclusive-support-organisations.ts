/** No. 16 (鶴ヶ島): distinct organisations at the year’s inclusive-support meetings (variant spellings folded). */
import { defineComputation } from './define';
import { foldForSearch } from '../../text-fold';
import type { ComputedFigure } from './types';
import { emptyByDistrict, num, type CountingYear } from './year';

export const computation = defineComputation({
	id: 'inclusive-support-organisations',
	valueKind: 'number',
	query:
		'tallies(meeting kind=inclusive-support, not cancelled, held in FY).organisations.distinct',
	definition: {
		ja: 'その年度の包括的支援体制の会議に参加した部署・機関の数（同じ名前は1つとして数えます）。',
		en: 'Departments and organisations that took part in the inclusive-support meetings of the fiscal year (the same name counts once).'
	},
	countsCategories: [],
	compute(year: CountingYear): ComputedFigure {
		const key = (name: string) => foldForSearch(name).replace(/\s+/g, '');
		const total = new Set<string>();
		const per = new Map<string, Set<string>>(year.districtIds.map((d) => [d, new Set()]));
		for (const m of year.heldOfKind('inclusive-support')) {
			for (const t of m.tallies) {
				for (const name of t.organisations) {
					const k = key(name);
					if (!k) continue;
					total.add(k);
					for (const d of m.districtIds) per.get(d)?.add(k);
				}
			}
		}
		return {
			computation: 'inclusive-support-organisations',
			value: num(total.size),
			byDistrict: {
				...emptyByDistrict(year.districtIds, () => num(0)),
				...Object.fromEntries([...per].map(([d, s]) => [d, num(s.size)]))
			}
		};
	}
});
