/**
 * Strings of the plan-indicator screens (staff): dashboard, entry, print view. Japanese
 * source, English with the same keys (type-checked in messages.ts).
 */
export const indicatorJa = {
	'work.indicators': '計画の指標',
	'reason.unknown_indicator': 'この計画にその番号の指標はありません。',
	'reason.outside_plan_period': '計画の期間外の年度です。',
	'reason.invalid_value':
		'値が指標の形式に合っていません（整数・小数の桁・系列を確認してください）。',
	'reason.unknown_source': '出典の資料が見つかりません。'
} as const;

export const indicatorEn: Record<keyof typeof indicatorJa, string> = {
	'work.indicators': 'Plan indicators',
	'reason.unknown_indicator': 'The plan has no indicator with that number.',
	'reason.outside_plan_period': 'That fiscal year is outside the plan period.',
	'reason.invalid_value':
		'The value does not fit the indicator (check whole numbers, decimals and series).',
	'reason.unknown_source': 'The source document was not found.'
};
