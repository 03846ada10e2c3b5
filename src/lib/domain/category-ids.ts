/**
 * Place category ids, apart from the rest of model.ts so that modules model.ts names (the
 * paperwork's grant rules) can check a category without importing model.ts back.
 */

export const CATEGORY_IDS = [
	'salon',
	'kids-salon',
	'support-council',
	'shelter',
	'welfare-shelter',
	'public-facility',
	'gathering',
	'fureai-service'
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/**
 * Kinds of record kept like a place that are not places to go, so never shown to residents:
 * ふれあいサービス is the 社会福祉協議会's member-based mutual help (利用会員 helped at home by
 * 協力会員); its coordinator registers it per district to log the hours of its activities.
 */
export const INTERNAL_CATEGORY_IDS = ['fureai-service'] as const satisfies readonly CategoryId[];
export const isInternalCategory = (id: string): boolean =>
	(INTERNAL_CATEGORY_IDS as readonly string[]).includes(id);
/** The categories residents can find and filter by. */
export const PUBLIC_CATEGORY_IDS = CATEGORY_IDS.filter((c) => !isInternalCategory(c));
