/**
 * How a place's facts read in words, shared by the list card, the place page, the district
 * page and handout, and the map's popup (which builds DOM by hand, so it cannot use a
 * component). Every word and separator comes from the message catalogs: Japanese lists are
 * joined with 「・」, English ones with commas.
 */
import type { ShelterDesignation } from '#lib/domain/model.js';
import type { Translate } from '#lib/i18n/messages.js';

export const joinList = (t: Translate, items: readonly string[]): string =>
	items.join(t('list.sep'));

/**
 * The city's designations of a shelter site in plain words, one line each, both when both:
 * 指定避難所 (a building to stay in) and 指定緊急避難場所 (where to flee to), the latter with
 * the hazards it is designated for. An open space designated only as an emergency site must
 * never read as a place to stay.
 */
export function shelterLines(t: Translate, shelter: ShelterDesignation | null): string[] {
	if (!shelter) return [];
	const lines: string[] = [];
	if (shelter.evacuationShelter) lines.push(t('shelter.evacuationShelter'));
	if (shelter.emergencySite) {
		const designation = t('shelter.emergencySite');
		lines.push(
			shelter.hazards.length > 0
				? t('shelter.forHazards', {
						designation,
						hazards: joinList(
							t,
							shelter.hazards.map((h) => t(`hazard.${h}`))
						)
					})
				: designation
		);
	}
	return lines;
}
