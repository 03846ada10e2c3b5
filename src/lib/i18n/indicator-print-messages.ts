/**
 * Strings of the indicator print view and the district view (staff), and of the district
 * choropleth. Japanese source, English with the same keys (type-checked in messages.ts).
 */
export const indicatorPrintJa = {
	'indp.back': '計画の指標に戻る',
	'indp.loading': '読み込んでいます…',
	'indp.fiscalYear': '年度',
	'indp.show': '表示',
	'indp.badYear': '年度の指定が正しくありません。{from}年度から{to}年度までを選んでください。',
	'indp.planFailed': '計画のデータを読み込めませんでした。ページを再読み込みしてください。',
	'indp.districts.title': '地区別の指標',
	'indp.districts.intro':
		'アプリに記録された活動から集計した指標を、{level}ごとに地図と表で示します。',
	'indp.districts.link': '地区別の表示',
	'indp.indicator': '指標',
	'indp.indicatorOption': 'No.{no} {title}',
	'indp.mapLabel': '{title}（{fy}）の{level}別の地図',
	'indp.mapNote': '色が濃いほど値が大きい地区です。各地区に値を記しています。',
	'indp.legend': '凡例',
	'indp.legendUnit': '凡例（{unit}）',
	'indp.noData': 'データなし',
	'indp.geometryMissing':
		'地区の境界データを読み込めなかったため、地図を表示できません。表をご覧ください。',
	'indp.table.caption': '{title}（{fy}）{level}別',
	'indp.table.district': '{level}',
	'indp.table.value': '値（{unit}）',
	'indp.table.valueNoUnit': '値',
	'indp.table.count': '開催回数（{unit}）',
	'indp.table.participants': '参加人数（{unit}）',
	'indp.table.total': '市全体',
	'indp.table.totalNote':
		'複数の地区にかかわる記録はそれぞれの地区に数え、市全体では1回だけ数えます。そのため地区の合計と市全体は一致しないことがあります。',
	'indp.coverageLabel': '開催拠点のある地区',
	'indp.coverage': '{total}地区中{covered}地区',
	'indp.definition': '集計の定義',
	'indp.source.live': 'サーバーで{time}に集計した最新の値です。',
	'indp.source.cached': 'オフラインのため、この端末に保存した集計（{time}時点）を表示しています。',
	'indp.source.cachedServer':
		'サーバーから取得できなかったため、この端末に保存した集計（{time}時点）を表示しています。',
	'indp.source.none':
		'オフラインで、この年度の集計がこの端末に保存されていないため表示できません。インターネットにつながった状態で開いてください。',
	'indp.source.noneServer':
		'サーバーから集計を取得できませんでした。時間をおいてもう一度お試しください。',
	'indp.source.forbidden': '地区別の集計は市・社会福祉協議会の職員のみ閲覧できます。',
	'indp.partial': '年度の途中です（{date}までの集計）。値はこれから増えることがあります。',
	'indp.print.heading': '{plan} {fy} 進捗管理表・評価シート',
	'indp.print.progress': '進捗管理表',
	'indp.print.evaluation': '評価シート',
	'indp.print.print': '印刷する',
	'indp.print.hint': 'A4横向きで印刷します。表の見出しは各ページに繰り返し印刷されます。',
	'indp.print.entries': 'この端末で入力した実績 {count}件を反映しています。',
	'indp.print.noEntries': '計画に収録された実績を表示しています（この端末での入力はありません）。',
	'indp.print.scroll': '{title}（横にスクロールできます）',
	'indp.print.evaluations': '職員が入力した評価 {count}件を評価シートに反映しています。',
	// The progress table and evaluation sheet (print view, CSV, XLSX: export/progress-tables.ts).
	'indp.sheet.period.fiscal': '{era}（{year}年度）',
	'indp.sheet.period.calendar': '{era}（{year}年）',
	'indp.sheet.participants': '{label}（参加者数）',
	'indp.sheet.activities': '{year}具体的な取組内容',
	'indp.sheet.rate': '{year}達成率（%）',
	'indp.sheet.status': '{year}状況',
	'indp.sheet.title': '{plan} {year}{title}',
	'indp.sheet.evaluationTitle': '{plan} {year}評価シート',
	'indp.sheet.col.no': 'No.',
	'indp.sheet.col.indicator': '指標',
	'indp.sheet.col.actual': '{year}実績',
	'indp.sheet.col.rate': '達成率（%）',
	'indp.sheet.col.status': '状況',
	'indp.sheet.col.results': '成果',
	'indp.sheet.col.issues': '課題',
	'indp.sheet.col.mark': '評価',
	'indp.sheet.col.direction': '今後の方向性',
	'indp.sheet.col.reason': '理由'
} as const;

