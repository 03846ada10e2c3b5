/**
 * The paperwork's figures and verdicts in words and sheets, one wording for the screen, the
 * printed report and the XLSX (so the three never disagree). Takes a translator: the page's
 * (i18n.t) in the browser.
 */
import { fiscalYearLabel } from '#lib/domain/fiscal-year.js';
import type { GrantRules } from '#lib/domain/paperwork/grant-rules.js';
import type { GrantShortfall, GrantVerdict, SalonYear } from '#lib/domain/paperwork/salon-year.js';
import type { XlsxCell, XlsxSheet } from '#lib/export/xlsx.js';
import type { DateFormat } from './date-format';
import { isMessageKey, type Lang, type Translate } from './messages';

/** 令和7年度（2025年度） / FY2025 (令和7年度). */
export const fiscalYearText = (fy: number, lang: Lang) =>
	lang === 'ja' ? fiscalYearLabel(fy, { western: true }) : `FY${fy} (${fiscalYearLabel(fy)})`;

const categoryName = (t: Translate, id: string) => {
	const key = `category.${id}`;
	return isMessageKey(key) ? t(key) : id;
};

/** The rules as one line each (what the 社協 asks). */
export function rulesText(rules: GrantRules, t: Translate): string[] {
	const lines = [
		rules.minParticipantsPerSession === undefined
			? t('year.grant.rule.sessions', { count: rules.minSessionsPerYear })
			: t('year.grant.rule.sessionsWith', {
					count: rules.minSessionsPerYear,
					min: rules.minParticipantsPerSession
				})
	];
	if (rules.minAverageParticipants !== undefined) {
		lines.push(t('year.grant.rule.average', { min: rules.minAverageParticipants }));
	}
	lines.push(
		t('year.grant.rule.categories', {
			categories: rules.countedCategories.map((c) => categoryName(t, c)).join(t('list.sep'))
		})
	);
	return lines;
}

export function shortfallText(s: GrantShortfall, t: Translate): string {
	switch (s.kind) {
		case 'category':
			return t('year.grant.short.category', {
				category: categoryName(t, s.category),
				counted: s.counted.map((c) => categoryName(t, c)).join(t('list.sep'))
			});
		case 'sessions':
			return s.minParticipants === undefined
				? t('year.grant.short.sessions', { counted: s.counted, needed: s.needed })
				: t('year.grant.short.sessionsWith', {
						counted: s.counted,
						needed: s.needed,
						min: s.minParticipants
					});
		case 'average':
			return s.actual === null
				? t('year.grant.short.averageNone', { needed: s.needed })
				: t('year.grant.short.average', { actual: s.actual.toFixed(1), needed: s.needed });
	}
}

export const verdictText = (v: GrantVerdict, t: Translate) =>
	t(v.met ? 'year.grant.met' : 'year.grant.notMet');

/** The salon's year as one printable sheet: title, summary, then a row per session. */
export function salonYearSheet(
	year: SalonYear,
	placeName: string,
	t: Translate,
	lang: Lang,
	dates: DateFormat,
	producedAt: number
): XlsxSheet {
	const avg = year.averages.participantsPerSession;
	const rows: XlsxCell[][] = [
		[t('year.report.organisation', { place: placeName })],
		[t('year.produced', { at: dates.at(producedAt) })],
		[],
		[t('year.sessions'), year.totals.sessions],
		[t('year.participantVisits'), year.totals.participantVisits],
		[t('year.averageParticipants'), avg],
		[t('year.volunteerVisits'), year.totals.volunteerVisits],
		[t('year.firstTimers'), year.totals.firstTimers],
		[t('year.hours'), year.totals.hours],
		[t('year.visitsNote')],
		[],
		[
			t('year.col.date'),
			t('year.col.participants'),
			t('year.col.volunteers'),
			t('year.col.firstTimers'),
			t('year.col.hours')
		],
		...year.sessions.map((s) => [s.date, s.participants, s.volunteers, s.firstTimers, s.hours]),
		[
			t('year.total'),
			year.totals.participantVisits,
			year.totals.volunteerVisits,
			year.totals.firstTimers,
			year.totals.hours
		],
		[],
		[t('year.report.signature'), ''],
		[t('year.report.signedOn')]
	];
	return {
		name: t('year.sheet.name'),
		title: t('year.report.heading', {
			fy: fiscalYearText(year.fiscalYear, lang),
			place: placeName
		}),
		rows,
		columnWidths: [44, 14, 14, 12, 10],
		print: { paper: 'A4', orientation: 'landscape', fitToWidth: true }
	};
}
