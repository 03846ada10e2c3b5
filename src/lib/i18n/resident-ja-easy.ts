/**
 * The resident catalog in やさしい日本語 (locale `ja-x-easy`, see locales.ts). Loaded on demand
 * with `loadCatalog('ja-x-easy')`, for the readers who chose it only.
 *
 * Written after 出入国在留管理庁・文化庁「在留支援のためのやさしい日本語ガイドライン」: one idea
 * per sentence, です・ます, no double negatives, few katakana loanwords, common words; a word a
 * resident needs to learn (避難所, 地区) stays, with its reading. Every kanji left carries its
 * reading in the Aozora notation `｜漢字《かんじ》` (ruby-text.ts), shown as <ruby> by
 * `Ruby.svelte` and left out where markup cannot go (titles, aria-labels). The unit test
 * tests/unit/client/i18n-easy.test.ts checks both. Reviewers read it beside the standard
 * Japanese with `npm run catalog -- side-by-side`.
 *
 * A string shown where ruby cannot go (an <option>, a placeholder) is written in kana instead.
 *
 * The keys below in `EASY_USES_STANDARD` deliberately use the standard Japanese (they hold only
 * placeholders or punctuation); the type makes every other resident key present here.
 */
import type { ResidentKey } from './messages';

export const EASY_USES_STANDARD = [
	'find.district',
	'place.district',
	'district.title',
	'district.groupHeading',
	'district.schoolLine',
	'when.dateTime',
	'footer.licence',
	'list.sep',
	'list.slash'
] as const satisfies readonly ResidentKey[];

export const residentJaEasy: Record<
	Exclude<ResidentKey, (typeof EASY_USES_STANDARD)[number]>,
	string