export type IndicatorPrintMessageKey = keyof typeof indicatorPrintJa;

export const indicatorPrintEn: Record<IndicatorPrintMessageKey, string> = {
	'indp.back': 'Back to plan indicators',
	'indp.loading': 'Loading…',
	'indp.fiscalYear': 'Fiscal year',
	'indp.show': 'Show',
	'indp.badYear': 'That fiscal year is not valid. Choose a year from FY{from} to FY{to}.',
	'indp.planFailed': 'The plan data could not be loaded. Please reload the page.',
	'indp.districts.title': 'Indicators by district',
	'indp.districts.intro':
		'Indicators computed from the activities recorded in the app, by area ({level}), as a map and a table.',
	'indp.districts.link': 'By district',
	'indp.indicator': 'Indicator',
	'indp.indicatorOption': 'No. {no} {title}',
	'indp.mapLabel': 'Map of {title} ({fy}) by area ({level})',
	'indp.mapNote': 'Darker districts have higher values. Each district is labelled with its value.',
	'indp.legend': 'Legend',
	'indp.legendUnit': 'Legend ({unit})',
	'indp.noData': 'No data',
	'indp.geometryMissing':
		'The district outlines could not be loaded, so the map cannot be shown. Please use the table.',
	'indp.table.caption': '{title} ({fy}) by area ({level})',
	'indp.table.district': '{level}',
	'indp.table.value': 'Value ({unit})',
	'indp.table.valueNoUnit': 'Value',
	'indp.table.count': 'Meetings ({unit})',
	'indp.table.participants': 'Participants ({unit})',
	'indp.table.total': 'Whole city',
	'indp.table.totalNote':
		'A record that concerns several districts counts in each of them but once for the whole city, so the districts may not add up to the city total.',
	'indp.coverageLabel': 'Districts with a site',
	'indp.coverage': '{covered} of {total} districts',
	'indp.definition': 'How it is counted',
	'indp.source.live': 'Latest figures, computed by the server at {time}.',
	'indp.source.cached':
		'You are offline: showing the figures saved on this device (computed at {time}).',
	'indp.source.cachedServer':
		'The server could not be reached: showing the figures saved on this device (computed at {time}).',
	'indp.source.none':
		'You are offline and this device has no saved figures for this year. Open this page while connected.',
	'indp.source.noneServer':
		'The figures could not be fetched from the server. Please try again later.',
	'indp.source.forbidden': 'Figures by district are for city and welfare council staff only.',
	'indp.partial':
		'The fiscal year is still running (counted through {date}); figures may still grow.',
	'indp.print.heading': '{plan} {fy}: progress table and evaluation sheet',
	'indp.print.progress': 'Progress table',
	'indp.print.evaluation': 'Evaluation sheet',
	'indp.print.print': 'Print',
	'indp.print.hint': 'Prints on A4 landscape. Table headings repeat on every page.',
	'indp.print.entries':
		'Includes {count, plural, one {# figure} other {# figures}} entered on this device.',
	'indp.print.noEntries': 'Shows the figures recorded in the plan (none entered on this device).',
	'indp.print.scroll': '{title} (scrolls sideways)',
	'indp.print.evaluations':
		'The evaluation sheet includes {count, plural, one {# evaluation} other {# evaluations}} entered by staff.',
	// The progress table and evaluation sheet (print view, CSV, XLSX: export/progress-tables.ts).
	'indp.sheet.period.fiscal': 'FY{year} ({era})',
	'indp.sheet.period.calendar': '{year} ({era})',
	'indp.sheet.participants': '{label} (participants)',
	'indp.sheet.activities': '{year} activities',
	'indp.sheet.rate': '{year} achievement rate (%)',
	'indp.sheet.status': '{year} status',
	'indp.sheet.title': '{plan}: {title} {year}',
	'indp.sheet.evaluationTitle': '{plan}: evaluation {year}',
	'indp.sheet.col.no': 'No.',
	'indp.sheet.col.indicator': 'Indicator',
	'indp.sheet.col.actual': '{year} actual',
	'indp.sheet.col.rate': 'Achievement rate (%)',
	'indp.sheet.col.status': 'Status',
	'indp.sheet.col.results': 'Results',
	'indp.sheet.col.issues': 'Issues',
	'indp.sheet.col.mark': 'Mark',
	'indp.sheet.col.direction': 'Direction',
	'indp.sheet.col.reason': 'Reason'
};
