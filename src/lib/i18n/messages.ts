/**
 * Every string the UI shows. Japanese is the source catalog; English must have the same keys
 * (the type enforces it). `{name}` placeholders are filled by `translate`.
 * The resident strings of the other locales (locales.ts: English in resident-en.ts, やさしい日本語
 * in resident-ja-easy.ts) load with `loadCatalog(locale)`, for the readers who chose them only.
 * The work screens' strings (work-messages.ts) are part of `MessageKey` but load only with the
 * routes that show them (`loadWorkMessages`), so a resident's page does not carry them.
 */

// The base languages live with the locales (locales.ts), which would otherwise import this file.
export { LANGS, type Lang } from './locales';
export const isLang = (v: unknown): v is Lang => v === 'ja' || v === 'en';

import type { WorkMessageKey } from './work-messages';
import type { IndicatorMessageKey } from './indicator-messages';
import type { IndicatorPrintMessageKey } from './indicator-print-messages';
import type { PaperworkMessageKey } from './paperwork-messages';
import type { ShareMessageKey } from './share-messages';
import type { ResidentPagesKey } from './resident-pages-ja';
import {
	LOCALES,
	LOCALE_CODES,
	baseLang,
	type Lang,
	type Locale,
	type LocaleInfo
} from './locales';
import {
	fillParts,
	parseRuby,
	plainParams,
	plainText,
	type RubyParams,
	type RubyText
} from './ruby-text';

export const residentJa = {
	'app.name': '居場所',
	'app.tagline': '{city}のつどいの場・避難所さがし',
	'app.description':
		'{city}のサロン・子どもサロン・地域支え合い協議会・避難所を、地図と一覧でさがせます。',
	'nav.skip': '本文へ移動',
	'nav.find': 'さがす',
	'nav.districts': '地区',
	'nav.settings': '設定',
	'nav.menu': 'メニュー',
	'nav.cities': 'ほかの市町村',
	'cities.title': '市町村をえらぶ',
	'cities.lead': 'この居場所でさがせる市町村です。',
	'nav.work': '記録',
	'nav.login': '運営者ログイン',
	'sync.pending': '未送信 {count}件',
	'category.salon': 'サロン',
	'category.kids-salon': '子どもサロン',
	'category.gathering': 'その他のつどいの場',
	'category.fureai-service': 'ふれあいサービス（住民同士の生活支援）',
	'category.support-council': '地域支え合い協議会',
	'category.shelter': '避難所・避難場所',
	'category.welfare-shelter': '福祉避難所',
	'category.public-facility': '公共施設',
	'hazard.flood': '洪水',
	'hazard.landslide': '土砂災害',
	'hazard.storm_surge': '高潮',
	'hazard.earthquake': '地震',
	'hazard.tsunami': '津波',
	'hazard.large_fire': '大規模な火事',
	'hazard.inland_flooding': '内水氾濫',
	'hazard.volcano': '火山',
	'find.title': 'つどいの場・避難所をさがす',
	'find.category': '種類',
	'find.district': '{level}',
	'find.allDistricts': 'すべての地区',
	'find.search': '名前・住所でさがす',
	'find.searchPlaceholder': '例: 市民センター',
	'find.clear': '条件をクリア',
	'find.results': '{count}件',
	'find.noResults': '条件に合う場所がありません。条件を減らしてみてください。',
	'find.noneOfKind': '「{kinds}」は、まだ1か所も登録されていません。',
	'find.noneOfKindOrganizers':
		'サロンなどのつどいの場は、公開された資料がありません。運営する方がこのアプリで登録し、確認が済むと、ここに表示されます。お近くの活動については、市の社会福祉協議会（社協）にお問い合わせください。',
	'find.viewList': '一覧',
	'find.viewMap': '地図',
	'find.viewToggle': '表示の切り替え',
	'find.when': 'いつ',
	'find.whenToday': '今日',
	'find.whenWeek': '今週',
	'find.whenRangeToday': '今日（{date}）開く場所',
	'find.whenRangeWeek': '{from}から{to}までに開く場所',
	'near.button': '現在地から近い順',
	'near.locating': '現在地を確認しています…',
	'near.active': '現在地から近い順に表示中',
	'near.fromTown': '{town} から近い順に表示中',
	'near.stop': '近い順をやめる',
	'near.denied':
		'現在地を使えませんでした。代わりに「町名から選ぶ」で町名を選ぶか、「{level}」で地区を選んでください。',
	'near.unavailable':
		'この端末では現在地を取得できません。代わりに「町名から選ぶ」で町名を選ぶか、「{level}」で地区を選んでください。',
	'near.deniedNoDistricts':
		'現在地を使えませんでした。代わりに「町名から選ぶ」で町名を選んでください。',
	'near.unavailableNoDistricts':
		'この端末では現在地を取得できません。代わりに「町名から選ぶ」で町名を選んでください。',
	'near.pickTown': '町名から選ぶ',
	'near.pickTownNone': '町名を選んでください',
	'place.distance': '直線距離 {distance}',
	'place.locationUnknown': '所在地は公開されていません',
	'place.noDistrict': '{level}: 不明',
	'place.district': '{level}',
	'place.address': '住所',
	'place.area': '対象地域',
	'when.next': '次回',
	'when.paused': '休止中',
	'when.date': '{month}月{day}日({weekday})',
	'when.dateHoliday': '{month}月{day}日({weekday}・祝)',
	'when.dateTime': '{date} {start}–{end}',
	'when.holiday': '{name}: 祝日は休みのことがあります',
	'when.offOn': '{date}は休み',
	'weekday.0': '日',
	'weekday.1': '月',
	'weekday.2': '火',
	'weekday.3': '水',
	'weekday.4': '木',
	'weekday.5': '金',
	'weekday.6': '土',
	'place.shelterKinds': '市の指定',
	'shelter.evacuationShelter': '指定避難所（避難生活を送る場所）',
	'shelter.emergencySite': '指定緊急避難場所（危険から逃げる場所）',
	'shelter.forHazards': '{designation}: {hazards}のとき',
	'map.title': '地図',
	'map.loading': '地図を準備しています…',
	'map.noTiles': '背景地図なし（地区の境界と場所のみ表示）',
	'map.cluster': '{count}か所（拡大して表示）',
	'map.districtHint': '地区をタップすると、その地区で絞り込みます',
	'map.failed': '地図を表示できませんでした。一覧をご利用ください。',
	'error.placeNotFound':
		'この場所は見つかりませんでした。閉鎖されたか、URLが違う可能性があります。',
	'error.districtNotFound': 'この地区は見つかりませんでした。',
	'error.title': 'ページを表示できませんでした',
	'error.notFound': 'お探しのページは見つかりませんでした。URLをご確認ください。',
	'error.cityNotFound': 'この市町村は見つかりませんでした。アドレスをご確認ください。',
	'error.badQuery': '検索の条件が正しくありません。条件をクリアしてやり直してください。',
	'error.server': '問題が発生しました。時間をおいてもう一度お試しください。',
	'error.back': 'トップページに戻る',
	'status.offline': 'オフラインです。この端末に保存した情報を表示しています。',
	'status.updateAvailable': '新しいバージョンがあります',
	'status.update': '更新',
	'status.storageFull':
		'端末の保存容量が足りません。表示はできますが、新しい情報を保存できません。不要なデータを削除してください。',
	'error.offlineNoData':
		'オフラインのため表示できません。一度インターネットにつながった状態で開くと、次からはオフラインでも使えます。',
	'footer.attribution': '出典',
	'footer.licence': '（{licence}）',
	'list.sep': '、'
} as const;

