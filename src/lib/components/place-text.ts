/**
 * How a place's facts read in words, shared by the list card, the place page, the district
 * page and handout, and the map's popup (which builds DOM by hand, so it cannot use a
 * component). Every word and separator comes from the message catalogs: Japanese lists are
 * joined with 「・」, English ones with commas.
 */
import type { ShelterDesignation } from '#lib/domain/model.js';
import type { RubyTranslate, Translate } from '#lib/i18n/messages.js';
import { plainParams, plainText, type RubyText } from '#lib/i18n/ruby-text.js';

export const joinList = (t: Translate, items: readonly string[]): string =>
	items.join(t('list.sep'));

/** `joinList` for words with readings (やさしい日本語). */
export const joinRuby = (rt: RubyTranslate, items: readonly RubyText[]): RubyText =>
	items.flatMap((item, i) => (i === 0 ? item : [...rt('list.sep'), ...item]));

/**
 * The city's designations of a shelter site in plain words, one line each, both when both:
 * 指定避難所 (a building to stay in) and 指定緊急避難場所 (where to flee to), the latter with
 * the hazards it is designated for. An open space designated only as an emergency site must
 * never read as a place to stay.
 */
export function shelterRubyLines(
	rt: RubyTranslate,
	shelter: ShelterDesignation | null
): RubyText[] {
	if (!shelter) return [];
	const lines: RubyText[] = [];
	if (shelter.evacuationShelter) lines.push(rt('shelter.evacuationShelter'));
	if (shelter.emergencySite) {
		const designation = rt('shelter.emergencySite');
		lines.push(
			shelter.hazards.length > 0
				? rt('shelter.forHazards', {
						designation,
						hazards: joinRuby(
							rt,
							shelter.hazards.map((h) => rt(`hazard.${h}`))
						)
					})
				: designation
		);
	}
	return lines;
}

/** The same lines as plain text (the map's popup, the handout's cell, link previews). */
export const shelterLines = (t: Translate, shelter: ShelterDesignation | null): string[] =>
	shelterRubyLines((key, params) => [t(key, params && plainParams(params))], shelter).map(
		plainText
	);