> = {
	'app.name': '｜居場所《いばしょ》',
	'app.tagline': '{city}の｜集《あつ》まる｜場所《ばしょ》と｜避難所《ひなんじょ》をさがします',
	'app.description':
		'{city}のサロンや｜避難所《ひなんじょ》をさがすことができます。｜地図《ちず》と｜一覧《いちらん》で｜見《み》ることができます。',
	'nav.skip': 'ページの｜中身《なかみ》へ｜進《すす》む',
	'nav.find': 'さがす',
	'nav.districts': '｜地区《ちく》',
	'nav.settings': '｜設定《せってい》',
	'nav.home': 'はじめのページへ｜戻《もど》る',
	'nav.menu': 'メニュー',
	'nav.cities': 'ほかの｜市《し》や｜町《まち》',
	'cities.title': '｜市《し》や｜町《まち》をえらぶ',
	'cities.lead': 'このアプリでさがすことができる｜市《し》や｜町《まち》です。',
	'nav.work': '｜記録《きろく》',
	'nav.login': '｜係《かかり》の｜人《ひと》のログイン',
	'sync.pending': 'まだ｜送《おく》っていないもの {count}こ',
	'settings.title': '｜設定《せってい》',
	'settings.language': 'ことば / Language',
	'settings.largeText': '｜字《じ》を｜大《おお》きくする',
	'settings.largeTextOn': '｜大《おお》きい｜字《じ》: オン',
	'settings.largeTextOff': '｜大《おお》きい｜字《じ》: オフ',
	'category.salon': 'サロン',
	'category.kids-salon': '｜子《こ》どもサロン',
	'category.gathering': 'ほかの｜集《あつ》まる｜場所《ばしょ》',
	'category.fureai-service':
		'ふれあいサービス（｜住《す》んでいる｜人《ひと》どうしで｜生活《せいかつ》を｜助《たす》けます）',
	'category.support-council': '｜地域《ちいき》の｜支《ささ》え｜合《あ》いの｜会《かい》',
	'category.shelter': '｜避難所《ひなんじょ》・｜避難《ひなん》する｜場所《ばしょ》',
	'category.welfare-shelter':
		'｜福祉避難所《ふくしひなんじょ》（｜助《たす》けが｜必要《ひつよう》な｜人《ひと》の｜避難所《ひなんじょ》）',
	'category.public-facility': 'みんなが｜使《つか》う｜建物《たてもの》',
	'hazard.flood': '｜川《かわ》の｜水《みず》があふれること',
	'hazard.landslide': '｜山《やま》や｜崖《がけ》がくずれること',
	'hazard.storm_surge': '｜海《うみ》の｜水《みず》が｜高《たか》くなること',
	'hazard.earthquake': '｜地震《じしん》',
	'hazard.tsunami': '｜津波《つなみ》',
	'hazard.large_fire': '｜大《おお》きい｜火事《かじ》',
	'hazard.inland_flooding': '｜町《まち》に｜雨《あめ》の｜水《みず》があふれること',
	'hazard.volcano': '｜火山《かざん》',
	'audience.elderly': 'お｜年寄《としよ》り',
	'audience.children': '｜子《こ》ども',
	'audience.all-generations': 'だれでも（｜子《こ》どもからお｜年寄《としよ》りまで）',
	'audience.disabled': '｜障害《しょうがい》のある｜人《ひと》',
	'audience.anyone': 'だれでも',
	'access.step-free': '｜段差《だんさ》がありません',
	'access.wheelchair': '｜車《くるま》いすで｜入《はい》ることができます',
	'access.accessible-toilet': '｜広《ひろ》いトイレがあります',
	'access.parking': '｜車《くるま》をとめる｜場所《ばしょ》があります',
	'find.title': '｜集《あつ》まる｜場所《ばしょ》と｜避難所《ひなんじょ》をさがす',
	'find.filters': 'さがし｜方《かた》',
	'find.category': '｜種類《しゅるい》',
	'find.allCategories': 'ぜんぶの｜種類《しゅるい》',
	'find.allDistricts': 'ぜんぶのちく',
	'find.search': '｜名前《なまえ》や｜住所《じゅうしょ》でさがす',
	'find.searchPlaceholder': 'れい: しみんセンター',
	'find.clear': 'さがし｜方《かた》をもとに｜戻《もど》す',
	'find.when': 'いつ',
	'find.whenToday': '｜今日《きょう》',
	'find.whenWeek': '｜今週《こんしゅう》',
	'find.whenRangeToday': '｜今日《きょう》（{date}）｜開《ひら》く｜場所《ばしょ》',
	'find.whenRangeWeek': '{from}から{to}までに｜開《ひら》く｜場所《ばしょ》',
	'find.results': '{count}こ',
	'find.noResults':
		'｜合《あ》う｜場所《ばしょ》がありません。さがし｜方《かた》を｜少《すく》なくしてください。',
	'find.noneOfKind': '「{kinds}」は、まだ1つもありません。',
	'find.noneOfKindOrganizers':
		'サロンなどの｜場所《ばしょ》は、まだ｜少《すく》ないです。｜開《ひら》く｜人《ひと》がこのアプリに｜書《か》きます。｜市《し》が｜確《たし》かめると、ここに｜出《で》ます。｜近《ちか》くの｜場所《ばしょ》は、｜市《し》の｜社会福祉協議会《しゃかいふくしきょうぎかい》（｜社協《しゃきょう》）に｜聞《き》いてください。',
	'find.viewList': '｜一覧《いちらん》',
	'find.viewMap': '｜地図《ちず》',
	'find.viewToggle': '｜見《み》せ｜方《かた》をかえる',
	'near.button': 'いまいる｜場所《ばしょ》から｜近《ちか》い｜順《じゅん》',
	'near.locating': 'いまいる｜場所《ばしょ》を｜調《しら》べています…',
	'near.active': 'いまいる｜場所《ばしょ》から｜近《ちか》い｜順《じゅん》に｜出《だ》しています',
	'near.fromTown': '{town}から｜近《ちか》い｜順《じゅん》に｜出《だ》しています',
	'near.stop': '｜近《ちか》い｜順《じゅん》をやめる',
	'near.denied':
		'いまいる｜場所《ばしょ》がわかりませんでした。「｜町《まち》の｜名前《なまえ》でえらぶ」で｜町《まち》をえらんでください。「{level}」で｜地区《ちく》をえらぶこともできます。',
	'near.unavailable':
		'このスマートフォンでは、いまいる｜場所《ばしょ》がわかりません。「｜町《まち》の｜名前《なまえ》でえらぶ」で｜町《まち》をえらんでください。「{level}」で｜地区《ちく》をえらぶこともできます。',
	'near.deniedNoDistricts':
		'いまいる｜場所《ばしょ》がわかりませんでした。「｜町《まち》の｜名前《なまえ》でえらぶ」で｜町《まち》をえらんでください。',
	'near.unavailableNoDistricts':
		'このスマートフォンでは、いまいる｜場所《ばしょ》がわかりません。「｜町《まち》の｜名前《なまえ》でえらぶ」で｜町《まち》をえらんでください。',
	'near.pickTown': '｜町《まち》の｜名前《なまえ》でえらぶ',
	'near.pickTownNone': 'まちをえらんでください',
	'place.distance': '｜距離《きょり》（まっすぐ）: {distance}',
	'place.locationUnknown': 'ここに｜場所《ばしょ》は｜書《か》いてありません',
	'place.noDistrict': '{level}: わかりません',
	'place.districts': 'かかわりのある{level}',
	'place.districtFromArea': '（｜町《まち》の｜名前《なまえ》から｜考《かんが》えました）',
	'place.address': '｜住所《じゅうしょ》',
	'place.area': 'どこの｜人《ひと》のための｜場所《ばしょ》か',
	'place.schedule': 'いつ｜開《ひら》くか',
	'place.audience': 'だれのための｜場所《ばしょ》か',
	'place.accessibility': '｜車《くるま》いすなどで｜使《つか》いやすいか',
	'place.contact': '｜連絡先《れんらくさき》',
	'place.fee': '｜払《はら》うお｜金《かね》',
	'when.next': 'つぎ',
	'when.upcoming': 'つぎに｜開《ひら》く｜日《ひ》',
	'when.paused': 'いまは｜休《やす》んでいます',
	'when.off': '｜休《やす》み',
	'when.offOn': '{date}は｜休《やす》みです',
	'when.date': '{month}｜月《がつ》{day}｜日《にち》({weekday})',
	'when.dateHoliday': '{month}｜月《がつ》{day}｜日《にち》({weekday}・｜休《やす》みの｜日《ひ》)',
	'when.holiday': '{name}: ｜休《やす》みの｜日《ひ》は、｜開《ひら》かないことがあります',
	'weekday.0': '｜日《にち》',
	'weekday.1': '｜月《げつ》',
	'weekday.2': '｜火《か》',
	'weekday.3': '｜水《すい》',
	'weekday.4': '｜木《もく》',
	'weekday.5': '｜金《きん》',
	'weekday.6': '｜土《ど》',
	'place.notes': 'そのほか',
	'place.established': 'はじまった｜年《とし》',
	'place.categories': '｜種類《しゅるい》',
	'place.shelterKinds': '｜市《し》が｜決《き》めたこと',
	'shelter.evacuationShelter':
		'｜避難所《ひなんじょ》（しばらく｜生活《せいかつ》する｜場所《ばしょ》）',
	'shelter.emergencySite':
		'｜避難《ひなん》する｜場所《ばしょ》（あぶないときに｜逃《に》げる｜場所《ばしょ》）',
	'shelter.forHazards': '{designation}: {hazards}のとき',
	'place.directions': '｜地図《ちず》のアプリで｜道《みち》を｜見《み》る',
	'place.directionsHint': 'スマートフォンの｜地図《ちず》のアプリが｜開《ひら》きます',
	'place.source': 'どこの｜情報《じょうほう》か',
	'place.notGiven': 'わかりません',
	'place.share': 'この｜場所《ばしょ》のURL',
	'place.backToList': '｜一覧《いちらん》に｜戻《もど》る',
	'place.onMap': '｜地図《ちず》で｜見《み》る',
	'district.places': 'この｜地区《ちく》の｜場所《ばしょ》',
	'district.counts': '｜種類《しゅるい》ごとの｜数《かず》',
	'district.count': '{count}か｜所《しょ》',
	'district.countHeader': '｜数《かず》',
	'district.estimated': '（{level}は、｜町《まち》の｜名前《なまえ》から｜考《かんが》えました）',
	'district.print': '｜紙《かみ》に｜印刷《いんさつ》する｜一覧《いちらん》（A4）',
	'district.school': '｜学校《がっこう》',
	'district.area': '｜広《ひろ》さ やく{km2} km²',
	'district.list': '{level}の｜一覧《いちらん》',
	'district.none': 'この｜地区《ちく》の｜場所《ばしょ》は、まだありません。',
	'print.title':
		'{district} ｜集《あつ》まる｜場所《ばしょ》と｜避難所《ひなんじょ》の｜一覧《いちらん》',
	'print.issued': '{date}の｜情報《じょうほう》です',
	'print.no': '｜番号《ばんごう》',
	'print.name': '｜名前《なまえ》',
	'print.where': '｜住所《じゅうしょ》など',
	'print.when': 'いつ｜開《ひら》くか',
	'print.print': '｜印刷《いんさつ》する',
	'print.back': '｜地区《ちく》のページに｜戻《もど》る',
	'print.mapCaption': '｜番号《ばんごう》は｜一覧《いちらん》の｜番号《ばんごう》です',
	'print.unlocated':
		'｜地図《ちず》にない｜場所《ばしょ》: ｜場所《ばしょ》が｜書《か》いてありません',
	'map.title': '｜地図《ちず》',
	'map.loading': '｜地図《ちず》を｜準備《じゅんび》しています…',
	'map.noTiles':
		'｜地図《ちず》の｜絵《え》がありません。｜地区《ちく》の｜線《せん》と｜場所《ばしょ》だけを｜出《だ》しています。',
	'map.cluster': '{count}か｜所《しょ》（｜大《おお》きくすると｜見《み》えます）',
	'map.districtHint':
		'｜地区《ちく》をさわると、その｜地区《ちく》の｜場所《ばしょ》だけを｜出《だ》します',
	'map.failed':
		'｜地図《ちず》を｜出《だ》すことができませんでした。｜一覧《いちらん》を｜見《み》てください。',
	'error.title': 'ページを｜出《だ》すことができませんでした',
	'error.notFound': 'このページはありません。URLを｜確《たし》かめてください。',
	'error.placeNotFound':
		'この｜場所《ばしょ》はありません。もう｜閉《し》まったかもしれません。URLがちがうかもしれません。',
	'error.districtNotFound': 'この｜地区《ちく》はありません。',
	'error.cityNotFound':
		'この｜市《し》や｜町《まち》はありません。URLを｜確《たし》かめてください。',
	'error.badQuery':
		'さがし｜方《かた》がまちがっています。さがし｜方《かた》をもとに｜戻《もど》してください。',
	'error.server':
		'うまくいきませんでした。すこし｜待《ま》ってから、もう｜一度《いちど》やってください。',
	'error.back': 'はじめのページに｜戻《もど》る',
	'status.offline':
		'いまインターネットにつながっていません。このスマートフォンにある｜情報《じょうほう》を｜出《だ》しています。',
	'status.updateAvailable': 'アプリをあたらしくすることができます',
	'status.update': 'あたらしくする',
	'status.storageFull':
		'スマートフォンの｜空《あ》きが｜足《た》りません。あたらしい｜情報《じょうほう》を｜入《い》れることができません。いらないものを｜消《け》してください。',
	'status.savedAt': '{date}の｜情報《じょうほう》',
	'settings.storage': 'このスマートフォンに｜入《い》れる',
	'settings.persisted': '｜入《い》れた｜情報《じょうほう》は、｜消《き》えにくくなっています。',
	'settings.notPersisted':
		'｜空《あ》きが｜足《た》りないとき、｜入《い》れた｜情報《じょうほう》が｜消《き》えることがあります。',
	'settings.persistAsk': '｜入《い》れた｜情報《じょうほう》を｜消《き》えにくくする',
	'settings.usage':
		'つかっている｜量《りょう》 やく{used} / つかうことができる｜量《りょう》 やく{quota}',
	'settings.offlineMap': 'インターネットがないときの｜地図《ちず》',
	'settings.offlineMapDownload': '｜市《し》の｜地図《ちず》をこのスマートフォンに｜入《い》れる',
	'settings.offlineMapProgress': '｜地図《ちず》を｜入《い》れています… {done} / {total}',
	'settings.offlineMapDone': '｜地図《ちず》を{count}まい｜入《い》れました。',
	'settings.offlineMapFailed':
		'｜地図《ちず》を｜入《い》れることができませんでした（{count}まいは、だめでした）。インターネットにつながっているか、｜確《たし》かめてください。',
	'settings.offlineMapNotAllowed':
		'この｜地図《ちず》は、まとめて｜入《い》れることができません。｜見《み》た｜地図《ちず》は、｜自動《じどう》で｜入《はい》ります。｜地図《ちず》がないときも、｜地区《ちく》の｜線《せん》と｜場所《ばしょ》は｜出《で》ます。',
	'settings.version': 'アプリのバージョン',
	'settings.dataSavedAt': '｜場所《ばしょ》の｜情報《じょうほう》: {date}にあたらしくしました',
	'error.offlineNoData':
		'インターネットにつながっていません。だから、｜出《だ》すことができません。いちど、インターネットにつながっているときに｜開《ひら》いてください。つぎからは、インターネットがないときも｜使《つか》うことができます。',
	'footer.attribution': 'どこの｜情報《じょうほう》か',
	'footer.sample': 'ためしのデータです（ほんとうの｜場所《ばしょ》ではありません）'
};
