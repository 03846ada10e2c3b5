/** No. 2 (鶴ヶ島): area meetings (地域別懇談会) held, with their attendance summed over every device’s tally. */
import { defineComputation } from './define';
import { sumTallies, type Tally } from '../../records';
import type { ComputedFigure, MeetingFacts } from './types';
import type { CountingYear } from './year';

export const computation = defineComputation({
	id: 'area-meetings',
	valueKind: 'count-with-participants',
	query: 'meetings(kind=area-meeting, not cancelled, held in FY).count + tallies.total',
	definition: {
		ja: 'その年度に開催した地域別懇談会の回数（中止した会議は除く）と、各端末の集計（重複なし）を合計した参加人数。',
		en: 'Area meetings (地域別懇談会) held in the fiscal year (cancelled ones excluded), and their attendance summed over every device’s tally, each counted once.'
	},
	countsCategories: [],
	compute(year: CountingYear): ComputedFigure {
		const area = year.heldOfKind('area-meeting');
		const attendance = (m: MeetingFacts) => sumTallies(m.tallies as Tally[]).total;
		const per = new Map<string, { count: number; participants: number }>(
			year.districtIds.map((d) => [d, { count: 0, participants: 0 }])
		);
		for (const m of area) {
			for (const d of new Set(m.districtIds)) {
				const slot = per.get(d);
				if (slot) {
					slot.count += 1;
					slot.participants += attendance(m);
				}
			}
		}
		const cwp = (count: number, participants: number) => ({
			kind: 'count-with-participants' as const,
			count,
			participants
		});
		return {
			computation: 'area-meetings',
			value: cwp(
				area.length,
				area.reduce((s, m) => s + attendance(m), 0)
			),
			byDistrict: Object.fromEntries([...per].map(([d, v]) => [d, cwp(v.count, v.participants)]))
		};
	}
});
