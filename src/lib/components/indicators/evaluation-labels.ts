/**
 * How the evaluation marks and directions read on the staff screens: in the plan's own words
 * (plan.json `evaluation`), never the code's. A mark shows with its meaning (`◎ 計画以上に進んだ`);
 * a direction by its label, in English with the plan's word beside it (`Expand (拡充)`). A code
 * the plan does not list (an older record) shows as it is.
 */
import type { EvaluationVocabulary } from '#lib/domain/indicators/model.js';

type Lang = 'ja' | 'en';
type Direction = EvaluationVocabulary['directions'][number];

export function markText(vocabulary: EvaluationVocabulary, mark: string, lang: Lang): string {
	const meaning = vocabulary.marks.find((m) => m.code === mark)?.meaning[lang];
	return meaning ? `${mark} ${meaning}` : mark;
}

export function directionLabel(direction: Pick<Direction, 'code' | 'label'>, lang: Lang): string {
	const label = direction.label[lang];
	return lang === 'ja' || label === direction.code ? label : `${label} (${direction.code})`;
}

export function directionText(
	vocabulary: EvaluationVocabulary,
	direction: string,
	lang: Lang
): string {
	const entry = vocabulary.directions.find((d) => d.code === direction);
	return entry ? directionLabel(entry, lang) : direction;
}
