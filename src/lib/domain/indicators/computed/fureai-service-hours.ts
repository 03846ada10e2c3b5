/** No. 10 (鶴ヶ島): hours logged on ふれあいサービス activities in the year; a salon’s never count. */
import { defineComputation } from './define';
import type { ComputedFigure } from './types';
import { num, roundToTenth, type CountingYear } from './year';

export const computation = defineComputation({
	id: 'fureai-service-hours',
	valueKind: 'number',
	query:
		'sessions(place category=fureai-service, approved, latest version, not deleted, held in FY).sum(hours)',
	definition: {
		ja: 'その年度に「ふれあいサービス」として登録した活動（社会福祉協議会の利用会員・協力会員による住民同士の生活支援）に記録した活動時間の合計（訂正は最新の版のみ、削除分は除く）。サロンなどの活動時間は含みません。小数第1位に四捨五入。',
		en: 'Sum of the hours logged in the fiscal year on activities registered as ふれあいサービス (the social welfare council’s mutual help between member residents), latest correction only, deleted ones excluded. Salon hours are not included. Rounded to one decimal.'
	},
	countsCategories: ['fureai-service'],
	compute(year: CountingYear): ComputedFigure {
		const per = new Map<string, number>(year.districtIds.map((d) => [d, 0]));
		let total = 0;
		for (const s of year.input.sessions) {
			const place = year.placeById.get(s.placeId);
			if (place?.current.category !== 'fureai-service') continue;
			if (place.current.moderation !== 'approved') continue;
			total += s.hours;
			for (const d of new Set(place.current.districtIds)) {
				if (per.has(d)) per.set(d, per.get(d)! + s.hours);
			}
		}
		return {
			computation: 'fureai-service-hours',
			value: num(roundToTenth(total)),
			byDistrict: Object.fromEntries([...per].map(([d, h]) => [d, num(roundToTenth(h))]))
		};
	}
});
