/**
 * What a person reads for an API reason code (`{ reason, details }` bodies, per-op sync
 * answers): the catalog's `reason.<code>` text, or a plain generic sentence for a code with no
 * text (a newer server, a proxy's page) — never the code or a key. Every code the server sends
 * has its text in the work catalog (work-messages.ts); tests/unit/client/reason-text.test.ts
 * finds the codes in the server's source and fails on one without text.
 */
import { isMessageKey, type MessageKey, type Translate } from './messages';

/** Codes the app makes itself for a request that got no answer, or an op it could not send. */
export const CLIENT_REASONS = ['offline', 'op_too_large'] as const;

export const GENERIC_REASON_KEY = 'reason.unknown' satisfies MessageKey;

export interface ReasonTextOptions {
	/** Placeholders of the text (`{minutes}` of `account_locked`). */
	params?: Record<string, string | number>;
	/** A page's own wording for some codes (the login form names its two fields). */
	overrides?: Partial<Record<string, MessageKey>>;
}

export function reasonKey(
	reason: string | null | undefined,
	overrides: ReasonTextOptions['overrides'] = {}
): MessageKey {
	if (!reason) return GENERIC_REASON_KEY;
	const own = Object.hasOwn(overrides, reason) ? overrides[reason] : undefined;
	if (own) return own;
	const key = `reason.${reason}`;
	return isMessageKey(key) ? key : GENERIC_REASON_KEY;
}

export function reasonText(
	t: Translate,
	reason: string | null | undefined,
	options: ReasonTextOptions = {}
): string {
	return t(reasonKey(reason, options.overrides), options.params);
}
