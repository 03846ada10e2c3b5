/**
 * The dashboard's areas: each priority measure and each basic policy, named in the plan's own
 * words (its level names come from the plan, not from code). An indicator belongs to the area
 * of its measure (`measureArea`).
 */
import { measureArea, type Indicator, type PlanStructure } from '#lib/domain/indicators/model.js';
import type { Lang, Translate } from '#lib/i18n/messages.js';

export interface PlanArea {
	code: string;
	label: string;
}

export function planAreas(structure: PlanStructure, lang: Lang, t: Translate): PlanArea[] {
	const { levels, priorityMeasures, policies } = structure;
	return [
		...priorityMeasures.map((m) => ({
			code: m.code,
			// One priority measure needs no code (重点施策：…); several are told apart by theirs.
			label:
				priorityMeasures.length === 1
					? t('ind.areaLevel', { level: levels.priority[lang], name: m.name })
					: t('ind.areaCoded', { level: levels.priority[lang], code: m.code, name: m.name })
		})),
		...policies.map((p) => ({
			code: p.numeral,
			label: t('ind.areaCoded', { level: levels.policy[lang], code: p.numeral, name: p.name })
		}))
	];
}

/** The area an indicator belongs to ('' when its measure is in none). */
export const areaOf = (structure: PlanStructure, ind: Indicator): string =>
	measureArea(structure, ind.measure) ?? '';
