// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n/messages';

declare global {
	namespace App {
		interface Error {
			message: string;
			reason?: string;
		}
		interface Locals {
			lang: Lang;
			largeText: boolean;
		}
	}
}

export {};
