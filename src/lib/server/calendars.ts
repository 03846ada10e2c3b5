/**
 * The .ics files behind 「カレンダーに追加」: one per place, one per district (every place of
 * the district that meets on a rule). Each takes the pack it answers for, so a deployment with
 * several cities calls it with the city's pack. Words come from the resident catalogs in the
 * reader's language (the prefs cookie), like the page they came from.
 */
import { todayInJapan } from '#lib/domain/fiscal-year.js';
import { calendarFile, placeEvent } from '#lib/domain/ics.js';
import type { District, Place, PlacePack } from '#lib/domain/model.js';
import type { Translate } from '#lib/i18n/messages.js';

export interface CalendarContext {
	/** ORIGIN when the deployer set it: the only source of absolute URLs (as in open data). */
	origin: string | null;
	now: Date;
	t: Translate;
}

function eventOf(pack: PlacePack, place: Place, ctx: CalendarContext): string[] {
	return placeEvent(place, {
		today: todayInJapan(ctx.now.getTime()),
		now: ctx.now,
		url: ctx.origin ? `${ctx.origin}/places/${encodeURIComponent(place.id)}` : null,
		uidDomain: `${pack.id}.ibasho`
	});
}

export function placeCalendar(pack: PlacePack, place: Place, ctx: CalendarContext): string {
	const description =
		place.status === 'paused'
			? ctx.t('calendar.pausedNote')
			: place.scheduleRule
				? null
				: ctx.t('calendar.noRuleNote');
	return calendarFile({
		name: ctx.t('calendar.placeName', { name: place.name }),
		description,
		events: [eventOf(pack, place, ctx)]
	});
}

export function districtCalendar(
	pack: PlacePack,
	district: District,
	ctx: CalendarContext
): string {
	const places = pack.places.filter((p) => p.districtIds.includes(district.id));
	return calendarFile({
		name: ctx.t('calendar.districtName', { name: district.name }),
		description: ctx.t('calendar.districtNote'),
		events: places.map((p) => eventOf(pack, p, ctx))
	});
}

export function calendarResponse(body: string, fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			// inline: a phone hands it to its calendar app; the name is used when it is saved.
			'content-disposition': `inline; filename="${fileName}"`,
			// The service worker keeps the last copy for offline; a day is as fresh as a subscription asks.
			'cache-control': 'public, max-age=3600',
			'access-control-allow-origin': '*'
		}
	});
}
