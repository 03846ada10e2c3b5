/**
 * Strings of the paperwork screens: a salon's yearly report (organizers) and every salon's
 * year with the grant verdict (staff). Japanese source, English with the same keys
 * (type-checked in messages.ts). 延べ (sums over sessions) is said on every such figure: the
 * records cannot give 実人数.
 */
export const paperworkJa = {
	'work.year': '年間の活動報告',
	'work.salonYears': 'サロンの年間実績（全サロン）',
	'year.title': '年間の活動報告',
	'year.intro':
		'サロンの1年度分（4月〜翌年3月）の活動を、この端末の記録からまとめます。社会福祉協議会への報告書として印刷できます。',
	'year.place': '場所',
	'year.fiscalYear': '年度',
	'year.noPlaces': '報告できる場所がありません。場所を登録すると、ここに年間の報告が出ます。',
	'year.synced': 'この端末の記録で作成しています（最後にサーバーと同期：{at}）。',
	'year.neverSynced':
		'この端末の記録で作成しています（この端末はまだサーバーと同期していません）。',
	'year.unsent':
		'このサロンの記録のうち{count}件がまだ送信されていません（この報告には含まれています）。',
	'year.partial': '年度の途中です（{date}までの集計）。',
	'year.produced': '作成日時：{at}',
	'year.summary': '集計',
	'year.sessions': '開催回数',
	'year.count.sessions': '{count}回',
	'year.count.people': '{count}人',
	'year.count.hours': '{count}時間',
	'year.participantVisits': '参加者数（延べ）',
	'year.averageParticipants': '1回あたりの平均参加者数（延べ人数÷開催回数）',
	'year.volunteerVisits': 'ボランティア数（延べ）',
	'year.firstTimers': '初めて参加した人の数',
	'year.hours': '活動時間の合計',
	'year.none': '—',
	'year.visitsNote':
		'延べ人数は各回の人数の合計です（同じ人が12回参加すると12人と数えます）。何人の人が参加したか（実人数）は、活動記録からはわかりません。',
	'year.sessionsTitle': '開催した日',
	'year.noSessions': 'この年度の活動記録はありません。',
	'year.col.date': '開催日',
	'year.col.participants': '参加者',
	'year.col.volunteers': 'ボランティア',
	'year.col.firstTimers': '初参加',
	'year.col.hours': '時間',
	'year.total': '合計（延べ）',
	'year.gaps.title': '記録のない開催予定日',
	'year.gaps.intro':
		'開催日程にあるのに記録がない日です。印刷の前に、開催した日は記録し、開催しなかった日は「休み」にしてください。',
	'year.gaps.none': '記録のない開催予定日はありません。',
	'year.gaps.noRule':
		'開催日程（毎週・毎月の曜日）が登録されていないため、記録のない日はわかりません。',
	'year.gaps.log': '{date}を記録する',
	'year.gaps.off': '{date}を休みにする',
	'year.gaps.logShort': '記録する',
	'year.gaps.offShort': '休みにする',
	'year.off.title': '休みにした日',
	'year.off.undo': '{date}の休みを取り消す',
	'year.off.note': '休みの印はこの端末だけに保存されます（回数や助成の判定には影響しません）。',
	'year.grant.title': '助成の要件',
	'year.grant.met': '要件を満たしています',
	'year.grant.notMet': '要件を満たしていません',
	'year.grant.partial': '年度の途中のため、判定はまだ変わります。',
	'year.grant.source': '根拠：{source}',
	'year.grant.rule.sessions': '年{count}回以上の開催',
	'year.grant.rule.sessionsWith': '参加者{min}人以上の回が年{count}回以上',
	'year.grant.rule.average': '1回あたりの平均参加者数（延べ）{min}人以上',
	'year.grant.rule.categories': '対象：{categories}',
	'year.grant.short.category': 'この場所の種類（{category}）は対象外です（対象：{counted}）。',
	'year.grant.short.sessions': '開催が{counted}回です（{needed}回以上が必要）。',
	'year.grant.short.sessionsWith':
		'参加者{min}人以上の回が{counted}回です（{needed}回以上が必要）。',
	'year.grant.short.average': '平均参加者数（延べ）が{actual}人です（{needed}人以上が必要）。',
	'year.grant.short.averageNone':
		'開催がないため、平均参加者数がありません（{needed}人以上が必要）。',
	'year.print': '印刷する',
	'year.xlsx': 'Excel（XLSX）で保存',
	'year.report.heading': '{fy}　{place}　活動実績報告書',
	'year.report.to': '社会福祉協議会　御中',
	'year.report.organisation': '団体名：{place}',
	'year.report.signature': '代表者署名',
	'year.report.signedOn': '記入日　　　　年　　　月　　　日',
	'year.sheet.name': '活動実績',
	'salonYears.title': 'サロンの年間実績と助成の判定',
	'salonYears.intro':
		'サーバーにある記録（訂正は最新の版、削除分を除く）から、サロンごとの1年度分の実績を示します。',
	'salonYears.noRules':
		'この市の社会福祉協議会の助成要件はまだ登録されていないため、判定は示しません。',
	'salonYears.loading': '読み込んでいます…',
	'salonYears.failed': '読み込めませんでした。オンラインのときにもう一度開いてください。',
	'salonYears.col.place': 'サロン',
	'salonYears.col.verdict': '判定',
	'salonYears.col.reason': '理由',
	'salonYears.none': 'この年度に実績のあるサロンはありません。',
	'salonYears.sheet.name': 'サロン別実績'
} as const;

