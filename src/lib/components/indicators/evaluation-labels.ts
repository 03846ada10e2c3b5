/**
 * Message-key ids of the evaluation marks and directions: the catalogs key them in ASCII
 * (`eval.mark.double`), the model and the tables keep the symbols and words the evaluation
 * tables print (◎, 見直し).
 */
import type { EvaluationDirection, EvaluationMark } from '#lib/domain/indicators/model.js';

export const MARK_IDS: Record<EvaluationMark, 'double' | 'circle' | 'triangle' | 'cross'> = {
	'◎': 'double',
	'○': 'circle',
	'△': 'triangle',
	'×': 'cross'
};

export const DIRECTION_IDS: Record<EvaluationDirection, 'expand' | 'continue' | 'review' | 'end'> =
	{
		拡充: 'expand',
		継続: 'continue',
		見直し: 'review',
		廃止: 'end'
	};
