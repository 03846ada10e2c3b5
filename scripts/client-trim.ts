/**
 * Library code the browser never runs but the bundler cannot prove unused, kept out of the
 * client's start-up code (used by vite.config.ts, client environment only).
 *
 * Why: under SvelteKit 3 the shell chunk grew by about 7 KB gzip, mostly code no page calls:
 *  - Svelte's custom-element wrapper (`create_custom_element`, which pulls in the legacy class
 *    component API): its module defines a class at top level when `HTMLElement` exists, which
 *    counts as a side effect, so it stays even though no component of ours is a custom element;
 *  - devalue's `uneval`: Kit's transport module (`#app/internal/transport`) assigns its
 *    `uneval` wrapper in `init_transport`, which the client calls at start. Only the server
 *    calls `uneval` (to inline data in the HTML); the client uses `parse` and `stringify`.
 * Each trim checks that the code it removes is still there, so a Kit or Svelte update that
 * moves it fails the build instead of silently bringing the bytes back or breaking something.
 */
import type { Plugin } from 'vite';

/** Modules with no effect of their own on import (`treeshake.moduleSideEffects` rules). */
export const SIDE_EFFECT_FREE = [
	{
		test: /[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]dom[\\/]elements[\\/]custom-element\.js$/,
		sideEffects: false
	}
];

export const KIT_TRANSPORT =
	/[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]app[\\/]internal[\\/]transport\.js$/;
export const UNEVAL_ASSIGNMENT = 'uneval = (data) => devalue.uneval(data, replacer);';

/** Kit's transport module without its `uneval` wrapper: `uneval` keeps its throwing default. */
export function withoutClientUneval(code: string): string {
	if (!code.includes(UNEVAL_ASSIGNMENT)) {
		throw new Error(
			`scripts/client-trim.ts: SvelteKit's transport.js no longer contains "${UNEVAL_ASSIGNMENT}"; check what the client needs from it and update the trim`
		);
	}
	return code.replace(UNEVAL_ASSIGNMENT, '');
}

/** The Vite plugin: client build only (the server renders with `uneval`). */
export function clientTrim(): Plugin {
	return {
		name: 'ibasho-client-trim',
		apply: 'build',
		applyToEnvironment: (environment) => environment.name === 'client',
		transform: {
			filter: { id: KIT_TRANSPORT },
			handler(code) {
				return { code: withoutClientUneval(code), map: null };
			}
		}
	};
}
