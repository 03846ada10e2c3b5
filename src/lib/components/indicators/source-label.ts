/**
 * How the indicator screens name where a figure comes from (資料3（p.12）, 福祉政策課の報告).
 * It lives beside the indicator components rather than in the domain because it speaks the
 * work catalog's message keys, which only the /work routes load.
 */
import type { Translate } from '#lib/i18n/messages.js';
import type { Source } from '#lib/domain/indicators/model.js';

/**
 * `full` names a document's section and a report's note; `short` is for the dashboard's
 * cards, where the document id alone is enough (the sources list below names each one).
 */
export type SourceDetail = 'full' | 'short';

export function sourceLabel(t: Translate, source: Source, detail: SourceDetail = 'full'): string {
	const isFull = detail === 'full';
	switch (source.kind) {
		case 'document':
			return isFull && source.section
				? t('ind.source.documentSection', { id: source.document, section: source.section })
				: t('ind.source.document', { id: source.document });
		case 'computed':
			return t('ind.source.computed');
		case 'reported':
			return (
				t('ind.source.reported', { by: source.by }) +
				(isFull && source.note ? `（${source.note}）` : '')
			);
	}
}
