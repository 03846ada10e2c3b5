import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	KIT_TRANSPORT,
	SIDE_EFFECT_FREE,
	UNEVAL_ASSIGNMENT,
	withoutClientUneval
} from '../../../scripts/client-trim';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const KIT_TRANSPORT_FILE = join(
	packageDir('@sveltejs/kit'),
	'src/runtime/app/internal/transport.js'
);
const CUSTOM_ELEMENT_FILE = join(
	packageDir('svelte'),
	'src/internal/client/dom/elements/custom-element.js'
);

describe('client trims against the installed SvelteKit and Svelte', () => {
	it('finds the uneval wrapper in Kit’s transport module and removes only that', () => {
		expect(KIT_TRANSPORT.test(KIT_TRANSPORT_FILE)).toBe(true);
		const code = readFileSync(KIT_TRANSPORT_FILE, 'utf8');
		const trimmed = withoutClientUneval(code);
		expect(trimmed).not.toContain(UNEVAL_ASSIGNMENT);
		// The client's own needs stay: parse and stringify.
		expect(trimmed).toContain('stringify = (data) => devalue.stringify(data, encoders);');
		expect(trimmed).toContain('parse = (data) => devalue.parse(data, decoders);');
	});

	it('fails the build when Kit’s transport module changed shape', () => {
		expect(() => withoutClientUneval('export let uneval;')).toThrow(/transport\.js/);
	});

	it('marks Svelte’s custom-element module, and nothing of ours, as free of side effects', () => {
		expect(SIDE_EFFECT_FREE.some((rule) => rule.test.test(CUSTOM_ELEMENT_FILE))).toBe(true);
		expect(readFileSync(CUSTOM_ELEMENT_FILE, 'utf8')).toContain('export function create_custom_element');
		expect(SIDE_EFFECT_FREE.some((rule) => rule.test.test('/app/src/lib/client/startup.ts'))).toBe(
			false
		);
	});
});