/** The resident strings a page needs before it can show anything (the home page, the layout). */
type StartupKey = keyof typeof residentJa;
export type ResidentKey = StartupKey | ResidentPagesKey;
export type MessageKey =
	| ResidentKey
	| WorkMessageKey
	| IndicatorMessageKey
	| IndicatorPrintMessageKey
	| ShareMessageKey
	| PaperworkMessageKey;
type Catalog = Partial<Record<MessageKey, string>>;

// Japanese is resident; each other locale's resident strings come with `loadCatalog`. The work
// and share strings exist in the base languages only (ja, en): other locales fall back to them.
const CATALOGS = Object.fromEntries(
	LOCALE_CODES.map((locale) => [locale, locale === 'ja' ? { ...residentJa } : {}])
) as Record<Locale, Catalog>;
const catalogLoaded: Partial<Record<Locale, Promise<void>>> = { ja: Promise.resolve() };
let workLoaded: Promise<void> | null = null;

/**
 * Loads the resident catalog of `locale`. The root layout's `load` awaits it for the reader's
 * locale, so an English page renders (and hydrates) in English, while a Japanese reader's
 * start-up never downloads the other strings; switching language awaits it too, and so do
 * the server's responses written in the reader's language (the calendars).
 */
export function loadCatalog(locale: Locale): Promise<void> {
	const info: LocaleInfo = LOCALES[locale];
	const load = info.catalog ?? (() => Promise.resolve({}));
	return (catalogLoaded[locale] ??= load().then(
		(strings) => {
			// Work and share strings loaded before stay: they are merged, never replaced.
			Object.assign(CATALOGS[locale], strings);
		},
		(error: unknown) => {
			// A failed download may succeed later (back online): do not keep the failure.
			delete catalogLoaded[locale];
			throw error;
		}
	));
}

