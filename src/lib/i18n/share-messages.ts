/**
 * Strings of sharing, printing, calendars and installing (the settings page's install hint): the place page's share box and calendar link, the
 * A4 flyer, the district handout's QR column and the .ics files. Japanese source, English with
 * the same keys (type-checked). Loaded by those pages' `load` and the calendar endpoints
 * (`loadShareMessages` in messages.ts), so the home page's first load does not carry them.
 */
export const shareJa = {
	'place.addToCalendar': 'カレンダーに追加',
	'place.calendarHint': '予定表アプリに開催日が入ります（祝日は休みのことがあります）',
	'place.flyer': 'チラシを印刷（A4）',
	'share.button': '共有する',
	'share.copied': 'URLをコピーしました',
	'share.copyFailed': 'コピーできませんでした。上のURLを長押ししてコピーしてください',
	'share.qr': 'QRコード',
	'share.qrAlt': '{name}のページを開くQRコード',
	'flyer.scan': 'スマートフォンのカメラで読み取ると、このページが開きます',
	'flyer.print': '印刷する',
	'flyer.back': 'この場所のページへ戻る',
	'flyer.map': '地図（目印は場所の位置）',
	'calendar.placeName': '{name}（居場所）',
	'calendar.districtName': '{name}のつどいの場（居場所）',
	'calendar.pausedNote': 'いまは休止中です。再開すると予定が入ります。',
	'calendar.noRuleNote': '開催日の決まりが登録されていないため、予定はありません。',
	'calendar.districtNote':
		'開催日の決まりがある、活動中の場所の予定です。祝日は休みのことがあります。',
	'district.calendar': 'この地区の開催日をカレンダーに追加',
	'install.heading': 'ホーム画面に追加',
	'install.intro': 'アプリのようにホーム画面から開けます。電波がなくても使えます。',
	'install.button': 'ホーム画面に追加する',
	'install.installed': 'この端末にはホーム画面に追加済みです。',
	'install.iosSteps':
		'iPhone・iPadでは、Safariの下（iPadは上）にある共有ボタン（四角から上向きの矢印）をタップし、「ホーム画面に追加」を選んでください。',
	'install.menuSteps':
		'ブラウザのメニュー（︙ や …）から「ホーム画面に追加」または「アプリをインストール」を選んでください。',
	'install.done': 'ホーム画面に追加しました。'
} as const;

export type ShareMessageKey = keyof typeof shareJa;

export const shareEn: Record<ShareMessageKey, string> = {
	'place.addToCalendar': 'Add to calendar',
	'place.calendarHint': 'Puts the dates in your calendar app (it may not meet on holidays)',
	'place.flyer': 'Print a flyer (A4)',
	'share.button': 'Share',
	'share.copied': 'Link copied',
	'share.copyFailed': 'Could not copy. Press and hold the link above to copy it',
	'share.qr': 'QR code',
	'share.qrAlt': 'QR code that opens the page of {name}',
	'flyer.scan': 'Scan with a phone camera to open this page',
	'flyer.print': 'Print',
	'flyer.back': 'Back to this place',
	'flyer.map': 'Map (the marker is the place)',
	'calendar.placeName': '{name} (Ibasho)',
	'calendar.districtName': 'Gatherings in {name} (Ibasho)',
	'calendar.pausedNote': 'Paused for now. Dates come back when it meets again.',
	'calendar.noRuleNote': 'No regular schedule is registered, so there are no dates.',
	'calendar.districtNote':
		'Dates of the active places with a regular schedule. They may not meet on holidays.',
	'district.calendar': 'Add this district’s dates to a calendar',
	'install.heading': 'Add to home screen',
	'install.intro': 'Open it from your home screen like an app. It works without a signal.',
	'install.button': 'Add to home screen',
	'install.installed': 'This device already has it on the home screen.',
	'install.iosSteps':
		'On iPhone or iPad, tap the Share button in Safari (a square with an arrow pointing up, at the bottom; at the top on iPad) and choose “Add to Home Screen”.',
	'install.menuSteps':
		'Open the browser menu (⋮ or …) and choose “Add to Home screen” or “Install app”.',
	'install.done': 'Added to the home screen.'
};
