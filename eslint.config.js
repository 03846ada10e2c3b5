import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { loadConfig } from '@sveltejs/load-config';

const svelteConfig = (await loadConfig('./', { traverse: false }))?.config;

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// `_name` marks a binding left out on purpose (e.g. dropping a field by destructuring).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			],
			// The app is served at the origin's root (adapter-node, no paths.base), so plain
			// hrefs are exact; resolve() would only add noise to every link.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The domain core is framework-free: it must run in node, the browser and the service worker.
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '$app/*', '$env/*'],
							message: 'domain is framework-free'
						},
						{
							group: ['dexie', 'leaflet', 'leaflet/*'],
							message: 'domain is storage- and map-free'
						},
						{
							group: ['#lib/server/*', '**/server/**', '#lib/client/*', '**/client/**'],
							message: 'domain depends on nothing above it'
						},
						{ group: ['@electric-sql/*', 'pg'], message: 'only src/lib/server touches SQL' }
					]
				}
			]
		}
	},
	{
		// Only the client store touches Dexie; only map components touch Leaflet.
		files: ['src/**'],
		ignores: ['src/lib/client/db/**', 'src/lib/map/**', 'src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'dexie', message: 'Dexie lives in src/lib/client/db only' },
						{ name: 'leaflet', message: 'Leaflet lives in src/lib/map only' }
					]
				}
			]
		}
	},
	{
		ignores: [
			'build/',
			'.builds/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'packs/*/source/'
		]
	}
);