/**
 * Adds the work screens' strings; their routes await it in `load`, before anything renders.
 * Shared module state is safe here, on the server too: the catalogs are the same for everyone.
 */
export function loadWorkMessages(): Promise<void> {
	// The plan-indicator screens are work screens too: their strings come with the rest.
	workLoaded ??= Promise.all([
		import('./work-messages'),
		import('./indicator-messages'),
		import('./indicator-print-messages'),
		import('./paperwork-messages'),
		// Work screens show resident strings too (a place's fee, audience…).
		loadResidentPages()
	]).then(([work, indicators, print, paperwork]) => {
		Object.assign(
			CATALOGS.ja,
			work.workJa,
			indicators.indicatorJa,
			print.indicatorPrintJa,
			paperwork.paperworkJa
		);
		Object.assign(
			CATALOGS.en,
			work.workEn,
			indicators.indicatorEn,
			print.indicatorPrintEn,
			paperwork.paperworkEn
		);
	});
	return workLoaded;
}

let pagesLoaded: Promise<void> | null = null;

/**
 * Adds the Japanese strings of the resident pages other than the home page (a place, the
 * districts, printing, settings): the start-up code carries only what the home page and the
 * layout show. The other locales' catalogs hold these too. Routes that show them await this
 * in `load` (through loadShareMessages or loadWorkMessages, or directly).
 */
export function loadResidentPages(): Promise<void> {
	pagesLoaded ??= import('./resident-pages-ja').then(
		(pages) => {
			// Merged under what is there: a locale's own strings stay.
			for (const [key, text] of Object.entries(pages.residentPagesJa)) {
				CATALOGS.ja[key as ResidentPagesKey] ??= text;
			}
		},
		(error: unknown) => {
			pagesLoaded = null;
			throw error;
		}
	);
	return pagesLoaded;
}

let shareLoaded: Promise<void> | null = null;

/**
 * Adds the strings of sharing, printing and calendars (place, flyer, district and handout
 * pages, and the .ics files): the home page's first load does not carry them.
 */
export function loadShareMessages(): Promise<void> {
	shareLoaded ??= Promise.all([import('./share-messages'), loadResidentPages()]).then(([share]) => {
		Object.assign(CATALOGS.ja, share.shareJa);
		Object.assign(CATALOGS.en, share.shareEn);
	});
	return shareLoaded;
}

/** A key whose text is loaded (work keys once `loadWorkMessages` has run). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(CATALOGS.ja, key);

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * `{count, plural, one {# place} other {# places}}` (the ICU form, one level deep): English
 * needs "1 place" but "2 places"; Japanese texts simply do not use it. `#` is the number.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other) \{([^{}]*)\}/g;

function pluralize(text: string, lang: Lang, params: Record<string, string | number>): string {
	return text.replace(PLURAL, (whole, name: string, cases: string) => {
		const n = Number(params[name]);
		if (!Number.isFinite(n)) return whole;
		const forms = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1]!, m[2]!]));
		const form =
			forms.get(`=${n}`) ?? forms.get(new Intl.PluralRules(lang).select(n)) ?? forms.get('other');
		return form === undefined ? whole : form.replaceAll('#', String(n));
	});
}

/**
 * The text of `key` in `locale`, as parts with their readings (ruby-text.ts): `Ruby.svelte`
 * shows them. A key the locale's catalog lacks falls back to its base language, then to
 * Japanese, then shows as itself: visible, never a crash.
 */
export type RubyTranslate = (key: MessageKey, params?: RubyParams) => RubyText;

export function rubyTranslator(locale: Locale): RubyTranslate {
	const catalog = CATALOGS[locale];
	const base = baseLang(locale);
	return (key, params) => {
		const text = catalog[key] ?? CATALOGS[base][key] ?? CATALOGS.ja[key] ?? key;
		// Notation is read before the values go in: a place's name is never taken for a reading.
		if (!params) return parseRuby(text);
		return fillParts(parseRuby(pluralize(text, base, plainParams(params))), params);
	};
}

/** The text of `key` in `locale`, readings left out: for attributes, titles and scripts. */
export function translator(locale: Locale): Translate {
	const parts = rubyTranslator(locale);
	return (key, params) => plainText(parts(key, params));
}
