// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '#lib/i18n/messages.js';
import type { Locale } from '#lib/i18n/locales.js';
import type { Account } from '#lib/server/auth/accounts-repo.js';

declare global {
	namespace App {
		interface Error {
			message: string;
			reason?: string;
		}
		interface Locals {
			/** The reader's locale (locales.ts) and its base language. */
			locale: Locale;
			lang: Lang;
			largeText: boolean;
			/** The signed-in person, or null for a resident (anonymous, read-only). */
			account: Account | null;
		}
	}
}

export {};