export type PaperworkMessageKey = keyof typeof paperworkJa;

export const paperworkEn: Record<PaperworkMessageKey, string> = {
	'work.year': 'Yearly activity report',
	'work.salonYears': 'Every salon’s year',
	'year.title': 'Yearly activity report',
	'year.intro':
		'A salon’s fiscal year (April to March) from this device’s records, printable as the report for the social welfare council.',
	'year.place': 'Place',
	'year.fiscalYear': 'Fiscal year',
	'year.noPlaces':
		'No place to report on yet. Register your place and its yearly report shows here.',
	'year.synced': 'Made from this device’s records (last in step with the server: {at}).',
	'year.neverSynced':
		'Made from this device’s records (this device has not synced with the server yet).',
	'year.unsent':
		'{count} of this salon’s records are not sent yet (they are included in this report).',
	'year.partial': 'The fiscal year is not over (counted through {date}).',
	'year.produced': 'Produced: {at}',
	'year.summary': 'Summary',
	'year.sessions': 'Sessions held',
	'year.count.sessions': '{count}',
	'year.count.people': '{count}',
	'year.count.hours': '{count} h',
	'year.participantVisits': 'Participants (total over sessions, 延べ)',
	'year.averageParticipants': 'Average participants per session (total ÷ sessions)',
	'year.volunteerVisits': 'Volunteers (total over sessions, 延べ)',
	'year.firstTimers': 'First-time participants',
	'year.hours': 'Hours in total',
	'year.none': '—',
	'year.visitsNote':
		'Totals over sessions (延べ) add each session’s count: one person at 12 sessions counts 12 times. How many different people came (実人数) cannot be told from the session records.',
	'year.sessionsTitle': 'Sessions held',
	'year.noSessions': 'No session logged in this fiscal year.',
	'year.col.date': 'Date',
	'year.col.participants': 'Participants',
	'year.col.volunteers': 'Volunteers',
	'year.col.firstTimers': 'First-timers',
	'year.col.hours': 'Hours',
	'year.total': 'Total (延べ)',
	'year.gaps.title': 'Scheduled dates with no log',
	'year.gaps.intro':
		'Dates the schedule names with no session logged. Before printing, log the ones the salon met on and mark the others 休み (no session).',
	'year.gaps.none': 'Every scheduled date has a log.',
	'year.gaps.noRule':
		'The place has no schedule (weekly or monthly weekday), so dates with no log cannot be listed.',
	'year.gaps.log': 'Log {date}',
	'year.gaps.off': '{date}: Mark 休み',
	'year.gaps.logShort': 'Log',
	'year.gaps.offShort': 'Mark 休み',
	'year.off.title': 'Dates marked 休み',
	'year.off.undo': 'Unmark {date}',
	'year.off.note':
		'休み marks are kept on this device only (they change no count and no grant verdict).',
	'year.grant.title': 'Grant requirements',
	'year.grant.met': 'Requirements met',
	'year.grant.notMet': 'Requirements not met',
	'year.grant.partial': 'The fiscal year is not over: the verdict can still change.',
	'year.grant.source': 'Source: {source}',
	'year.grant.rule.sessions': 'At least {count} sessions a year',
	'year.grant.rule.sessionsWith':
		'At least {count} sessions a year with {min} or more participants',
	'year.grant.rule.average': 'At least {min} participants per session on average (延べ)',
	'year.grant.rule.categories': 'For: {categories}',
	'year.grant.short.category':
		'This kind of place ({category}) is not covered (covered: {counted}).',
	'year.grant.short.sessions': '{counted} sessions held ({needed} needed).',
	'year.grant.short.sessionsWith':
		'{counted} sessions with {min} or more participants ({needed} needed).',
	'year.grant.short.average': '{actual} participants per session on average ({needed} needed).',
	'year.grant.short.averageNone': 'No session held, so no average ({needed} needed).',
	'year.print': 'Print',
	'year.xlsx': 'Save as Excel (XLSX)',
	'year.report.heading': '{fy} {place}: activity report',
	'year.report.to': 'To the social welfare council',
	'year.report.organisation': 'Group: {place}',
	'year.report.signature': 'Representative’s signature',
	'year.report.signedOn': 'Date:',
	'year.sheet.name': 'Activity',
	'salonYears.title': 'Every salon’s year and grant verdict',
	'salonYears.intro':
		'Each salon’s fiscal year from the records on the server (latest correction, deleted ones excluded).',
	'salonYears.noRules':
		'This city’s social welfare council has no grant requirements registered, so no verdict is shown.',
	'salonYears.loading': 'Loading…',
	'salonYears.failed': 'Could not load. Open this page again while online.',
	'salonYears.col.place': 'Salon',
	'salonYears.col.verdict': 'Verdict',
	'salonYears.col.reason': 'Reason',
	'salonYears.none': 'No salon logged a session in this fiscal year.',
	'salonYears.sheet.name': 'Salons'
};
